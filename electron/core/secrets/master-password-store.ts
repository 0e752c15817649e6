/**
 * The opt-in file store for machines with no OS protection: every secret is sealed with
 * AES-256-GCM under a key derived from the user's master password with scrypt. The key lives
 * only in memory; after a restart the store is locked until the user types the master password.
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import type { SecretProtection } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import {
  readSecretFile,
  SerialQueue,
  writeSecretFile,
  type SecretFileContent,
} from './secret-file';
import type { SecretStore } from './secret-store';

/** scrypt cost: N=2^15, r=8, p=1 (~32 MiB, ~0.1 s here): OWASP's minimum for scrypt. */
const KDF = { N: 32_768, r: 8, p: 1, maxmem: 96 * 1024 * 1024 } as const;
const CHECK_NAME = 'ferry:vault-check';
const CHECK_TEXT = 'Ferry master password check';
/** GCM: 96-bit nonces and full 128-bit tags only; a shorter tag is easier to forge. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT_BYTES = 16;

type ScryptCost = { N: number; r: number; p: number };

function deriveKey(password: string, salt: Buffer, cost: ScryptCost) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, 32, { ...cost, maxmem: KDF.maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `iv.tag.ciphertext`, base64 each; the entry's name is bound in as additional data. */
function seal(key: Buffer, name: string, value: string): string {
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

function open(key: Buffer, name: string, sealed: string): string | undefined {
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
function vaultSettings(
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

function damagedVault(filePath: string): FerryError {
  return new FerryError(
    'secret_unavailable',
    `Ferry's file of saved passwords is damaged or was changed by another program (${filePath}), so Ferry does not trust it.`,
    'Type the passwords when you connect; move the file aside to start saving them again.',
  );
}

function lockedError(): FerryError {
  return new FerryError(
    'secret_unavailable',
    'Saved passwords are locked.',
    'Unlock them with your master password in the site manager, or type the server password.',
  );
}

export class MasterPasswordSecretStore implements SecretStore {
  private key: Buffer | undefined;
  private readonly queue = new SerialQueue();

  private constructor(private readonly filePath: string) {}

  get protection(): SecretProtection {
    return { kind: 'master-password', unlocked: this.key !== undefined };
  }

  /** The vault at `filePath`, when the user opted into one earlier; it starts locked. */
  static async existing(filePath: string): Promise<MasterPasswordSecretStore | undefined> {
    const file = await readSecretFile(filePath);
    return file?.kind === 'master-password' ? new MasterPasswordSecretStore(filePath) : undefined;
  }

  /** Creates a new, empty vault, unlocked with `password`. */
  static async create(filePath: string, password: string): Promise<MasterPasswordSecretStore> {
    const salt = randomBytes(SALT_BYTES);
    const key = await deriveKey(password, salt, KDF);
    await writeSecretFile(filePath, {
      version: 1,
      kind: 'master-password',
      extra: {
        kdf: 'scrypt',
        salt: salt.toString('base64'),
        N: String(KDF.N),
        r: String(KDF.r),
        p: String(KDF.p),
        check: seal(key, CHECK_NAME, CHECK_TEXT),
      },
      entries: {},
    });
    const store = new MasterPasswordSecretStore(filePath);
    store.key = key;
    return store;
  }

  async unlock(password: string): Promise<void> {
    const file = await this.readVault();
    const settings = vaultSettings(file.extra ?? {});
    if (!settings) throw damagedVault(this.filePath);
    const key = await deriveKey(password, settings.salt, settings.cost);
    const check = open(key, CHECK_NAME, settings.check);
    const expected = Buffer.from(CHECK_TEXT, 'utf8');
    const actual = Buffer.from(check ?? '', 'utf8');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new FerryError(
        'auth_failed',
        'That is not the master password.',
        'Type it again. Without it, Ferry cannot read the saved passwords.',
      );
    }
    this.key = key;
  }

  async get(name: string): Promise<string | undefined> {
    const key = this.requireKey();
    const sealed = (await this.readVault()).entries[name];
    return sealed === undefined ? undefined : open(key, name, sealed);
  }

  set(name: string, value: string): Promise<void> {
    const key = this.requireKey();
    return this.modify((entries) => ({ ...entries, [name]: seal(key, name, value) }));
  }

  delete(name: string): Promise<void> {
    // Forgetting needs no key: the entry is removed, not read.
    return this.modify((entries) => {
      const rest = { ...entries };
      delete rest[name];
      return rest;
    });
  }

  private requireKey(): Buffer {
    if (!this.key) throw lockedError();
    return this.key;
  }

  private async readVault(): Promise<SecretFileContent> {
    const file = await readSecretFile(this.filePath);
    if (file?.kind !== 'master-password') {
      throw new FerryError(
        'secret_unavailable',
        `Ferry's file of saved passwords is missing (${this.filePath}).`,
        'Type the passwords when you connect.',
      );
    }
    return file;
  }

  private modify(change: (entries: Record<string, string>) => Record<string, string>) {
    return this.queue.run(async () => {
      const file = await this.readVault();
      await writeSecretFile(this.filePath, { ...file, entries: change(file.entries) });
    });
  }
}
