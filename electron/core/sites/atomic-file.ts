/**
 * Atomic replacement of a small file: write a temporary file beside it, fsync it, rename it over
 * the real name, fsync the folder. A crash at any point leaves either the old or the new file,
 * never a half-written one. Hand-written rather than write-file-atomic because we need the folder
 * fsync and a seam (`beforeRename`) where a test can kill the process mid-write.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  mode?: number;
  /** Runs after the temporary file is durable, before the rename. For crash tests only. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

export async function writeFileAtomic(
  path: string,
  data: string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `${tempPrefix(path)}${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', options.mode ?? 0o600);
  try {
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(temp);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dir);
}

/** Removes temporary files a crashed writer left behind (older than `minAgeMs`). */
export async function removeStaleTemps(path: string, minAgeMs = 60_000): Promise<void> {
  const dir = dirname(path);
  const prefix = tempPrefix(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const full = join(dir, name);
    try {
      if (now - (await stat(full)).mtimeMs >= minAgeMs) await rm(full, { force: true });
    } catch {
      // Gone already, or another writer's: either way not ours to worry about.
    }
  }
}

function tempPrefix(path: string): string {
  return `.${basename(path)}.`;
}

/** Makes the rename itself durable. Some platforms cannot fsync a folder; that is not fatal. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open folders for fsync.
  }
}
