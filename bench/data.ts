/**
 * Deterministic test data: the same seed gives the same bytes on every machine and run, so a
 * checksum mismatch always means the transfer was wrong. Bytes come from an AES-CTR keystream
 * (incompressible, and generated at disk speed).
 */
import { createCipheriv, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

const CHUNK = 1 << 20;

/** One file of a data set: where it goes (POSIX, relative to the set's root) and how big it is. */
export interface FileSpec {
  path: string;
  size: number;
}

/** relative POSIX path → { size, sha256 } */
export type Manifest = Map<string, { size: number; sha256: string }>;

/** A pseudo-random integer stream from a seed (xorshift32); decides sizes, never content. */
export function seededInts(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

/** Writes `size` deterministic bytes for `seed` to `path` and returns their SHA-256. */
export async function writeSeededFile(path: string, size: number, seed: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const key = createHash('sha256').update(`key:${seed}`).digest();
  const iv = createHash('sha256').update(`iv:${seed}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  const hash = createHash('sha256');
  const zeros = Buffer.alloc(CHUNK);
  const handle = await open(path, 'w');
  try {
    for (let left = size; left > 0; left -= CHUNK) {
      const bytes = cipher.update(zeros.subarray(0, Math.min(CHUNK, left)));
      hash.update(bytes);
      await handle.write(bytes);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** Writes every file of `specs` under `root` (seeded by set name + path); returns the manifest. */
export async function writeDataSet(
  root: string,
  setName: string,
  specs: readonly FileSpec[],
): Promise<Manifest> {
  const manifest: Manifest = new Map();
  for (const spec of specs) {
    const sha256 = await writeSeededFile(
      join(root, spec.path),
      spec.size,
      `${setName}/${spec.path}`,
    );
    manifest.set(spec.path, { size: spec.size, sha256 });
  }
  return manifest;
}

/** Files up to this size are read whole: a stream per 8 KiB file costs more than the hashing. */
const READ_WHOLE_BYTES = 16 * CHUNK;
const HASH_CONCURRENCY = 8;

export async function sha256File(path: string, size?: number): Promise<string> {
  const hash = createHash('sha256');
  if (size !== undefined && size <= READ_WHOLE_BYTES)
    return hash.update(await readFile(path)).digest('hex');
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** Every file below `root` with its size and checksum (anything not a regular file is flagged). */
export async function hashTree(root: string): Promise<Manifest> {
  const found: { rel: string; full: string; regular: boolean }[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else
        found.push({
          rel: relative(root, full).split(sep).join('/'),
          full,
          regular: entry.isFile(),
        });
    }
  };
  await walk(root);
  const manifest: Manifest = new Map();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < found.length) {
      const file = found[next++] as (typeof found)[number];
      if (!file.regular) {
        manifest.set(file.rel, { size: -1, sha256: 'not a regular file' });
        continue;
      }
      const { size } = await stat(file.full);
      manifest.set(file.rel, { size, sha256: await sha256File(file.full, size) });
    }
  };
  await Promise.all(Array.from({ length: HASH_CONCURRENCY }, worker));
  return manifest;
}

/** Plain-words differences between what should have arrived and what did; empty when equal. */
export function compareManifests(expected: Manifest, actual: Manifest): string[] {
  const problems: string[] = [];
  for (const [path, want] of expected) {
    const got = actual.get(path);
    if (!got) problems.push(`missing ${path}`);
    else if (got.size !== want.size)
      problems.push(`${path}: ${got.size} bytes, expected ${want.size}`);
    else if (got.sha256 !== want.sha256) problems.push(`${path}: checksum differs`);
  }
  for (const path of actual.keys()) if (!expected.has(path)) problems.push(`unexpected ${path}`);
  return problems;
}
