/**
 * The copy half of a move to another drive (cross-drive.ts): every file copied while hashing what
 * was read, written to the disk (fsync), then read back from the new drive and compared by size
 * and SHA-256; modes and times carried over; progress counted in bytes.
 */
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { chmod, lstat, lutimes, mkdir, open, readlink, symlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../../../shared/errors';
import { fsError } from '../local/fs-errors';

/** How far a move to another drive is, a few times a second. */
export interface CrossDriveProgress {
  name: string;
  bytesDone: number;
  bytesTotal: number;
}

export interface TreeItem {
  /** Relative to the moved item; '' is the item itself. */
  rel: string;
  stats: Stats;
}

const CHUNK = 1024 * 1024;

/**
 * Copies `items` of `from` to `temp` (parents first): files with their mode and time, each
 * checked by size and SHA-256 read back; folders' mode and time set last; links as links.
 * `checkStop` throws when the user stopped the move.
 */
export async function copyAll(
  from: string,
  temp: string,
  items: readonly TreeItem[],
  counter: ByteCounter,
  checkStop: () => void,
): Promise<void> {
  for (const { rel, stats } of items) {
    checkStop();
    const source = path.join(from, rel);
    const copy = path.join(temp, rel);
    try {
      if (stats.isDirectory()) await mkdir(copy, { mode: 0o700 });
      else if (stats.isSymbolicLink()) await symlink(await readlink(source), copy);
      else await copyFile(source, copy, stats, counter, checkStop);
    } catch (error) {
      throw error instanceof FerryError ? error : fsError(error, 'move', source);
    }
  }
  // Folders last and deepest first: writing into a folder changes its time.
  for (const { rel, stats } of [...items].reverse()) {
    const copy = path.join(temp, rel);
    if (stats.isSymbolicLink()) {
      await lutimes(copy, stats.atime, stats.mtime).catch(() => undefined);
      continue;
    }
    await chmod(copy, stats.mode & 0o7777);
    await utimes(copy, stats.atime, stats.mtime);
  }
}

/** Copies one file while hashing what was read, then reads the copy back to compare. */
async function copyFile(
  source: string,
  copy: string,
  stats: Stats,
  counter: ByteCounter,
  checkStop: () => void,
): Promise<void> {
  const sent = createHash('sha256');
  const input = await open(source, 'r');
  let written = 0;
  try {
    const output = await open(copy, 'wx', 0o600);
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        checkStop();
        const { bytesRead } = await input.read(buffer, 0, CHUNK, null);
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        sent.update(chunk);
        // A nearly full drive takes part of a write; the next one says it is full.
        for (let at = 0; at < bytesRead;) {
          at += (await output.write(chunk, at, bytesRead - at)).bytesWritten;
        }
        written += bytesRead;
        counter.add(bytesRead);
      }
      // On the disk before the original may go: a power cut must not take both.
      await output.sync();
    } finally {
      await output.close();
    }
  } finally {
    await input.close();
  }
  if (written !== stats.size) throw changedMeanwhile(source);
  const copied = await lstat(copy);
  const readBack = await sha256Of(copy, checkStop);
  if (copied.size !== written || readBack !== sent.digest('hex')) {
    throw new FerryError(
      'size_mismatch',
      `The copy of ${source} on the other drive does not match the original.`,
      'The original was left as it was. Check the other drive, then try again.',
    );
  }
}

async function sha256Of(file: string, checkStop: () => void): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      checkStop();
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

export function changedMeanwhile(at: string): FerryError {
  return new FerryError(
    'size_mismatch',
    `${at} changed while it was being copied to the other drive.`,
    'The original was left as it is. Try again once nothing writes to it.',
  );
}

/** Reports progress at most five times a second, and not at all for a quick move. */
export class ByteCounter {
  private done = 0;
  private readonly started = Date.now();
  private last = 0;

  constructor(
    private readonly name: string,
    private readonly total: number,
    private readonly report?: (progress: CrossDriveProgress) => void,
    private readonly quietMs = 300,
  ) {}

  add(bytes: number): void {
    this.done += bytes;
    const now = Date.now();
    if (!this.report || now - this.started < this.quietMs || now - this.last < 200) return;
    this.last = now;
    this.report({ name: this.name, bytesDone: this.done, bytesTotal: this.total });
  }

  finish(): void {
    if (this.report && this.last > 0) {
      this.report({ name: this.name, bytesDone: this.done, bytesTotal: this.total });
    }
  }
}
