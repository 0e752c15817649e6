import { statfs } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { FerryError } from '../../../shared/errors';

/**
 * How many bytes a download may grow to. A server decides how much it sends; without a limit
 * one that never stops (or lies about the size) fills the disk. When the size is announced
 * (listing, stat, SIZE) that is the limit. When it is not (a link whose target size is only
 * known on the way), the limit is the disk's free space at the start, minus a reserve for the
 * rest of the system: a tenth of the free space, at most 1 GiB. Where free space cannot be read,
 * 1 TiB.
 */
export type ByteLimit =
  { kind: 'announced'; bytes: number } | { kind: 'free-space'; bytes: number };

const RESERVE_MAX_BYTES = 1024 ** 3;
const FALLBACK_LIMIT_BYTES = 1024 ** 4;

/** The limit for a file of `expectedSize` (null: unknown) whose first `offset` bytes exist. */
export async function byteLimitFor(
  expectedSize: number | null,
  offset: number,
  folder: string,
): Promise<ByteLimit> {
  if (expectedSize !== null) return { kind: 'announced', bytes: expectedSize };
  const free = await freeBytes(folder);
  if (free === undefined) return { kind: 'free-space', bytes: FALLBACK_LIMIT_BYTES };
  return { kind: 'free-space', bytes: offset + usableOf(free) };
}

/** Of `free` bytes, what one download of unknown size may take. */
export function usableOf(free: number): number {
  return Math.max(0, free - Math.min(Math.floor(free / 10), RESERVE_MAX_BYTES));
}

async function freeBytes(folder: string): Promise<number | undefined> {
  try {
    const fs = await statfs(folder);
    return fs.bavail * fs.bsize;
  } catch {
    return undefined;
  }
}

/**
 * Passes a download's bytes on to the part file, counting them (from `start`, the bytes already
 * there), and fails the pipeline the moment they would pass the limit: the excess is never
 * written.
 */
export class ByteCounter extends Transform {
  /** Why the download was stopped, once the limit was passed. */
  overflow: FerryError | undefined;
  private total: number;

  constructor(
    private readonly limit: ByteLimit,
    start: number,
    private readonly name: string,
  ) {
    super();
    this.total = start;
  }

  /** Bytes of the file so far: the ones already there plus the ones passed on. */
  get received(): number {
    return this.total;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.total += chunk.length;
    if (this.total <= this.limit.bytes) return done(null, chunk);
    this.overflow = tooManyBytes(this.name, this.limit);
    done(this.overflow);
  }
}

export function tooManyBytes(name: string, limit: ByteLimit): FerryError {
  if (limit.kind === 'announced') {
    return new FerryError(
      'size_mismatch',
      `The server sent more of ${name} than the ${limit.bytes} bytes it announced, so Ferry stopped the download.`,
      'The file may still be growing on the server: retry once it is complete. If this keeps happening, the server is misbehaving.',
    );
  }
  return new FerryError(
    'endless_file',
    `The server did not tell how big ${name} is, and it kept coming until this computer's disk would be nearly full, so Ferry stopped the download.`,
    'Free some space and retry, or download the file the link points to (its size is known).',
  );
}
