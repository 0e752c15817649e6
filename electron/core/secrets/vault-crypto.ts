/**
 * The master-password vault's cryptography: scrypt turns the master password into a key,
 * AES-256-GCM seals each entry with its name bound in, and a sealed check text tells a right
 * master password from a wrong one. Settings read from the file are trusted only when they are
 * ones Ferry writes.
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';

/** scrypt cost: N=2^15, r=8, p=1 (~32 MiB, ~0.1 s here): OWASP's minimum for scrypt. */
export const KDF = { N: 32_768, r: 8, p: 1, maxmem: 96 * 1024 * 1024 } as const;
export const CHECK_NAME = 'ferry:vault-check';
export const CHECK_TEXT = 'Ferry master password check';
/** GCM: 96-bit nonces and full 128-bit tags only; a shorter tag is easier to forge. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SALT_BYTES = 16;

export type ScryptCost = { N: number; r: number; p: number };

export function deriveKey(password: string, salt: Buffer, cost: ScryptCost) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, 32, { ...cost, maxmem: KDF.maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `iv.tag.ciphertext`, base64 each; the entry's name is bound in as additional data. */
export function seal(key: Buffer, name: string, value: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}

/** The parts of a sealed value, or undefined when it is not one Ferry writes. */
function sealedParts(sealed: string): { iv: Buffer; tag: Buffer; data: Buffer } | undefined {
  const parts = sealed.split('.');
  if (parts.length !== 3) return undefined;
  const [iv, tag, data] = parts.map((part) => Buffer.from(part, 'base64'));
  if (!iv || !tag || !data || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
  return { iv, tag, data };
}

export function open(key: Buffer, name: string, sealed: string): string | undefined {
  const parts = sealedParts(sealed);
  if (!parts) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.data), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

const isPowerOfTwo = (n: number) =>
  Number.isSafeInteger(n) && n > 0 && Number.isInteger(Math.log2(n));

/**
 * The key-derivation settings of a vault, when they are ones Ferry would write: scrypt with
 * N a power of two from 2^15 up to what the memory cap allows, r = 8, p = 1, a 16-byte salt.
 * Anything else is not trusted (a file edited to make the key cheap to guess, or to exhaust memory).
 */
export function vaultSettings(
  extra: Record<string, string>,
): { salt: Buffer; cost: ScryptCost; check: string } | undefined {
  const whole = (text: string | undefined) =>
    /^[1-9]\d{0,15}$/.test(text ?? '') ? Number(text) : NaN;
  const cost = { N: whole(extra.N), r: whole(extra.r), p: whole(extra.p) };
  const salt = Buffer.from(extra.salt ?? '', 'base64');
  const check = extra.check ?? '';
  const fits =
    extra.kdf === 'scrypt' &&
    isPowerOfTwo(cost.N) &&
    cost.N >= KDF.N &&
    128 * cost.N * cost.r <= KDF.maxmem &&
    cost.r === KDF.r &&
    cost.p === KDF.p &&
    salt.length === SALT_BYTES &&
    sealedParts(check) !== undefined;
  return fits ? { salt, cost, check } : undefined;
}

/** True when `key` opens the vault's check text: the master password was right. */
export function keyOpensCheck(key: Buffer, check: string): boolean {
  const expected = Buffer.from(CHECK_TEXT, 'utf8');
  const actual = Buffer.from(open(key, CHECK_NAME, check) ?? '', 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A fresh salt, the key for `password` under it, and the settings to store beside the entries. */
export async function newVaultKey(
  password: string,
): Promise<{ key: Buffer; extra: Record<string, string> }> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KDF);
  return {
    key,
    extra: {
      kdf: 'scrypt',
      salt: salt.toString('base64'),
      N: String(KDF.N),
      r: String(KDF.r),
      p: String(KDF.p),
      check: seal(key, CHECK_NAME, CHECK_TEXT),
    },
  };
}
