import type { SecretProtection } from '../../../shared/contract/sites';
import { readSecretFile, SerialQueue, writeSecretFile } from './secret-file';
import type { SafeStorageLike, SecretStore } from './secret-store';

/** True when safeStorage protects secrets with the OS (not Linux's fixed-key `basic_text`). */
export function safeStorageProtects(safeStorage: SafeStorageLike | undefined): boolean {
  if (!safeStorage) return false;
  try {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  } catch {
    return false;
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
    const backend = safeStorage.getSelectedStorageBackend?.();
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

  private modify(change: (entries: Record<string, string>) => Record<string, string>) {
    return this.queue.run(async () => {
      const current = await readSecretFile(this.filePath);
      await writeSecretFile(this.filePath, {
        version: 1,
        kind: 'safe-storage',
        entries: change(current?.entries ?? {}),
      });
    });
  }
}
