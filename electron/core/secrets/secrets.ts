/**
 * Picks the best protection this machine offers and hands out one SecretStore:
 * 1. Electron safeStorage (desktop), unless Linux fell back to `basic_text`;
 * 2. the OS keyring via the optional `@napi-rs/keyring`, when a keyring answers;
 * 3. a master-password vault, if the user opted into one earlier;
 * 4. nothing: passwords are asked at connect time (the user may opt into a vault).
 */
import { join } from 'node:path';
import type { SecretProtection } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import {
  KeyringSecretStore,
  keyringAnswers,
  loadKeyringModule,
  type KeyringEntryClass,
} from './keyring-store';
import { MasterPasswordSecretStore } from './master-password-store';
import { SafeStorageSecretStore, safeStorageProtects } from './safe-storage-store';
import type { SafeStorageLike, SecretStore } from './secret-store';

export interface SecretsOptions {
  dataDir: string;
  safeStorage?: SafeStorageLike;
  /** Finds the keyring binding; defaults to importing `@napi-rs/keyring` if installed. */
  loadKeyring?: () => Promise<KeyringEntryClass | undefined>;
}

export const SAFE_STORAGE_FILE = 'secrets.json';
export const VAULT_FILE = 'secrets.vault.json';

export class Secrets {
  private constructor(
    private store: SecretStore | undefined,
    private readonly dataDir: string,
  ) {}

  static async open(options: SecretsOptions): Promise<Secrets> {
    const { dataDir, safeStorage } = options;
    if (safeStorage && safeStorageProtects(safeStorage)) {
      return new Secrets(
        new SafeStorageSecretStore(safeStorage, join(dataDir, SAFE_STORAGE_FILE)),
        dataDir,
      );
    }
    const Entry = await (options.loadKeyring ?? loadKeyringModule)();
    if (Entry && keyringAnswers(Entry)) return new Secrets(new KeyringSecretStore(Entry), dataDir);
    const vault = await MasterPasswordSecretStore.existing(join(dataDir, VAULT_FILE));
    return new Secrets(vault, dataDir);
  }

  get protection(): SecretProtection {
    return this.store?.protection ?? { kind: 'none' };
  }

  /** True when a secret given now would be saved (a locked vault cannot take new ones). */
  get canStore(): boolean {
    const p = this.protection;
    return p.kind === 'master-password' ? p.unlocked : p.kind !== 'none';
  }

  async get(name: string): Promise<string | undefined> {
    return this.store?.get(name);
  }

  async set(name: string, value: string): Promise<void> {
    if (!this.store) {
      throw new FerryError(
        'secret_unavailable',
        'Ferry has no safe place to keep passwords on this computer.',
        'Connect without saving it (Ferry asks each time), or turn on a master password in the site manager.',
      );
    }
    await this.store.set(name, value);
  }

  async delete(name: string): Promise<void> {
    await this.store?.delete(name);
  }

  /** Opts into the master-password vault; only when nothing better protects secrets. */
  async useMasterPassword(password: string): Promise<SecretProtection> {
    if (this.store) {
      throw new FerryError(
        'invalid_input',
        'Saved passwords are already protected.',
        this.store instanceof MasterPasswordSecretStore
          ? 'Unlock them with your master password.'
          : undefined,
      );
    }
    this.store = await MasterPasswordSecretStore.create(join(this.dataDir, VAULT_FILE), password);
    return this.protection;
  }

  async unlock(password: string): Promise<SecretProtection> {
    if (!(this.store instanceof MasterPasswordSecretStore)) {
      throw new FerryError('invalid_input', 'There is no master password to unlock.');
    }
    await this.store.unlock(password);
    return this.protection;
  }
}
