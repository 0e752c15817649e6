import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { FerryError } from '../../../shared/errors';
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

interface StoreFile {
  version: 1;
  keys: KnownHostKey[];
}

/** `host:port`, with IPv6 hosts bracketed and names lower-cased (DNS names are case-blind). */
export function hostKeyId(host: string, port: number): string {
  const name = host.trim().toLowerCase();
  return name.includes(':') ? `[${name}]:${port}` : `${name}:${port}`;
}

/**
 * Ferry's own known-hosts store: a small JSON file (not ~/.ssh/known_hosts, which belongs to
 * the user's OpenSSH). Every operation re-reads the file so a CLI and the app can share it.
 */
export class KnownHosts {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly filePath: string) {}

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
    const keys = (await this.read()).keys.filter((k) => sameHost(k, host, port));
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
    return this.modify((keys) => [
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
    return this.modify((keys) => keys.filter((k) => !sameHost(k, host, port)));
  }

  async list(): Promise<KnownHostKey[]> {
    return (await this.read()).keys;
  }

  private modify(change: (keys: KnownHostKey[]) => KnownHostKey[]): Promise<void> {
    // Serialise read-modify-write cycles within this process.
    const next = this.queue.then(async () => {
      const current = await this.read();
      const file: StoreFile = { version: 1, keys: change(current.keys) };
      await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<StoreFile> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, keys: [] };
      throw new FerryError(
        'store_corrupt',
        `Ferry could not read its list of trusted servers (${this.filePath}).`,
        'Check that the file is readable by you.',
        { cause: error },
      );
    }
    const parsed = parseStore(text);
    if (!parsed) {
      // Never overwrite a damaged store: that would silently forget every trusted key.
      throw new FerryError(
        'store_corrupt',
        `Ferry's list of trusted servers is damaged (${this.filePath}).`,
        'Move the file aside to start a fresh list; every server will ask to be trusted again.',
      );
    }
    return parsed;
  }
}

function sameHost(key: KnownHostKey, host: string, port: number): boolean {
  return hostKeyId(key.host, key.port) === hostKeyId(host, port);
}

function parseStore(text: string): StoreFile | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { version, keys } = data as { version?: unknown; keys?: unknown };
  if (version !== 1 || !Array.isArray(keys) || !keys.every(isKnownHostKey)) return undefined;
  return { version: 1, keys };
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
