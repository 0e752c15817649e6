/**
 * One "keep the server's folder up to date": watches a local folder (FolderWatcher), lets
 * changes settle (LocalChanges), then makes new folders on the server, sends new and changed
 * files through the transfer queue (so speed limits, retries and part files apply; an existing
 * file is replaced without asking: that is the point) and, when asked, deletes there what went
 * here. A path has at most one transfer waiting: a file changed again while its transfer waits
 * is sent by that transfer (it reads the file when it starts); changed while it runs, it is sent
 * once more after. Every server path is the server folder joined with names checked here, so
 * nothing outside it can be touched.
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { KeepUpState, KeepUpStopReason } from '../../../shared/contract/keepup';
import { FerryError, toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import type { NameFilter } from '../../../shared/name-filter';
import type { RemoteFs } from '../remote/remote-fs';
import type { EnqueueRequest } from '../transfers/enqueue';
import type { FileFacts } from '../transfers/types';
import { FolderWatcher, localPathIn } from './folder-watcher';
import { LocalChanges, type ChangeBatch } from './local-changes';
import { deleteOnServer } from './server-delete';

/** What the keeper needs to know of a transfer it queued. */
export interface JobView {
  state: 'queued' | 'active' | 'done' | 'failed' | 'cancelled' | 'skipped';
  attempts: number;
  finishedAt?: number;
  sourceFacts?: FileFacts;
  error?: ErrorInfo;
}

export interface KeepUpDeps {
  emit(state: KeepUpState): void;
  /** The session's browsing connection; throws session_not_found once it closed. */
  browsing(): RemoteFs;
  enqueue(request: EnqueueRequest): Promise<string[]>;
  /** A queued transfer, while the queue still lists it. */
  job(id: string): JobView | undefined;
  cancel(jobId: string): void;
  exclude: NameFilter | undefined;
  /** Something worth a line in the log (a folder not made, a deletion refused). */
  log(text: string): void;
  /** It stopped (by itself or asked): the owner forgets it. */
  ended(): void;
  /** A file's transfer ended, sent or failed (the `ferry` command prints a line for each). */
  transferEnded?(relative: string, job: JobView): void;
}

export interface KeepUpTiming {
  /** How long a path must be quiet before it is looked at (and again before it is sent). */
  quietMs: number;
  /** How often the folder is scanned when the system's notices are not available. */
  pollMs: number;
  maxEntries: number;
}

export const KEEP_UP_TIMING: KeepUpTiming = { quietMs: 400, pollMs: 3000, maxEntries: 100_000 };

export class KeepUp {
  readonly state: KeepUpState;
  private readonly watcher: FolderWatcher;
  private readonly changes: LocalChanges;
  /** The transfer last queued for each path, until it ends. */
  private readonly transfers = new Map<string, string>();
  /** Paths changed while their transfer ran: looked at again when it ends. */
  private readonly again = new Set<string>();
  private timer?: NodeJS.Timeout;
  private busy = false;
  private lastScan = 0;
  private sent = '';
  /**
   * The watched folder itself: another folder at its path is not it. Its birth time too, as a
   * folder deleted and made again at once often gets the same inode back. (Holding the folder
   * open would keep its inode, but also keep its drive from being ejected.)
   */
  private root?: { dev: number; ino: number; birthtimeMs: number };

  constructor(
    request: { sessionId: string; localRoot: string; remoteRoot: string; deleteOnServer: boolean },
    private readonly deps: KeepUpDeps,
    private readonly timing: KeepUpTiming = KEEP_UP_TIMING,
  ) {
    this.state = {
      keepId: randomUUID(),
      ...request,
      running: true,
      uploaded: 0,
      foldersMade: 0,
      madeFolders: [],
      deleted: 0,
      failed: 0,
      waiting: 0,
      lastAt: null,
      lastPath: null,
      leftOut: 0,
      polling: false,
    };
    this.watcher = new FolderWatcher(request.localRoot, {
      changed: (relative) => this.changes.noticed(relative),
      polling: () => {
        this.state.polling = true;
      },
    });
    this.changes = new LocalChanges({
      root: request.localRoot,
      exclude: deps.exclude,
      quietMs: timing.quietMs,
      maxEntries: timing.maxEntries,
      folderFound: (relative) => this.watcher.add(relative),
      folderGone: (relative) => this.watcher.remove(relative),
    });
  }

  /** Reads the folder as it is (nothing of it is sent), then follows its changes. */
  async start(): Promise<void> {
    try {
      const root = await stat(this.state.localRoot).catch(() => null);
      if (root) this.root = { dev: root.dev, ino: root.ino, birthtimeMs: root.birthtimeMs };
      await this.changes.baseline();
    } catch (error) {
      this.watcher.close();
      throw error;
    }
    if (!this.state.running) return; // its tab closed meanwhile
    this.lastScan = Date.now();
    this.timer = setInterval(() => void this.tick(), Math.min(200, this.timing.quietMs));
    this.timer.unref();
    this.publish();
  }

  stop(reason: KeepUpStopReason, error?: ErrorInfo): void {
    if (!this.state.running) return;
    clearInterval(this.timer);
    this.watcher.close();
    this.state.running = false;
    this.state.stoppedBecause = reason;
    if (error) this.state.error = error;
    this.publish(true);
    this.deps.ended();
  }

  private async tick(): Promise<void> {
    if (this.busy || !this.state.running) return;
    this.busy = true;
    try {
      if (!(await this.rootStillThere())) {
        this.stop('folderGone');
        return;
      }
      const now = Date.now();
      if (this.state.polling && now - this.lastScan >= this.timing.pollMs) {
        this.lastScan = now;
        await this.changes.rescan(now);
      }
      const batch = await this.changes.settle(now);
      if (!this.state.running) return;
      await this.apply(batch);
      this.followTransfers();
      this.publish();
    } catch (error) {
      const info = toErrorInfo(error);
      this.stop(info.code === 'session_not_found' ? 'disconnected' : 'failed', info);
    } finally {
      this.busy = false;
    }
  }

  /**
   * False once the folder went, or another one took its path (\`rm -rf site && mkdir site\`, a
   * drive unmounted under its mount point): that one is not watched, and its emptiness must never
   * read as every file deleted (with deletions on, the server's copy would be emptied).
   */
  private async rootStillThere(): Promise<boolean> {
    const found = await stat(this.state.localRoot).catch(() => null);
    if (found === null || !found.isDirectory()) return false;
    const was = this.root;
    return (
      was === undefined ||
      (found.dev === was.dev && found.ino === was.ino && found.birthtimeMs === was.birthtimeMs)
    );
  }

  private async apply(batch: ChangeBatch): Promise<void> {
    for (const gone of batch.gone) {
      this.dropTransfers(gone.relative); // nothing left here to send
      if (this.state.deleteOnServer) await this.deleteThere(gone);
    }
    const made: string[] = [];
    for (const folder of batch.folders) {
      try {
        await this.deps.browsing().mkdir(this.remotePath(folder));
        this.state.foldersMade++;
        made.push(folder);
      } catch (error) {
        this.failedAt(folder, error);
      }
    }
    if (made.length > 0) this.state.madeFolders = made.slice(0, 100); // enough to refresh by
    const files = batch.files.filter((relative) => this.needsTransfer(relative));
    if (files.length === 0) return;
    const ids = await this.deps.enqueue({
      sessionId: this.state.sessionId,
      direction: 'upload',
      conflictAction: 'overwrite',
      items: files.map((relative) => {
        const remote = this.remotePath(relative);
        return {
          source: localPathIn(this.state.localRoot, relative),
          targetFolder: posix.dirname(remote),
          targetName: posix.basename(remote),
          // Replaced by a link while it waits in the queue: not read through it (nor through a
          // folder turned link).
          linksRefused: true,
          localRoot: { path: this.state.localRoot },
        };
      }),
    });
    files.forEach((relative, i) => {
      const id = ids[i];
      if (id !== undefined) this.transfers.set(relative, id);
    });
  }

  /** False when a transfer of this path waits (it will read the file as it is when it starts). */
  private needsTransfer(relative: string): boolean {
    const id = this.transfers.get(relative);
    const job = id === undefined ? undefined : this.deps.job(id);
    if (!job || !(job.state === 'queued' || job.state === 'active')) return true;
    if (job.state === 'queued' && job.attempts === 0) return false;
    this.again.add(relative); // running (or resuming what it sent): once more when it ends
    return false;
  }

  /** Counts the transfers that ended; a path changed while its transfer ran is looked at again. */
  private followTransfers(): void {
    for (const [relative, id] of this.transfers) {
      const job = this.deps.job(id);
      if (job && (job.state === 'queued' || job.state === 'active')) continue;
      this.transfers.delete(relative);
      if (job?.state === 'done') {
        this.state.uploaded++;
        this.state.lastAt = job.finishedAt ?? Date.now();
        this.state.lastPath = relative;
        this.deps.transferEnded?.(relative, job);
      } else if (job?.state === 'failed') {
        this.state.failed++;
        this.deps.transferEnded?.(relative, job);
      }
      // Changed while it ran: sent again unless what it read is what is there now.
      if (this.again.delete(relative)) this.changes.resend(relative, job?.sourceFacts);
    }
  }

  /** Cancels the transfers of `relative` and of everything below it. */
  private dropTransfers(relative: string): void {
    for (const [path, id] of this.transfers) {
      if (path === relative || path.startsWith(`${relative}/`)) {
        const state = this.deps.job(id)?.state;
        if (state === 'queued' || state === 'active') this.deps.cancel(id);
        this.transfers.delete(path);
        this.again.delete(path);
      }
    }
  }

  private async deleteThere(gone: ChangeBatch['gone'][number]): Promise<void> {
    const { relative } = gone;
    try {
      const target = { ...gone, path: this.remotePath(relative) };
      if (await deleteOnServer(this.deps.browsing(), this.deps.exclude, target)) {
        this.state.deleted++;
      }
    } catch (error) {
      this.failedAt(relative, error);
    }
  }

  private failedAt(relative: string, error: unknown): void {
    const info = toErrorInfo(error);
    if (info.code === 'session_not_found') throw error;
    this.state.failed++;
    const hint = info.hint === undefined ? '' : ` ${info.hint}`;
    this.deps.log(
      `Keeping ${this.state.remoteRoot} up to date: "${relative}": ${info.message}${hint}`,
    );
  }

  /** The server path of a relative path whose names LocalChanges checked; proven inside. */
  private remotePath(relative: string): string {
    const path = posix.join(this.state.remoteRoot, relative);
    const inside = posix.relative(this.state.remoteRoot, path);
    if (inside === '' || inside.startsWith('..') || posix.isAbsolute(inside)) {
      throw new FerryError('forbidden', `"${relative}" is not inside ${this.state.remoteRoot}.`);
    }
    return path;
  }

  /** Sends the state when it changed (at most one a tick); always when `force`. */
  private publish(force = false): void {
    this.state.waiting = this.changes.waiting + this.transfers.size;
    this.state.leftOut = this.changes.leftOut;
    const text = JSON.stringify(this.state);
    if (!force && text === this.sent) return;
    this.sent = text;
    this.deps.emit({ ...this.state });
  }
}
