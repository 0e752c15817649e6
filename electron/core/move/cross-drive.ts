/**
 * A move to another drive, as Explorer and Finder do it: copy (contents, modification time,
 * mode), check the copy (every file's size and SHA-256 read back from the new drive), then
 * remove the original. Until the copy is whole and checked it lives under a hidden temporary
 * name beside its target, so a failure or a Stop removes only that temporary copy and the
 * original stays as it was. Links are copied as links; other special files are refused before
 * anything is copied.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  chmod,
  lstat,
  lutimes,
  mkdir,
  open,
  readdir,
  readlink,
  rename,
  rm,
  rmdir,
  symlink,
  unlink,
  utimes,
} from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../../../shared/errors';
import { fsError } from '../local/fs-errors';
import { systemCode } from '../remote/net-errors';

/** How far a move to another drive is, a few times a second. */
export interface CrossDriveProgress {
  name: string;
  bytesDone: number;
  bytesTotal: number;
}

export interface CrossDriveOptions {
  signal?: AbortSignal;
  progress?(progress: CrossDriveProgress): void;
  /** No progress for a move done within this (default 300 ms): nothing flashes on screen. */
  quietMs?: number;
}

/** What the page should still say although the item arrived (a leftover original). */
export interface CrossDriveOutcome {
  note?: string;
}

interface Item {
  /** Relative to the moved item; '' is the item itself. */
  rel: string;
  stats: Stats;
}

const CHUNK = 1024 * 1024;
/** The name a copy has until it is whole and checked. */
export const TEMP_MARK = '.ferry-move-';

export async function moveAcrossDrives(
  from: string,
  to: string,
  replace: boolean,
  options: CrossDriveOptions = {},
): Promise<CrossDriveOutcome> {
  const name = path.basename(from);
  const items = await measure(from);
  const bytesTotal = items.reduce((sum, i) => sum + (i.stats.isFile() ? i.stats.size : 0), 0);
  const temp = path.join(path.dirname(to), `${TEMP_MARK}${randomBytes(6).toString('hex')}`);
  const counter = new ByteCounter(name, bytesTotal, options.progress, options.quietMs);
  try {
    await copyAll(from, temp, items, counter, options.signal);
    await checkOriginalUnchanged(from, items);
    stopIfAsked(options.signal, name);
    await place(temp, to, replace, name);
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  } finally {
    counter.finish();
  }
  // The copy is whole, checked and in place: only now does the original go — exactly what was
  // copied, so a file put into the folder meanwhile stays (with its folders) instead of being lost.
  const kept = await removeCopied(from, items);
  if (kept.added) {
    return {
      note: `Files were added to ${from} while it was being moved; they were not moved and are still there (move them again if you want them there too).`,
    };
  }
  if (kept.failed !== undefined) {
    return {
      note: `The original could not be removed completely (${kept.failed}); the copy is whole, so delete what is left of the original yourself.`,
    };
  }
  return {};
}

/** Removes the copied items, deepest first; a folder holding something new is left. */
async function removeCopied(
  from: string,
  items: readonly Item[],
): Promise<{ added: boolean; failed?: string }> {
  let added = false;
  for (const { rel, stats } of [...items].reverse()) {
    const at = path.join(from, rel);
    try {
      if (stats.isDirectory()) await rmdir(at);
      else await unlink(at);
    } catch (error) {
      const code = systemCode(error);
      if (code === 'ENOTEMPTY' || code === 'EEXIST') added = true;
      else if (code !== 'ENOENT') return { added, failed: fsError(error, 'delete', at).message };
    }
  }
  return { added };
}

/** Every item below `from` (parents first), refusing what cannot be copied faithfully. */
async function measure(from: string): Promise<Item[]> {
  const items: Item[] = [];
  const queue = [''];
  while (queue.length > 0) {
    const rel = queue.shift() as string;
    const at = path.join(from, rel);
    let stats: Stats;
    try {
      stats = await lstat(at);
    } catch (error) {
      throw fsError(error, 'move', at);
    }
    if (!stats.isFile() && !stats.isDirectory() && !stats.isSymbolicLink()) {
      throw new FerryError(
        'not_supported',
        `${at} is a special file (a device, pipe or socket) that cannot be copied to another drive.`,
        'Move it within its own drive, or leave it out.',
      );
    }
    items.push({ rel, stats });
    if (stats.isDirectory()) {
      let names: string[];
      try {
        names = await readdir(at);
      } catch (error) {
        throw fsError(error, 'open', at);
      }
      queue.push(...names.sort().map((n) => path.join(rel, n)));
    }
  }
  return items;
}

async function copyAll(
  from: string,
  temp: string,
  items: readonly Item[],
  counter: ByteCounter,
  signal: AbortSignal | undefined,
): Promise<void> {
  const name = path.basename(from);
  for (const { rel, stats } of items) {
    stopIfAsked(signal, name);
    const source = path.join(from, rel);
    const copy = path.join(temp, rel);
    try {
      if (stats.isDirectory()) await mkdir(copy, { mode: 0o700 });
      else if (stats.isSymbolicLink()) await symlink(await readlink(source), copy);
      else await copyFile(source, copy, stats, counter, () => stopIfAsked(signal, name));
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

/** A file written to while it was copied would lose the late change: such a move fails. */
async function checkOriginalUnchanged(from: string, items: readonly Item[]): Promise<void> {
  for (const { rel, stats } of items) {
    if (!stats.isFile()) continue;
    const at = path.join(from, rel);
    const now = await lstat(at).catch(() => null);
    if (now === null || now.size !== stats.size || now.mtimeMs !== stats.mtimeMs) {
      throw changedMeanwhile(at);
    }
  }
}

function changedMeanwhile(at: string): FerryError {
  return new FerryError(
    'size_mismatch',
    `${at} changed while it was being copied to the other drive.`,
    'The original was left as it is. Try again once nothing writes to it.',
  );
}

/** Puts the checked copy under its name (same drive now: one rename). */
async function place(temp: string, to: string, replace: boolean, name: string): Promise<void> {
  const existing = await lstat(to).catch((error: unknown) => {
    if (systemCode(error) === 'ENOENT') return null;
    throw fsError(error, 'move', to);
  });
  if (existing !== null && (!replace || existing.isDirectory())) {
    throw new FerryError(
      'already_exists',
      `Something named "${name}" appeared in ${path.dirname(to)} while it was being copied there.`,
      'The original was left as it was. Rename one of the two, then move it again.',
    );
  }
  try {
    await rename(temp, to);
  } catch (error) {
    throw fsError(error, 'move', to);
  }
}

function stopIfAsked(signal: AbortSignal | undefined, name: string): void {
  if (signal?.aborted) {
    throw new FerryError(
      'cancelled',
      `The move was stopped; "${name}" stays where it was.`,
      'Its partial copy on the other drive was removed.',
    );
  }
}

/** Reports progress at most five times a second, and not at all for a quick move. */
class ByteCounter {
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
