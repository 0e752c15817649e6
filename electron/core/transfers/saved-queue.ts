/**
 * Keeps the unfinished transfers in the data folder, as FileZilla keeps its queue on exit:
 * written atomically, at most about once a second while the list changes (every ten seconds for
 * a list of thousands, whose file is megabytes), and read once at the next start. A damaged file
 * is set aside (renamed) with a log line; it never stops Ferry.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../sites/atomic-file';
import { releasePartPath } from './part-file';
import {
  MAX_SAVED_BYTES,
  MAX_SAVED_JOBS,
  partPathOf,
  SAVED_QUEUE_FORMAT,
  SAVED_QUEUE_VERSION,
  targetOf,
  type SavedQueueFile,
  type SavedServer,
} from './saved-queue-format';
import { parseSavedQueue } from './saved-queue-parse';

export const SAVED_QUEUE_FILE = 'unfinished-transfers.json';
const WRITE_DELAY_MS = 1000;
/** Above this many jobs the list is written less often: each write is megabytes and an fsync. */
const BIG_LIST_JOBS = 5000;
const BIG_LIST_WRITE_DELAY_MS = 10_000;

/** A server's jobs from an earlier run, waiting for Restore or Discard. */
export interface PendingServer extends SavedServer {
  id: string;
}

export interface SavedQueueOptions {
  dataDir: string;
  /** The unfinished jobs of this run, grouped by server (read when writing). */
  live: () => SavedServer[];
  log: (level: 'info' | 'error', text: string) => void;
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
  private toldLeft = false;
  readonly loaded: Promise<void>;

  constructor(private readonly options: SavedQueueOptions) {
    this.path = join(options.dataDir, SAVED_QUEUE_FILE);
    this.loaded = this.load();
  }

  /** The servers whose transfers an earlier run did not finish, not yet restored or discarded. */
  pending(): readonly PendingServer[] {
    return this.pendingServers;
  }

  /** Takes a pending server's jobs (to queue them again); they are this run's from now on. */
  take(id: string): PendingServer | undefined {
    const server = this.pendingServers.find((s) => s.id === id);
    if (server) this.pendingServers = this.pendingServers.filter((s) => s !== server);
    this.changed();
    return server;
  }

  /** Forgets pending servers (all, or one) and removes the part files their downloads left. */
  async discard(id?: string): Promise<void> {
    const gone = this.pendingServers.filter((s) => id === undefined || s.id === id);
    this.pendingServers = this.pendingServers.filter((s) => !gone.includes(s));
    this.changed();
    for (const server of gone) {
      for (const job of server.jobs) {
        const target = targetOf(job);
        const part = target === undefined ? undefined : partPathOf(job, target);
        // A server's temporary file stays (no connection); a part file here goes.
        if (part === undefined || job.direction !== 'download') continue;
        await rm(part, { force: true }).catch(() => undefined);
        releasePartPath(part);
      }
    }
    await this.saveNow();
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

  /** Writes what is unfinished one last time, then writes no more. */
  async close(): Promise<void> {
    await this.saveNow();
    this.closed = true;
  }

  private async write(always: boolean): Promise<void> {
    const version = this.version;
    if (!always && version === this.writtenVersion) return;
    const servers = [...this.options.live(), ...this.pendingServers.map(withoutId)];
    try {
      if (servers.length === 0) await rm(this.path, { force: true });
      else {
        const { file, left } = bounded(servers, Date.now());
        await writeFileAtomic(this.path, JSON.stringify(file));
        if (left > 0 && !this.toldLeft) {
          // Once per run: the list is written again every time it changes.
          this.toldLeft = true;
          const total = servers.reduce((n, server) => n + server.jobs.length, 0);
          this.options.log(
            'error',
            `Only the first ${total - left} of ${total} unfinished transfers can be kept for the next start.`,
          );
        }
      }
      this.writtenVersion = version;
      this.writtenJobs = servers.reduce((n, server) => n + server.jobs.length, 0);
    } catch (error) {
      this.options.log(
        'error',
        `Could not keep the list of unfinished transfers: ${describe(error)}`,
      );
    }
  }

  private async load(): Promise<void> {
    let raw: string;
    try {
      const size = (await stat(this.path)).size;
      if (size > MAX_SAVED_BYTES)
        return await this.setAside(`it is larger than ${MAX_SAVED_BYTES} bytes`);
      raw = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      return this.setAside(describe(error));
    }
    const parsed = parseSavedQueue(raw);
    if (parsed.kind === 'damaged') return this.setAside(parsed.why);
    this.pendingServers = parsed.servers.map((server) => ({ ...server, id: randomUUID() }));
    if (parsed.dropped > 0) {
      this.options.log(
        'error',
        `${parsed.dropped} unfinished transfers from last time were left out: their saved paths were not safe.`,
      );
    }
  }

  private async setAside(why: string): Promise<void> {
    const aside = `${this.path}.damaged-${Date.now()}`;
    await rename(this.path, aside).catch(() => undefined);
    this.options.log(
      'error',
      `The list of unfinished transfers could not be read (${why}); it was set aside as ${aside}.`,
    );
  }
}

function withoutId({ id: _id, ...server }: PendingServer): SavedServer {
  return server;
}

/**
 * The file's text: at most MAX_SAVED_JOBS jobs and well under MAX_SAVED_BYTES (the oldest
 * first: the queue's order), so the next start can always read what this one wrote.
 */
export function serialise(servers: SavedServer[], savedAt = 0): string {
  return JSON.stringify(bounded(servers, savedAt).file);
}

/** The list as written, and how many jobs did not fit. */
export function bounded(
  servers: SavedServer[],
  savedAt = 0,
): { file: SavedQueueFile; left: number } {
  let room = MAX_SAVED_JOBS;
  let bytes = 0;
  let left = 0;
  const kept: SavedServer[] = [];
  for (const server of servers) {
    const jobs: SavedServer['jobs'] = [];
    for (const job of server.jobs) {
      const size = JSON.stringify(job).length + 1;
      if (room === 0 || bytes + size > BYTE_BUDGET) {
        left++;
        continue;
      }
      jobs.push(job);
      room--;
      bytes += size;
    }
    if (jobs.length > 0) kept.push({ ...server, jobs });
  }
  const file: SavedQueueFile = {
    format: SAVED_QUEUE_FORMAT,
    version: SAVED_QUEUE_VERSION,
    savedAt,
    servers: kept,
  };
  return { file, left };
}

/** Room for the servers' own fields besides the jobs. */
const BYTE_BUDGET = MAX_SAVED_BYTES - 1024 * 1024;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
