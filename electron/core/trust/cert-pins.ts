import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { FerryError } from '../../../shared/errors';
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

interface PinFile {
  version: 1;
  pins: PinnedCertificate[];
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
 * Every operation re-reads the file so the CLI and the app can share it.
 */
export class CertPins {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly filePath: string) {}

  async isPinned(host: string, port: number, fingerprint256: string): Promise<boolean> {
    const wanted = normaliseFingerprint256(fingerprint256);
    if (wanted === undefined) return false;
    const pins = (await this.read()).pins;
    return pins.some((p) => samePlace(p, host, port) && p.fingerprint256 === wanted);
  }

  pin(host: string, port: number, fingerprint256: string): Promise<void> {
    const fingerprint = normaliseFingerprint256(fingerprint256);
    if (fingerprint === undefined) {
      return Promise.reject(
        new FerryError('invalid_input', `"${fingerprint256}" is not a SHA-256 fingerprint.`),
      );
    }
    return this.modify((pins) => [
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
    return this.modify((pins) => pins.filter((p) => !samePlace(p, host, port)));
  }

  async list(): Promise<PinnedCertificate[]> {
    return (await this.read()).pins;
  }

  private modify(change: (pins: PinnedCertificate[]) => PinnedCertificate[]): Promise<void> {
    // Serialise read-modify-write cycles within this process.
    const next = this.queue.then(async () => {
      const current = await this.read();
      const file: PinFile = { version: 1, pins: change(current.pins) };
      await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<PinFile> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, pins: [] };
      throw new FerryError(
        'store_corrupt',
        `Ferry could not read its list of trusted certificates (${this.filePath}).`,
        'Check that the file is readable by you.',
        { cause: error },
      );
    }
    const parsed = parsePinFile(text);
    if (!parsed) {
      // Never overwrite a damaged store: that would silently forget every trusted certificate.
      throw new FerryError(
        'store_corrupt',
        `Ferry's list of trusted certificates is damaged (${this.filePath}).`,
        'Move the file aside to start a fresh list; servers will ask to be trusted again.',
      );
    }
    return parsed;
  }
}

function samePlace(pin: PinnedCertificate, host: string, port: number): boolean {
  return hostKeyId(pin.host, pin.port) === hostKeyId(host, port);
}

function parsePinFile(text: string): PinFile | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { version, pins } = data as { version?: unknown; pins?: unknown };
  if (version !== 1 || !Array.isArray(pins) || !pins.every(isPinnedCertificate)) return undefined;
  return { version: 1, pins };
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
