import type { SecretProtection } from '../../../shared/contract/sites';

/**
 * Where passwords and passphrases live, never in the sites file. Names look like
 * `site:<id>:password`; values are the secrets themselves.
 */
export interface SecretStore {
  readonly protection: SecretProtection;
  /** undefined when nothing is saved under that name (or it can no longer be read). */
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Saves many at once, where the store can do that in one write. */
  setMany?(values: Record<string, string>): Promise<void>;
}

/** What Electron's `safeStorage` offers; the desktop app passes the real one. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: `basic_text` means a fixed, publicly known key (no protection). */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export function secretName(
  siteId: string,
  kind: 'password' | 'passphrase' | 'proxy-password' | 'jump-password' | 'jump-passphrase',
): string {
  return `site:${siteId}:${kind}`;
}
