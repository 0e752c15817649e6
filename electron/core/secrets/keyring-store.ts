/**
 * The OS keyring (Secret Service on Linux, Keychain, Windows Credential Manager) through
 * `@napi-rs/keyring`. The package is optional: it is looked up at run time, and a keyring that
 * does not answer (no D-Bus secret service, as on headless Linux) counts as absent.
 */
import { randomBytes } from 'node:crypto';
import type { SecretProtection } from '../../../shared/contract/sites';
import type { SecretStore } from './secret-store';

/** The part of `@napi-rs/keyring`'s `Entry` class Ferry uses. */
export interface KeyringEntry {
  setPassword(password: string): void;
  getPassword(): string | null | undefined;
  deletePassword(): unknown;
}
export type KeyringEntryClass = new (service: string, account: string) => KeyringEntry;

const SERVICE = 'Ferry';
const KEYRING_MODULE = '@napi-rs/keyring';

/** Loads the binding if it is installed; undefined otherwise. */
export async function loadKeyringModule(): Promise<KeyringEntryClass | undefined> {
  try {
    // A variable specifier: the package is optional and must not be bundled or required.
    const mod: unknown = await import(/* @vite-ignore */ KEYRING_MODULE);
    const entry = (mod as { Entry?: unknown } | null)?.Entry;
    return typeof entry === 'function' ? (entry as KeyringEntryClass) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes, reads back and deletes a throw-away entry: the only reliable "is anyone there?". */
export function keyringAnswers(Entry: KeyringEntryClass): boolean {
  try {
    const probe = new Entry(SERVICE, `probe-${randomBytes(6).toString('hex')}`);
    const value = randomBytes(12).toString('hex');
    probe.setPassword(value);
    const readBack = probe.getPassword();
    probe.deletePassword();
    return readBack === value;
  } catch {
    return false;
  }
}

export class KeyringSecretStore implements SecretStore {
  readonly protection: SecretProtection = { kind: 'keyring' };

  constructor(private readonly Entry: KeyringEntryClass) {}

  async get(name: string): Promise<string | undefined> {
    try {
      return new this.Entry(SERVICE, name).getPassword() ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(name: string, value: string): Promise<void> {
    new this.Entry(SERVICE, name).setPassword(value);
  }

  async delete(name: string): Promise<void> {
    try {
      new this.Entry(SERVICE, name).deletePassword();
    } catch {
      // Nothing saved under that name: nothing to forget.
    }
  }
}
