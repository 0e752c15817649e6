import { FerryError } from '../../../shared/errors';
import { JsonListStore } from './json-list-store';
import { FINGERPRINT_PATTERN } from './known-hosts-fingerprint';

/** One SSH host key the user chose to trust. */
export interface KnownHostKey {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** ISO date the user trusted it. */
  addedAt: string;
}

export type KnownHostStatus = 'unknown' | 'match' | 'changed';

/** `host:port`, with IPv6 hosts bracketed and names lower-cased (DNS names are case-blind). */
export function hostKeyId(host: string, port: number): string {
  const name = host.trim().toLowerCase();
  return name.includes(':') ? `[${name}]:${port}` : `${name}:${port}`;
}

/**
 * Ferry's own known-hosts store: a small JSON file (not ~/.ssh/known_hosts, which belongs to
 * the user's OpenSSH), shared by the CLI and the app.
 */
export class KnownHosts {
  private readonly store: JsonListStore<KnownHostKey>;

  constructor(filePath: string) {
    this.store = new JsonListStore({
      filePath,
      listKey: 'keys',
      isEntry: isKnownHostKey,
      listName: 'trusted servers',
      afterReset: 'every server will ask to be trusted again.',
    });
  }

  /**
   * `match` when this exact key is trusted; `changed` when the host has a trusted key and this
   * is not it (a different key type counts as changed: an attacker could otherwise offer another
   * type to turn a warning into a first-contact question); `unknown` otherwise.
   */
  async lookup(
    host: string,
    port: number,
    keyType: string,
    fingerprint: string,
  ): Promise<KnownHostStatus> {
    const keys = (await this.store.read()).filter((k) => sameHost(k, host, port));
    if (keys.length === 0) return 'unknown';
    return keys.some((k) => k.keyType === keyType && k.fingerprint === fingerprint)
      ? 'match'
      : 'changed';
  }

  /** Trusts a key; replaces an older key of the same type for that host. */
  add(host: string, port: number, keyType: string, fingerprint: string): Promise<void> {
    if (!FINGERPRINT_PATTERN.test(fingerprint)) {
      return Promise.reject(
        new FerryError('invalid_input', `"${fingerprint}" is not an SSH SHA256 fingerprint.`),
      );
    }
    return this.store.modify((keys) => [
      ...keys.filter((k) => !(sameHost(k, host, port) && k.keyType === keyType)),
      {
        host: host.trim().toLowerCase(),
        port,
        keyType,
        fingerprint,
        addedAt: new Date().toISOString(),
      },
    ]);
  }

  /** Forgets every key of a host (what the user does after a legitimate key change). */
  remove(host: string, port: number): Promise<void> {
    return this.store.modify((keys) => keys.filter((k) => !sameHost(k, host, port)));
  }

  list(): Promise<KnownHostKey[]> {
    return this.store.read();
  }
}

function sameHost(key: KnownHostKey, host: string, port: number): boolean {
  return hostKeyId(key.host, key.port) === hostKeyId(host, port);
}

function isKnownHostKey(value: unknown): value is KnownHostKey {
  if (typeof value !== 'object' || value === null) return false;
  const k = value as Record<string, unknown>;
  return (
    typeof k.host === 'string' &&
    typeof k.port === 'number' &&
    typeof k.keyType === 'string' &&
    typeof k.fingerprint === 'string' &&
    FINGERPRINT_PATTERN.test(k.fingerprint) &&
    typeof k.addedAt === 'string'
  );
}
