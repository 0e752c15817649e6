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

function deriveKey(password: string, salt: Buffer, cost: { N: number; r: number; p: number }) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, 32, { ...cost, maxmem: KDF.maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `iv.tag.ciphertext`, base64 each; the entry's name is bound in as additional data. */
function seal(key: Buffer, name: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}

function open(key: Buffer, name: string, sealed: string): string | undefined {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
  if (!iv || !tag || !data) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
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
    const salt = randomBytes(16);
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
    const extra = file.extra ?? {};
    const cost = { N: Number(extra.N), r: Number(extra.r), p: Number(extra.p) };
    const key = await deriveKey(password, Buffer.from(extra.salt ?? '', 'base64'), cost);
    const check = open(key, CHECK_NAME, extra.check ?? '');
    const expected = Buffer.from(CHECK_TEXT, 'utf8');
    if (check === undefined || !timingSafeEqual(Buffer.from(check, 'utf8'), expected)) {
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
