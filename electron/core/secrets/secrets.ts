/**
 * Picks where passwords live and hands out one SecretStore:
 * 1. a master-password vault, if the user opted into one (it stays until they stop using it,
 *    even if a better store appears later, or its secrets would silently vanish);
 * 2. Electron safeStorage (desktop), unless Linux fell back to `basic_text`;
 * 3. the OS keyring via the optional `@napi-rs/keyring`, when a keyring answers;
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

type OsStore = SafeStorageSecretStore | KeyringSecretStore;

async function osStoreFor(options: SecretsOptions): Promise<OsStore | undefined> {
  const { dataDir, safeStorage } = options;
  if (safeStorage && safeStorageProtects(safeStorage)) {
    return new SafeStorageSecretStore(safeStorage, join(dataDir, SAFE_STORAGE_FILE));
  }
  const Entry = await (options.loadKeyring ?? loadKeyringModule)();
  return Entry && keyringAnswers(Entry) ? new KeyringSecretStore(Entry) : undefined;
}

function noVault(action: string): FerryError {
  return new FerryError('invalid_input', `There is no master password to ${action}.`);
}

export class Secrets {
  private constructor(
    private store: SecretStore | undefined,
    /** The OS's own protection, where this computer has one. */
    private readonly osStore: OsStore | undefined,
    private readonly dataDir: string,
  ) {}

  static async open(options: SecretsOptions): Promise<Secrets> {
    const osStore = await osStoreFor(options);
    const vault = await MasterPasswordSecretStore.existing(join(options.dataDir, VAULT_FILE));
    return new Secrets(vault ?? osStore, osStore, options.dataDir);
  }

  get protection(): SecretProtection {
    const protection = this.store?.protection ?? { kind: 'none' };
    if (protection.kind !== 'master-password' || !this.osStore) return protection;
    const alternative = this.osStore instanceof SafeStorageSecretStore ? 'safe-storage' : 'keyring';
    return { ...protection, alternative };
  }

  /** True when a secret given now would be saved (a locked vault cannot take new ones). */
  get canStore(): boolean {
    const p = this.protection;
    return p.kind === 'master-password' ? p.unlocked : p.kind !== 'none';
  }

  /**
   * Follows a change another process made: a vault created, or deleted (forgotten, or moved to
   * the OS store), by the `ferry` command or another edition using the same data folder.
   */
  async refresh(): Promise<void> {
    const path = join(this.dataDir, VAULT_FILE);
    let vault: MasterPasswordSecretStore | undefined;
    try {
      vault = await MasterPasswordSecretStore.existing(path);
    } catch {
      return; // unreadable right now: keep what we have, the next call says what is wrong
    }
    if (this.store instanceof MasterPasswordSecretStore) {
      if (!vault) this.store = this.osStore;
    } else if (vault) {
      this.store = vault;
    }
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
    await this.vault('unlock').unlock(password);
    return this.protection;
  }

  /** Re-encrypts every saved secret under `next`; leaves the vault unlocked with it. */
  async changeMasterPassword(current: string, next: string): Promise<SecretProtection> {
    await this.vault('change').changePassword(current, next);
    return this.protection;
  }

  /** Moves every saved secret into the OS store and deletes the vault. */
  async stopMasterPassword(password: string): Promise<SecretProtection> {
    const vault = this.vault('stop using');
    const target: SecretStore | undefined = this.osStore;
    if (!target) {
      throw new FerryError(
        'secret_unavailable',
        'This computer offers no other safe place for passwords, so Ferry keeps the master password.',
        'Without it, saved passwords would have no protection. Change the master password instead if you want another one.',
      );
    }
    await vault.moveOut(password, async (values) => {
      if (target.setMany) await target.setMany(values);
      else for (const [name, value] of Object.entries(values)) await target.set(name, value);
    });
    this.store = target;
    return this.protection;
  }

  /** Deletes the vault and every secret in it (they cannot be read without the password). */
  async forgetMasterPasswordVault(): Promise<SecretProtection> {
    await this.vault('forget').destroy();
    this.store = this.osStore;
    return this.protection;
  }

  private vault(action: string): MasterPasswordSecretStore {
    if (!(this.store instanceof MasterPasswordSecretStore)) throw noVault(action);
    return this.store;
  }
}
