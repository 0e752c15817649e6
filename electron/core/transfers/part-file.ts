import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * A download writes to a temporary "part file" beside its target and renames it on success.
 * Each job's part file carries a random token: no server can name it in a listing (which would
 * let one download delete or resume into another's bytes), and no two jobs share one. The job
 * keeps the path, so only it ever resumes or removes that file.
 */
const PART_SUFFIX = '.ferry-part';
const TOKEN_BYTES = 6;
const TOKEN_PATTERN = new RegExp(`^[0-9a-f]{${TOKEN_BYTES * 2}}$`);
/** Random bytes fetched at once and handed out a token at a time (one system call per 512). */
const POOL_BYTES = TOKEN_BYTES * 512;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** A fresh token: TOKEN_BYTES random bytes as hex, never handed out twice. */
function nextToken(): string {
  if (poolOffset + TOKEN_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const token = pool.toString('hex', poolOffset, poolOffset + TOKEN_BYTES);
  poolOffset += TOKEN_BYTES;
  return token;
}

/**
 * Part files of running (or retryable) jobs of this process: a leftover of an earlier run is
 * never one of them, so looking for leftovers passes over these.
 */
const livePartPaths = new Set<string>();

/** What every part name of `name` starts with (the token and suffix follow). */
function partPrefixFor(name: string): string {
  const plain = `.${name}.`;
  if (Buffer.byteLength(plain, 'utf8') + TOKEN_BYTES * 2 + PART_SUFFIX.length <= 255) return plain;
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 32);
  return `.ferry-${digest}.`;
}

/** A new, unpredictable temporary name beside `target`: hidden, and short enough for any disk. */
export function partPathFor(target: string): string {
  const part = join(
    dirname(target),
    `${partPrefixFor(basename(target))}${nextToken()}${PART_SUFFIX}`,
  );
  livePartPaths.add(part);
  return part;
}

/** A job restored after a restart owns the part file its earlier run left (saved-queue.ts). */
export function claimPartPath(part: string): void {
  livePartPaths.add(part);
}

/** The job is over with its part file (renamed onto the target, or removed). */
export function releasePartPath(part: string): void {
  livePartPaths.delete(part);
}

/** Whether a job of this process still owns `part`. */
export function isLivePartPath(part: string): boolean {
  return livePartPaths.has(part);
}

/**
 * Whether `partName` is exactly a name partPathFor gives `target`'s part files (any token):
 * other look-alikes (`.x.ferry-part`, another file's part) are not Ferry's to touch.
 */
export function isPartNameOf(target: string, partName: string): boolean {
  const prefix = partPrefixFor(basename(target));
  if (!partName.startsWith(prefix) || !partName.endsWith(PART_SUFFIX)) return false;
  const token = partName.slice(prefix.length, partName.length - PART_SUFFIX.length);
  return TOKEN_PATTERN.test(token);
}

/** Whether `name` looks like one of Ferry's part files (on case-insensitive disks too). */
export function isPartFileName(name: string): boolean {
  return name.toLowerCase().endsWith(PART_SUFFIX);
}
