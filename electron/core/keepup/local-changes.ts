/**
 * What changed under a watched folder, once it has settled. Notices only name a path; this keeps
 * what each path was (kind, size, time, inode) and, for every path noticed, looks again once no
 * notice came for `quietMs`, and once more `quietMs` later: a file whose size or time still moves
 * is being written and waits. Bursts coalesce by path (an editor's save-and-rename, `git
 * checkout` rewriting 200 files: each path is looked at once). Links are never followed, and
 * names the exclusion list leaves out, Ferry's part files, editors' swap files and names a server
 * could not take are left out (counted once each).
 */
import type { Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { posix } from 'node:path';
import { FerryError } from '../../../shared/errors';
import type { NameFilter } from '../../../shared/name-filter';
import { checkRemoteName } from '../transfers/safe-names';
import { localPathIn } from './folder-watcher';

export interface Seen {
  kind: 'file' | 'folder';
  size: number;
  mtimeMs: number;
  ino: number;
}

export interface ChangeBatch {
  /** Folders new here, parents before children. */
  folders: string[];
  /** Files new or changed, settled. */
  files: string[];
  /**
   * Paths that were here and are not any more (a folder: everything below it too, `files` of
   * them files).
   */
  gone: { relative: string; kind: 'file' | 'folder'; files: number }[];
}

export interface ChangesOptions {
  root: string;
  exclude: NameFilter | undefined;
  quietMs: number;
  /** A folder became known (watch it) or went (stop watching it). */
  folderFound(relative: string): void;
  folderGone(relative: string): void;
  /** Most entries kept: a folder bigger than this is not one to keep up to date. */
  maxEntries: number;
}

interface Pending {
  lastNotice: number;
  /** What the last look found, while it settles. */
  lastLook?: Seen;
}

/** Editors' swap, backup and lock files: never worth sending. */
const EDITOR_LITTER = [/^\..*\.sw[a-p]$/u, /~$/u, /^\.#/u, /^#.*#$/u, /^4913$/u];

export class LocalChanges {
  private readonly known = new Map<string, Seen>();
  private readonly pending = new Map<string, Pending>();
  private readonly leftOutPaths = new Set<string>();

  constructor(private readonly options: ChangesOptions) {}

  get leftOut(): number {
    return this.leftOutPaths.size;
  }

  get waiting(): number {
    return this.pending.size;
  }

  /** Reads the whole tree as it is now: that is the starting point, nothing of it is sent. */
  async baseline(): Promise<void> {
    this.options.folderFound('');
    await this.readFolder('', (relative, seen) => {
      this.known.set(relative, seen);
      if (seen.kind === 'folder') this.options.folderFound(relative);
    });
  }

  /** A notice about `relative` (or something inside it). */
  noticed(relative: string, now = Date.now()): void {
    if (relative === '') return; // the root itself: its children's own notices follow
    this.pending.set(relative, { lastNotice: now });
  }

  /**
   * A file's transfer ended after it changed again: unless the transfer read it as it is now
   * (`read`), it is sent again once it settles.
   */
  resend(relative: string, read: { size: number; modified: number | null } | undefined): void {
    const was = this.known.get(relative);
    if (!was || was.kind !== 'file') return;
    if (read && read.size === was.size && read.modified === was.mtimeMs) return;
    this.known.set(relative, { ...was, mtimeMs: Number.NaN }); // differs from any look
    this.noticed(relative, 0);
  }

  /** Scans the tree and notices every difference from what is known (when notices fail). */
  async rescan(now = Date.now()): Promise<void> {
    const found = new Set<string>();
    await this.readFolder('', (relative, seen) => {
      found.add(relative);
      const was = this.known.get(relative);
      if (!was || !sameLook(was, seen)) this.noticed(relative, now);
    });
    for (const relative of this.known.keys()) if (!found.has(relative)) this.noticed(relative, now);
  }

  /** Looks at every path that has been quiet long enough; answers what settled. */
  async settle(now = Date.now()): Promise<ChangeBatch> {
    const batch: ChangeBatch = { folders: [], files: [], gone: [] };
    const ready = [...this.pending]
      .filter(([, p]) => now - p.lastNotice >= this.options.quietMs)
      .sort(([a], [b]) => depth(a) - depth(b) || (a < b ? -1 : 1));
    for (const [relative, pending] of ready) {
      if (this.pending.get(relative) !== pending) continue; // noticed again meanwhile
      const look = await this.look(relative);
      if (look === 'skip') {
        this.pending.delete(relative);
        continue;
      }
      const was = this.known.get(relative);
      if (look === null || (was && was.kind !== look.kind)) {
        if (was) this.forget(relative, batch);
        if (look === null) {
          this.pending.delete(relative);
          continue;
        }
      }
      if (look.kind === 'folder') {
        this.pending.delete(relative);
        if (this.known.get(relative)?.kind !== 'folder')
          await this.newFolder(relative, look, batch);
        continue;
      }
      // A file: the same look twice, `quietMs` apart, or it is still being written.
      if (!sameLook(pending.lastLook, look)) {
        pending.lastLook = look;
        pending.lastNotice = now;
        continue;
      }
      this.pending.delete(relative);
      if (was && sameLook(was, look)) continue; // touched, not changed
      this.known.set(relative, look);
      batch.files.push(relative);
    }
    return batch;
  }

  /** What the path is now: null when gone; 'skip' for what is never sent or cannot be reached. */
  private async look(relative: string): Promise<Seen | null | 'skip'> {
    const parent = posix.dirname(relative);
    if (parent !== '.' && this.known.get(parent)?.kind !== 'folder') {
      // Its folder is not known (new, and not settled yet): the folder's turn covers it.
      if (this.known.has(relative)) return null;
      this.noticed(parent === '.' ? '' : parent);
      return 'skip';
    }
    let stats: Stats;
    try {
      stats = await lstat(localPathIn(this.options.root, relative));
    } catch {
      return null;
    }
    const seen = seenOf(stats);
    if (seen === undefined || this.leftOutName(relative, seen.kind === 'folder')) {
      this.leftOutPaths.add(relative);
      return this.known.has(relative) ? null : 'skip';
    }
    return seen;
  }

  private leftOutName(relative: string, isFolder: boolean): boolean {
    const name = posix.basename(relative);
    if (!checkRemoteName(name).safe) return true;
    if (EDITOR_LITTER.some((pattern) => pattern.test(name))) return true;
    return this.options.exclude?.excludes(name, isFolder) !== undefined;
  }

  private async newFolder(relative: string, seen: Seen, batch: ChangeBatch): Promise<void> {
    this.known.set(relative, seen);
    this.options.folderFound(relative);
    batch.folders.push(relative);
    // What it holds arrived before its watch began: each is looked at as a change.
    await this.readFolder(relative, (inside, found) => {
      if (found.kind === 'folder') {
        this.known.set(inside, found);
        this.options.folderFound(inside);
        batch.folders.push(inside);
      } else this.noticed(inside, 0);
    });
  }

  /** `relative` went: it and everything known below it. */
  private forget(relative: string, batch: ChangeBatch): void {
    const was = this.known.get(relative);
    if (!was) return;
    const below = `${relative}/`;
    let files = 0;
    for (const [path, seen] of this.known) {
      if (path !== relative && !path.startsWith(below)) continue;
      if (seen.kind === 'file') files++;
      this.known.delete(path);
    }
    batch.gone.push({ relative, kind: was.kind, files });
    if (was.kind === 'folder') this.options.folderGone(relative);
  }

  /** Walks `top` (never through links), calling `found` for each entry kept, parents first. */
  private async readFolder(
    top: string,
    found: (relative: string, seen: Seen) => void,
  ): Promise<void> {
    const folders = [top];
    let entries = 0;
    for (let folder = folders.shift(); folder !== undefined; folder = folders.shift()) {
      let names: string[];
      try {
        names = await readdir(localPathIn(this.options.root, folder));
      } catch {
        continue; // gone meanwhile, or unreadable: its own notice tells
      }
      for (const name of names) {
        const relative = folder === '' ? name : `${folder}/${name}`;
        const stats = await lstat(localPathIn(this.options.root, relative)).catch(() => null);
        const seen = stats && seenOf(stats);
        if (!seen) {
          if (stats) this.leftOutPaths.add(relative);
          continue;
        }
        if (this.leftOutName(relative, seen.kind === 'folder')) {
          this.leftOutPaths.add(relative);
          continue;
        }
        if (++entries > this.options.maxEntries) throw tooBig(this.options.maxEntries);
        found(relative, seen);
        if (seen.kind === 'folder') folders.push(relative);
      }
    }
  }
}

/** A file or a folder; undefined for links and anything else (never followed, never sent). */
function seenOf(stats: Stats): Seen | undefined {
  const kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : undefined;
  if (kind === undefined) return undefined;
  return { kind, size: kind === 'file' ? stats.size : 0, mtimeMs: stats.mtimeMs, ino: stats.ino };
}

function sameLook(a: Seen | undefined, b: Seen): boolean {
  return (
    a !== undefined &&
    a.kind === b.kind &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ino === b.ino
  );
}

function depth(relative: string): number {
  let n = 0;
  for (const c of relative) if (c === '/') n++;
  return n;
}

function tooBig(max: number): FerryError {
  return new FerryError(
    'forbidden',
    `This folder holds more than ${max.toLocaleString('en')} files and folders: too many to watch.`,
    'Choose a smaller folder (the one you edit), or leave big folders out in Settings › Exclusions.',
  );
}
