/**
 * Keeps the unfinished transfers in the data folder, as FileZilla keeps its queue on exit:
 * written atomically, at most about once a second while the list changes (every ten seconds for
 * a list of thousands, whose file is megabytes), and read once at the next start. A damaged file
 * is set aside (renamed) with a log line; it never stops Ferry. Several Ferry processes may share
 * the file: each writes only its own entries (saved-queue-shared.ts).
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { releasePartPath } from './part-file';
import { partPathOf, targetOf, type SavedJob, type SavedServer } from './saved-queue-format';
import { describe, SharedSavedList, type Log } from './saved-queue-shared';

export { bounded, serialise } from './saved-queue-shared';

export const SAVED_QUEUE_FILE = 'unfinished-transfers.json';
const WRITE_DELAY_MS = 1000;
/** Above this many jobs the list is written less often: each write is megabytes and an fsync. */
const BIG_LIST_JOBS = 5000;
const BIG_LIST_WRITE_DELAY_MS = 10_000;
/** Discarded uploads' temporary files kept per server for a later clean-up; more are named, not kept. */
const MAX_LEFTOVERS = 1000;

/** A server's jobs from an earlier run, waiting for Restore or Discard. */
export interface PendingServer extends SavedServer {
  id: string;
}

/** What a Discard could not remove: part files here, temporary files on a server. */
export interface DiscardLeft {
  /** Download part files here that could not be removed. */
  local: string[];
  /** Servers that still hold temporary files of discarded uploads (`leftovers`). */
  servers: PendingServer[];
}

export interface SavedQueueOptions {
  dataDir: string;
  /** The unfinished jobs of this run, grouped by server (read when writing). */
  live: () => SavedServer[];
  log: Log;
  writeDelayMs?: number;
  /** The delay once the list holds more than BIG_LIST_JOBS jobs. */
  bigListWriteDelayMs?: number;
}

export class SavedQueue {
  readonly path: string;
  private pendingServers: PendingServer[] = [];
  private timer: NodeJS.Timeout | undefined;
  /**
   * Bumped by every change to what is kept; the file holds `writtenVersion`, so an unchanged
   * list is neither rebuilt nor written again (comparing the text itself would cost a rebuild).
   */
  private version = 0;
  private writtenVersion = -1;
  /** How many jobs the last write held: a big list is written less often. */
  private writtenJobs = 0;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  private closing = false;
  /** This process's entries of the shared file (saved-queue-shared.ts). */
  private readonly shared: SharedSavedList;
  private toldLeft = false;
  readonly loaded: Promise<void>;

  constructor(private readonly options: SavedQueueOptions) {
    this.path = join(options.dataDir, SAVED_QUEUE_FILE);
    this.shared = new SharedSavedList(this.path, options.log);
    this.loaded = this.load();
  }

  /** The servers whose transfers an earlier run did not finish, not yet restored or discarded. */
  pending(): readonly PendingServer[] {
    return this.pendingServers.filter((server) => server.jobs.length > 0);
  }

  /** Servers holding temporary files of discarded uploads, still to delete there. */
  withLeftovers(): readonly PendingServer[] {
    return this.pendingServers.filter((server) => (server.leftovers?.length ?? 0) > 0);
  }

  /** Takes a pending server's jobs (to queue them again); they are this run's from now on. */
  take(id: string): PendingServer | undefined {
    const server = this.pendingServers.find((s) => s.id === id && s.jobs.length > 0);
    if (server) this.replace(server, { ...server, jobs: [] });
    this.changed();
    return server;
  }

  /**
   * Forgets pending servers' jobs (all, or one server's) and removes the part files their
   * downloads left here. The temporary files of their uploads are on the server: they are kept
   * as the server's `leftovers`, for the caller to delete there now or when it can.
   */
  async discard(id?: string): Promise<DiscardLeft> {
    const gone = this.pendingServers.filter((s) => s.jobs.length > 0 && (id ?? s.id) === s.id);
    const left: DiscardLeft = { local: [], servers: [] };
    for (const server of gone) {
      const uploads: SavedJob[] = [];
      for (const job of server.jobs) {
        const target = targetOf(job);
        const part = target === undefined ? undefined : partPathOf(job, target);
        // A new file an upload was writing: deleted there while it is still what Ferry left. Only
        // an upload's: a download's target is a path on this computer, never one on the server.
        const newFile = job.direction === 'upload' && job.created !== undefined;
        if (part === undefined && target !== undefined && newFile) {
          uploads.push(job);
          continue;
        }
        if (part === undefined) continue;
        if (job.direction === 'upload') {
          uploads.push(job);
          continue;
        }
        releasePartPath(part);
        await rm(part, { force: true }).catch(() => left.local.push(part));
      }
      const leftovers = [...(server.leftovers ?? []), ...uploads].slice(0, MAX_LEFTOVERS);
      const next: PendingServer = { ...server, jobs: [], leftovers };
      this.replace(server, next);
      if (leftovers.length > 0) left.servers.push(next);
    }
    this.changed();
    await this.saveNow();
    return left;
  }

  /** These leftovers of a server are gone (deleted there, or found gone): no longer kept. */
  async forgetLeftovers(serverId: string, gone: readonly SavedJob[]): Promise<void> {
    const server = this.pendingServers.find((s) => s.id === serverId);
    if (!server || gone.length === 0) return;
    const leftovers = (server.leftovers ?? []).filter((job) => !gone.includes(job));
    this.replace(server, { ...server, leftovers });
    this.changed();
    await this.saveNow();
  }

  /** Puts `next` in the place of `server`; a server with nothing left to do goes. */
  private replace(server: PendingServer, next: PendingServer): void {
    const empty = next.jobs.length === 0 && (next.leftovers?.length ?? 0) === 0;
    this.pendingServers = this.pendingServers.flatMap((s) =>
      s !== server ? [s] : empty ? [] : [next],
    );
  }

  /**
   * What is kept changed: write it within a second, or ten for a big list (one write for a
   * burst of changes).
   */
  changed(): void {
    this.version++;
    if (this.closed || this.timer) return;
    const big = this.writtenJobs > BIG_LIST_JOBS;
    const delay = big
      ? (this.options.bigListWriteDelayMs ?? BIG_LIST_WRITE_DELAY_MS)
      : (this.options.writeDelayMs ?? WRITE_DELAY_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.saveNow(false);
    }, delay);
    this.timer.unref();
  }

  /**
   * Writes now (and waits for it). Unless `always`, nothing is written when nothing was told
   * changed since the last write (the timer's writes; a caller may know more than was told).
   */
  async saveNow(always = true): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.loaded;
    const next = this.writing.then(() => this.write(always));
    this.writing = next.catch(() => undefined);
    return next;
  }

  /**
   * Writes what is unfinished one last time, as no process's (the next start claims it), then
   * writes no more.
   */
  async close(): Promise<void> {
    this.closing = true;
    await this.saveNow();
    this.closed = true;
  }

  private async write(always: boolean): Promise<void> {
    const version = this.version;
    if (!always && version === this.writtenVersion) return;
    const servers = [...this.options.live(), ...this.pendingServers.map(withoutId)];
    try {
      const { jobs, left } = await this.shared.replaceOwn(servers, this.closing);
      if (left > 0 && !this.toldLeft) {
        // Once per run: the list is written again every time it changes.
        this.toldLeft = true;
        this.options.log(
          'error',
          `Only the first ${jobs - left} of ${jobs} unfinished transfers can be kept for the next start.`,
        );
      }
      this.writtenVersion = version;
      this.writtenJobs = jobs;
    } catch (error) {
      this.options.log(
        'error',
        `Could not keep the list of unfinished transfers: ${describe(error)}`,
      );
    }
  }

  private async load(): Promise<void> {
    try {
      const claimed = await this.shared.claimEarlier();
      this.pendingServers = claimed.map((server) => ({ ...server, id: randomUUID() }));
    } catch (error) {
      this.options.log(
        'error',
        `The list of unfinished transfers could not be read: ${describe(error)}`,
      );
    }
  }
}

function withoutId({ id: _id, ...server }: PendingServer): SavedServer {
  return server;
}
