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

/** A new, unpredictable temporary name beside `target`: hidden, and short enough for any disk. */
export function partPathFor(target: string): string {
  const name = basename(target);
  const token = nextToken();
  const part = `.${name}.${token}${PART_SUFFIX}`;
  if (Buffer.byteLength(part, 'utf8') <= 255) return join(dirname(target), part);
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 32);
  return join(dirname(target), `.ferry-${digest}.${token}${PART_SUFFIX}`);
}

/** Whether `name` looks like one of Ferry's part files (on case-insensitive disks too). */
export function isPartFileName(name: string): boolean {
  return name.toLowerCase().endsWith(PART_SUFFIX);
}
