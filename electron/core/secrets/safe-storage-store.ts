import type { SecretProtection } from '../../../shared/contract/sites';
import { lockedSecretUpdate, readSecretFile, SerialQueue } from './secret-file';
import type { SafeStorageLike, SecretStore } from './secret-store';

const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

/** True when safeStorage protects secrets with the OS (not Linux's fixed-key `basic_text`). */
export function safeStorageProtects(safeStorage: SafeStorageLike | undefined): boolean {
  if (!safeStorage) return false;
  try {
    if (!safeStorage.isEncryptionAvailable()) return false;
    const backend = selectedBackend(safeStorage);
    // On Linux the backend must be known: `basic_text` is a fixed key, `unknown` means "not yet".
    if (process.platform === 'linux') return backend !== undefined && !WEAK_BACKENDS.has(backend);
    return backend === undefined || !WEAK_BACKENDS.has(backend);
  } catch {
    return false;
  }
}

/** Linux only; other platforms may not have the function or may throw. */
function selectedBackend(safeStorage: SafeStorageLike): string | undefined {
  try {
    return safeStorage.getSelectedStorageBackend?.();
  } catch {
    return undefined;
  }
}

/** Secrets encrypted by Electron's safeStorage (OS keychain/DPAPI/libsecret), kept in one file. */
export class SafeStorageSecretStore implements SecretStore {
  readonly protection: SecretProtection;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly filePath: string,
  ) {
    const backend = selectedBackend(safeStorage);
    this.protection = backend ? { kind: 'safe-storage', backend } : { kind: 'safe-storage' };
  }

  async get(name: string): Promise<string | undefined> {
    const entry = (await readSecretFile(this.filePath))?.entries[name];
    if (entry === undefined) return undefined;
    try {
      return this.safeStorage.decryptString(Buffer.from(entry, 'base64'));
    } catch {
      // Encrypted under another OS login or keyring: unreadable, so ask the user instead.
      return undefined;
    }
  }

  set(name: string, value: string): Promise<void> {
    const sealed = this.safeStorage.encryptString(value).toString('base64');
    return this.modify((entries) => ({ ...entries, [name]: sealed }));
  }

  delete(name: string): Promise<void> {
    return this.modify((entries) => {
      const rest = { ...entries };
      delete rest[name];
      return rest;
    });
  }

  /** Saves many at once (moving passwords here from the master-password vault). */
  setMany(values: Record<string, string>): Promise<void> {
    const sealed = Object.fromEntries(
      Object.entries(values).map(([name, value]) => [
        name,
        this.safeStorage.encryptString(value).toString('base64'),
      ]),
    );
    return this.modify((entries) => ({ ...entries, ...sealed }));
  }

  private modify(change: (entries: Record<string, string>) => Record<string, string>) {
    return lockedSecretUpdate(this.queue, this.filePath, async (commit) => {
      const current = await readSecretFile(this.filePath);
      await commit({ version: 1, kind: 'safe-storage', entries: change(current?.entries ?? {}) });
    });
  }
}
