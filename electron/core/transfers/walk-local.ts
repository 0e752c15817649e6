import { Stats, statSync, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { FerryError } from '../../../shared/errors';
import type { NameFilter } from '../../../shared/name-filter';
import type { FileEntry } from '../../../shared/types';
import { fsError } from '../local/fs-errors';
import { FolderGuard, type LocalRoot } from '../local/inside-root';
import { quickDisk } from '../local/quick-disk';
import type { RemoteFs } from '../remote/remote-fs';
import { printableName } from './safe-names';
import type { FileFacts } from './types';
import { excludedSkip, joinRelative, type WalkFolder, type WalkSkip } from './walk-remote';

export interface UploadWalkFile {
  name: string;
  source: string;
  target: string;
  relative: string;
  facts: FileFacts;
  /** What the remote folder holds under this name (null: nothing). */
  existing: FileEntry | null;
}

export interface UploadWalkResult {
  files: UploadWalkFile[];
  folders: WalkFolder[];
  skipped: WalkSkip[];
  /** Every name in the remote folder, for finding a free one ("rename"). */
  remoteNames: ReadonlySet<string>;
}

/** Local stats in flight at once while walking a folder. */
const STAT_BATCH = 64;
// Control characters in a name could inject commands into FTP's line-based control channel.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/u;

export function factsOfStats(stats: Stats): FileFacts {
  return { size: stats.size, modified: stats.mtimeMs, mode: stats.mode & 0o7777 };
}

/**
 * Makes the remote folder (so empty folders arrive too), learns what it already holds, and
 * lists the local one. Local links to files are uploaded as files; links to folders are not
 * followed, so a link loop cannot make the walk endless.
 */
export async function walkLocalFolder(
  fs: RemoteFs,
  folder: WalkFolder,
  exclude?: NameFilter,
  /**
   * A synchronization's folder: listed only through real folders below it (inside-root.ts),
   * and a link in it is left alone, as the comparison left it.
   */
  within?: LocalRoot,
): Promise<UploadWalkResult> {
  const guard = within && new FolderGuard(within, folder.source, true);
  await guard?.check();
  const remote = await ensureRemoteFolder(fs, folder.target);
  const entries = await readdir(folder.source, { withFileTypes: true }).catch((error: unknown) => {
    throw fsError(error, 'open', folder.source);
  });
  // Listed from the real folder: still the same folders once the names are in.
  await guard?.check();
  const result: UploadWalkResult = {
    files: [],
    folders: [],
    skipped: [],
    remoteNames: new Set(remote.keys()),
  };
  for (let i = 0; i < entries.length; i += STAT_BATCH) {
    const batch = entries.slice(i, i + STAT_BATCH);
    const stats = await Promise.all(
      batch.map((entry) =>
        within && entry.isSymbolicLink() ? undefined : statEntry(folder.source, entry),
      ),
    );
    batch.forEach((entry, index) => {
      if (within && entry.isSymbolicLink()) result.skipped.push(linkLeftAlone(folder, entry.name));
      else classify(entry, stats[index], folder, remote, result, exclude);
    });
  }
  return result;
}

function linkLeftAlone(folder: WalkFolder, name: string): WalkSkip {
  const relative = joinRelative(folder.relative, name);
  return {
    name: relative,
    source: join(folder.source, name),
    relative,
    note: 'Skipped: a link is never followed here (it could lead outside the folder).',
  };
}

/**
 * Follows links (a link to a file uploads the file), in the thread pool: a link may point onto a
 * network disk that stalls. Folders need no stat.
 */
async function statEntry(parent: string, entry: Dirent): Promise<Stats | Error | undefined> {
  if (entry.isDirectory()) return undefined;
  const path = join(parent, entry.name);
  const pooled = () => stat(path);
  const facts = entry.isSymbolicLink()
    ? pooled()
    : quickDisk.either(parent, () => statSync(path), pooled);
  return facts.catch((error: unknown) => error as Error);
}

function classify(
  entry: Dirent,
  stats: Stats | Error | undefined,
  folder: WalkFolder,
  remote: Map<string, FileEntry>,
  result: UploadWalkResult,
  exclude: NameFilter | undefined,
): void {
  const source = join(folder.source, entry.name);
  const target = posix.join(folder.target, entry.name);
  const relative = joinRelative(folder.relative, entry.name);
  if (CONTROL.test(entry.name)) {
    const shown = printableName(relative);
    result.skipped.push({
      name: shown,
      source: printableName(source),
      relative: shown,
      error: new FerryError(
        'unsafe_name',
        `"${shown}" has control characters in its name, so Ferry did not upload it.`,
        'Rename the file, then upload it again.',
      ),
    });
    return;
  }
  const isFolder = entry.isDirectory() || (stats instanceof Stats && stats.isDirectory());
  const excludedBy = exclude?.excludes(entry.name, isFolder);
  if (excludedBy !== undefined) {
    result.skipped.push(excludedSkip(relative, source, excludedBy));
    return;
  }
  if (entry.isDirectory()) {
    result.folders.push({ source, target, relative });
    return;
  }
  if (stats instanceof Error || stats === undefined) {
    result.skipped.push({
      name: relative,
      source,
      relative,
      error: fsError(stats, 'open', source),
    });
    return;
  }
  if (stats.isFile()) {
    const existing = remote.get(entry.name) ?? null;
    result.files.push({
      name: entry.name,
      source,
      target,
      relative,
      facts: factsOfStats(stats),
      existing,
    });
    return;
  }
  result.skipped.push({
    name: relative,
    source,
    relative,
    note: stats.isDirectory()
      ? 'Skipped: a link to a folder is not followed.'
      : 'Skipped: not a regular file.',
  });
}

/** Creates the remote folder if missing and returns what it holds. */
async function ensureRemoteFolder(fs: RemoteFs, path: string): Promise<Map<string, FileEntry>> {
  const existing = await fs.stat(path);
  if (existing === null) {
    await fs.mkdir(path);
    return new Map();
  }
  if (existing.kind === 'file' || existing.kind === 'other') {
    throw new FerryError(
      'already_exists',
      `A file named ${path} is in the way of a folder on the server.`,
      'Rename or move it, then retry.',
    );
  }
  const listing = await fs.list(path);
  return new Map(listing.entries.map((entry) => [entry.name, entry]));
}
