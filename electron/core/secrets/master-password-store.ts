/**
 * The opt-in file store for machines with no OS protection: every secret is sealed with
 * AES-256-GCM under a key derived from the user's master password with scrypt (vault-crypto.ts).
 * The key lives only in memory; after a restart the store is locked until the user types the
 * master password. The whole vault is one file replaced atomically, so changing the master
 * password (which re-seals every entry) leaves either the old vault or the new one, never a mix.
 */
import type { SecretProtection } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import type { AtomicWriteOptions } from '../sites/atomic-file';
import {
  lockedSecretUpdate,
  readSecretFile,
  SerialQueue,
  type CommitSecretFile,
  type SecretFileContent,
} from './secret-file';
import type { SecretStore } from './secret-store';
import { deriveKey, keyOpensCheck, newVaultKey, open, seal, vaultSettings } from './vault-crypto';

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

function rekeyedElsewhere(): FerryError {
  return new FerryError(
    'secret_unavailable',
    'The master password was changed in another Ferry window, so saved passwords are locked here.',
    'Unlock them with the new master password in the site manager.',
  );
}

function wrongMasterPassword(nothingChanged: boolean): FerryError {
  return new FerryError(
    'auth_failed',
    nothingChanged
      ? 'That is not the current master password. Nothing was changed.'
      : 'That is not the master password.',
    nothingChanged
      ? 'Type the master password you use now. If you forgot it, choose “Forgot the master password” to start again without the saved passwords.'
      : 'Type it again. Without it, Ferry cannot read the saved passwords.',
  );
}

export class MasterPasswordSecretStore implements SecretStore {
  private key: Buffer | undefined;
  /** The check text the key was proven against; another one means the vault was re-keyed. */
  private keyCheck: string | undefined;
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly filePath: string,
    /** Test seam: lets a test kill the process in the middle of a write. */
    private readonly writeOptions: AtomicWriteOptions = {},
  ) {}

  get protection(): SecretProtection {
    return { kind: 'master-password', unlocked: this.key !== undefined };
  }

  /** The vault at `filePath`, when the user opted into one earlier; it starts locked. */
  static async existing(
    filePath: string,
    writeOptions?: AtomicWriteOptions,
  ): Promise<MasterPasswordSecretStore | undefined> {
    const file = await readSecretFile(filePath);
    return file?.kind === 'master-password'
      ? new MasterPasswordSecretStore(filePath, writeOptions)
      : undefined;
  }

  /** Creates a new, empty vault, unlocked with `password`. */
  static async create(filePath: string, password: string): Promise<MasterPasswordSecretStore> {
    const fresh = await newVaultKey(password);
    const store = new MasterPasswordSecretStore(filePath);
    await lockedSecretUpdate(store.queue, filePath, async (commit) => {
      if ((await readSecretFile(filePath))?.kind === 'master-password') {
        throw new FerryError(
          'invalid_input',
          'A master password was set meanwhile in another Ferry window.',
          'Close this window and unlock the saved passwords with that master password.',
        );
      }
      await commit({ version: 1, kind: 'master-password', extra: fresh.extra, entries: {} });
    });
    store.useKey(fresh.key, fresh.extra.check ?? '');
    return store;
  }

  async unlock(password: string): Promise<void> {
    const file = await this.readVault();
    const key = await this.keyFor(file, password);
    if (!key) throw wrongMasterPassword(false);
    this.useKey(key, file.extra?.check ?? '');
  }

  async get(name: string): Promise<string | undefined> {
    const key = this.requireKey();
    const file = await this.readVault();
    this.assertSameKey(file);
    const sealed = file.entries[name];
    return sealed === undefined ? undefined : open(key, name, sealed);
  }

  set(name: string, value: string): Promise<void> {
    const key = this.requireKey();
    return this.modify((entries) => ({ ...entries, [name]: seal(key, name, value) }), true);
  }

  delete(name: string): Promise<void> {
    // Forgetting needs no key: the entry is removed, not read.
    return this.modify((entries) => {
      const rest = { ...entries };
      delete rest[name];
      return rest;
    }, false);
  }

  /**
   * Re-seals every entry under `next`, in one atomic replacement of the vault. A wrong `current`
   * changes nothing. Entries that no longer open (tampered with) cannot be carried over and are
   * dropped; their number is returned.
   */
  async changePassword(current: string, next: string): Promise<{ dropped: number }> {
    // The new key first, outside the lock: scrypt takes a while and nothing depends on the file.
    const fresh = await newVaultKey(next);
    return this.update(async (file, commit) => {
      const key = await this.keyFor(file, current);
      if (!key) throw wrongMasterPassword(true);
      const { values, dropped } = openAll(key, file.entries);
      const entries = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [name, seal(fresh.key, name, value)]),
      );
      await commit({ ...file, extra: fresh.extra, entries });
      this.useKey(fresh.key, fresh.extra.check ?? '');
      return { dropped };
    });
  }

  /**
   * Hands every saved secret to `moveTo` and then deletes the vault, all while holding the
   * vault's lock (no other process can add a secret that would be lost). A crash in between
   * leaves the vault in place: the move is simply done again.
   */
  async moveOut(
    password: string,
    moveTo: (values: Record<string, string>) => Promise<void>,
  ): Promise<void> {
    await this.update(async (file, _commit, remove) => {
      const key = await this.keyFor(file, password);
      if (!key) throw wrongMasterPassword(true);
      await moveTo(openAll(key, file.entries).values);
      await remove();
    });
    this.forgetKey();
  }

  /** Deletes the vault with everything in it: for a forgotten master password. */
  async destroy(): Promise<void> {
    await this.update(async (_file, _commit, remove) => remove(), { missingIsFine: true });
    this.forgetKey();
  }

  private useKey(key: Buffer, check: string): void {
    this.key = key;
    this.keyCheck = check;
  }

  private forgetKey(): void {
    this.key = undefined;
    this.keyCheck = undefined;
  }

  /** The key for `password` if it is the vault's master password. */
  private async keyFor(file: SecretFileContent, password: string): Promise<Buffer | undefined> {
    const settings = vaultSettings(file.extra ?? {});
    if (!settings) throw damagedVault(this.filePath);
    const key = await deriveKey(password, settings.salt, settings.cost);
    return keyOpensCheck(key, settings.check) ? key : undefined;
  }

  private requireKey(): Buffer {
    if (!this.key) throw lockedError();
    return this.key;
  }

  /** Another process changed the master password: our key would seal entries nobody can open. */
  private assertSameKey(file: SecretFileContent): void {
    if (file.extra?.check === this.keyCheck) return;
    this.forgetKey();
    throw rekeyedElsewhere();
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

  private modify(
    change: (entries: Record<string, string>) => Record<string, string>,
    needsKey: boolean,
  ): Promise<void> {
    return this.update(async (file, commit) => {
      if (needsKey) this.assertSameKey(file);
      await commit({ ...file, entries: change(file.entries) });
    });
  }

  /** A locked read-modify-write of the vault (see lockedSecretUpdate). */
  private update<T>(
    task: (
      file: SecretFileContent,
      commit: CommitSecretFile,
      remove: () => Promise<void>,
    ) => Promise<T>,
    options: { missingIsFine?: boolean } = {},
  ): Promise<T> {
    return lockedSecretUpdate(
      this.queue,
      this.filePath,
      async (commit, remove) => {
        const file = options.missingIsFine
          ? ((await readSecretFile(this.filePath).catch(() => undefined)) ?? emptyVault())
          : await this.readVault();
        return task(file, commit, remove);
      },
      this.writeOptions,
    );
  }
}

function emptyVault(): SecretFileContent {
  return { version: 1, kind: 'master-password', entries: {} };
}

/** Every entry that opens under `key`, and how many did not. */
function openAll(
  key: Buffer,
  entries: Record<string, string>,
): { values: Record<string, string>; dropped: number } {
  const values: Record<string, string> = {};
  let dropped = 0;
  for (const [name, sealed] of Object.entries(entries)) {
    const value = open(key, name, sealed);
    if (value === undefined) dropped++;
    else values[name] = value;
  }
  return { values, dropped };
}
