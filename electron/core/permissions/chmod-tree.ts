/**
 * Changes the permissions of chosen items and, when asked, of everything below the chosen folders
 * (breadth-first). The walking rules are the search's (search/search-tree.ts): links are never
 * followed into folders, nor changed (a chmod would go through them to their target); names that
 * are not names are counted and never joined into a path; folders the server will not list are
 * counted and left out. A folder is listed before it is changed (a change that takes away its r
 * must not lock the walk out of it), and changed first when it could not be listed (a change that
 * gives it r lets the walk in).
 */
import { posix } from 'node:path';
import type { PermissionsCounts } from '../../../shared/contract/permissions';
import { FerryError, toErrorInfo, type ErrorCode, type ErrorInfo } from '../../../shared/errors';
import {
  changedMode,
  inScope,
  type ModeChange,
  type PermissionScope,
} from '../../../shared/permission-change';
import type { EntryKind, FileEntry, Listing } from '../../../shared/types';
import type { RemoteFs } from '../remote/remote-fs';
import { isSelfOrParent, refusedFtpNameReason, refusedNameReason } from '../remote/server-names';

export interface ChmodReport {
  /** Work moved to this folder. */
  at(path: string): void;
  failed(path: string, error: ErrorInfo): void;
  unreadable(path: string): void;
}

export interface ChmodJob {
  fs: RemoteFs;
  paths: readonly string[];
  change: ModeChange;
  recursive: boolean;
  scope: PermissionScope;
  /** Folders worked on at once (SFTP answers several requests in flight; FTP one at a time). */
  parallel: number;
  signal: AbortSignal;
  counts: PermissionsCounts;
  report: ChmodReport;
}

/** What the server may answer for one item without the whole change having to stop. */
const ITEM_LEVEL: readonly ErrorCode[] = ['permission_denied', 'not_found', 'not_a_folder'];

/** Items changed at once inside one folder (SFTP pipelines them on its channel). */
const SFTP_CHANGES_IN_FLIGHT = 8;

interface Folder {
  path: string;
  entry: FileEntry;
  /** Whether the folder itself is changed (scope), besides what is inside it. */
  changeSelf: boolean;
}

/**
 * Resolves 'done' when every item was looked at, 'stopped' at once when `signal` aborts (leaving
 * requests in flight to the caller, who closes the connection). Rejects when the connection fails
 * or the server cannot change permissions at all.
 */
export function chmodTree(job: ChmodJob): Promise<'done' | 'stopped'> {
  const { signal } = job;
  if (signal.aborted) return Promise.resolve('stopped');
  let onAbort = () => undefined as void;
  return new Promise<'done' | 'stopped'>((resolve, reject) => {
    onAbort = () => resolve('stopped');
    signal.addEventListener('abort', onAbort, { once: true });
    new TreeChange(job).run().then(
      () => resolve(signal.aborted ? 'stopped' : 'done'),
      (error: unknown) => (signal.aborted ? resolve('stopped') : reject(asError(error))),
    );
  }).finally(() => signal.removeEventListener('abort', onAbort));
}

class TreeChange {
  private readonly queue: Folder[] = [];
  /** The chosen items' folders, listed once each. */
  private readonly parents = new Map<string, Promise<Map<string, FileEntry> | Error>>();
  private readonly refused: (name: string) => string | undefined;
  private readonly inFlight: number;

  constructor(private readonly job: ChmodJob) {
    this.refused = job.fs.protocol === 'ftp' ? refusedFtpNameReason : refusedNameReason;
    this.inFlight = job.fs.protocol === 'sftp' ? SFTP_CHANGES_IN_FLIGHT : 1;
  }

  async run(): Promise<void> {
    const { job } = this;
    for (const path of job.paths) {
      if (job.signal.aborted) return;
      const at = posix.normalize(path);
      job.report.at(posix.dirname(at));
      const entry = await this.itemAt(at);
      if (!entry) continue;
      if (entry.kind === 'folder' && job.recursive) {
        this.queue.push({ path: at, entry, changeSelf: inScope('folder', job.scope) });
      } else if (entry.kind === 'file' || entry.kind === 'folder') {
        if (!job.recursive || inScope(entry.kind, job.scope)) await this.changeItem(at, entry);
      } else {
        job.counts.links++;
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, job.parallel) }, () => this.worker()));
  }

  /**
   * What is at a chosen path, as its folder's listing has it: the only answer that tells a link
   * from what it points to over FTP (vsftpd's SIZE and MDTM follow links) and gives the mode.
   * Null (counted) when it is gone or its folder cannot be listed.
   */
  private async itemAt(path: string): Promise<FileEntry | null> {
    if (path === '/') {
      this.fail(path, new FerryError('forbidden', 'Ferry will not change the whole server ("/").'));
      return null;
    }
    const parent = posix.dirname(path);
    let listing = this.parents.get(parent);
    if (!listing) {
      listing = this.job.fs.list(parent).then(
        (found) => new Map(found.entries.map((entry) => [entry.name, entry])),
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
      this.parents.set(parent, listing);
    }
    const entries = await listing;
    if (entries instanceof Error) {
      this.failOrThrow(path, entries);
      return null;
    }
    const entry = entries.get(posix.basename(path));
    if (entry) return entry;
    this.fail(path, new FerryError('not_found', `"${path}" is no longer there.`));
    return null;
  }

  /** Folders are taken one by one from the front; more workers keep more folders in flight. */
  private async worker(): Promise<void> {
    for (;;) {
      if (this.job.signal.aborted) return;
      const folder = this.queue.shift();
      if (!folder) return;
      await this.walkFolder(folder);
    }
  }

  private async walkFolder(folder: Folder): Promise<void> {
    const { job } = this;
    job.report.at(folder.path);
    let listing = await this.list(folder.path);
    let changed = false;
    if (!listing && folder.changeSelf) {
      // Perhaps the change itself opens it (a folder given r and x): change it, then look again.
      changed = true;
      if (await this.changeItem(folder.path, folder.entry)) listing = await this.list(folder.path);
    }
    if (!listing) {
      job.counts.unreadable++;
      job.report.unreadable(folder.path);
      return;
    }
    job.counts.folders++;
    if (folder.changeSelf && !changed) await this.changeItem(folder.path, folder.entry);
    job.counts.refusedNames += listing.skipped?.length ?? 0;

    const files: [string, FileEntry][] = [];
    for (const entry of listing.entries) {
      if (isSelfOrParent(entry.name)) continue;
      if (this.refused(entry.name) !== undefined) {
        job.counts.refusedNames++;
        continue;
      }
      const path = posix.join(folder.path, entry.name);
      if (entry.kind === 'folder') {
        this.queue.push({ path, entry, changeSelf: inScope('folder', job.scope) });
      } else if (entry.kind === 'file') {
        if (inScope('file', job.scope)) files.push([path, entry]);
      } else {
        job.counts.links++; // links to folders are not followed (loops), nor changed
      }
    }
    await this.changeAll(files);
  }

  /** Null when the server will not list the folder (locked, or gone meanwhile). */
  private async list(path: string): Promise<Listing | null> {
    try {
      return await this.job.fs.list(path);
    } catch (error) {
      if (isItemLevel(error)) return null;
      throw error;
    }
  }

  private async changeAll(items: readonly [string, FileEntry][]): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < items.length && !this.job.signal.aborted) {
        const [path, entry] = items[next++] as [string, FileEntry];
        await this.changeItem(path, entry);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.inFlight, items.length) }, lane));
  }

  /** True when the item was changed; a refusal for this item alone is counted, not thrown. */
  private async changeItem(path: string, entry: FileEntry): Promise<boolean> {
    const { job } = this;
    if (job.signal.aborted) return false;
    const mode = changedMode(entry.mode, entry.kind, job.change);
    if (mode === undefined) {
      this.fail(path, unknownMode(entry.kind));
      return false;
    }
    try {
      await job.fs.chmod(path, mode);
      job.counts.changed++;
      return true;
    } catch (error) {
      this.failOrThrow(path, error);
      return false;
    }
  }

  private failOrThrow(path: string, error: unknown): void {
    if (!isItemLevel(error)) throw error;
    this.fail(path, error);
  }

  private fail(path: string, error: unknown): void {
    if (this.job.signal.aborted) return;
    this.job.counts.failed++;
    this.job.report.failed(path, toErrorInfo(error));
  }
}

function isItemLevel(error: unknown): boolean {
  return error instanceof FerryError && ITEM_LEVEL.includes(error.code);
}

function unknownMode(kind: EntryKind): FerryError {
  return new FerryError(
    'not_supported',
    `The server did not say the ${kind === 'folder' ? 'folder' : 'file'}'s permissions, so the boxes left as they are could not be kept.`,
    'Tick or untick every box (or type a number), then apply again.',
  );
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
