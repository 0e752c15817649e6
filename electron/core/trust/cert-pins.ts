import { FerryError } from '../../../shared/errors';
import { JsonListStore } from './json-list-store';
import { hostKeyId } from './known-hosts';

/** One TLS certificate the user chose to trust for a server, although no authority vouched for it. */
export interface PinnedCertificate {
  host: string;
  port: number;
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by colons (Node's `fingerprint256`). */
  fingerprint256: string;
  /** ISO date the user trusted it. */
  pinnedAt: string;
}

const FINGERPRINT_256 = /^(?:[0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/** Accepts `ab:cd:…`, `ABCD…` or `AB:CD:…` and returns Node's form (`AB:CD:…`), or undefined. */
export function normaliseFingerprint256(text: string): string | undefined {
  const hex = text.trim().replace(/:/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return undefined;
  const form = hex.match(/../g)?.join(':') ?? '';
  return FINGERPRINT_256.test(form) ? form : undefined;
}

/**
 * Pinned certificate fingerprints per `host:port`, in a small JSON file. A pin replaces any
 * older pin of the same server: a renewed certificate asks again rather than widening trust.
 */
export class CertPins {
  private readonly store: JsonListStore<PinnedCertificate>;

  constructor(filePath: string) {
    this.store = new JsonListStore({
      filePath,
      listKey: 'pins',
      isEntry: isPinnedCertificate,
      listName: 'trusted certificates',
      afterReset: 'servers will ask to be trusted again.',
    });
  }

  async isPinned(host: string, port: number, fingerprint256: string): Promise<boolean> {
    const wanted = normaliseFingerprint256(fingerprint256);
    if (wanted === undefined) return false;
    const pins = await this.store.read();
    return pins.some((p) => samePlace(p, host, port) && p.fingerprint256 === wanted);
  }

  pin(host: string, port: number, fingerprint256: string): Promise<void> {
    const fingerprint = normaliseFingerprint256(fingerprint256);
    if (fingerprint === undefined) {
      return Promise.reject(
        new FerryError('invalid_input', `"${fingerprint256}" is not a SHA-256 fingerprint.`),
      );
    }
    return this.store.modify((pins) => [
      ...pins.filter((p) => !samePlace(p, host, port)),
      {
        host: host.trim().toLowerCase(),
        port,
        fingerprint256: fingerprint,
        pinnedAt: new Date().toISOString(),
      },
    ]);
  }

  /** Forgets the pin of a server (it will ask again on the next connection). */
  unpin(host: string, port: number): Promise<void> {
    return this.store.modify((pins) => pins.filter((p) => !samePlace(p, host, port)));
  }

  list(): Promise<PinnedCertificate[]> {
    return this.store.read();
  }
}

function samePlace(pin: PinnedCertificate, host: string, port: number): boolean {
  return hostKeyId(pin.host, pin.port) === hostKeyId(host, port);
}

function isPinnedCertificate(value: unknown): value is PinnedCertificate {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.host === 'string' &&
    typeof p.port === 'number' &&
    typeof p.fingerprint256 === 'string' &&
    FINGERPRINT_256.test(p.fingerprint256) &&
    typeof p.pinnedAt === 'string'
  );
}
