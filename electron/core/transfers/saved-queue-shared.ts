/**
 * `unfinished-transfers.json` is shared by every Ferry process on one data folder (the desktop
 * app, browser editions): each entry (a server and its jobs) names the process that keeps it up to
 * date, and every write is a read-modify-write under the sites file's lock (`withFileLock`,
 * committed with `writeFileAtomic`) that replaces only the writer's own entries, so one process
 * finishing its transfers never drops another's. An entry whose process closed (it wrote no
 * owner) or died (its pid is gone on this host) is an earlier run's: the next process to start
 * claims it, and only that one offers it.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { writeFileAtomic } from '../sites/atomic-file';
import { withFileLock } from '../sites/file-lock';
import { stillRuns, thisProcess } from './owner-process';
import {
  MAX_SAVED_BYTES,
  MAX_SAVED_JOBS,
  SAVED_QUEUE_FORMAT,
  SAVED_QUEUE_VERSION,
  type SavedOwner,
  type SavedQueueFile,
  type SavedServer,
} from './saved-queue-format';
import { parseSavedQueue } from './saved-queue-parse';

export type Log = (level: 'info' | 'error', text: string) => void;

/** This process, as the owner of the entries it writes (a new token per list: two in one process differ). */
function newOwner(): SavedOwner {
  return { ...thisProcess(), token: randomUUID() };
}

/** An entry nobody keeps any more: its process closed, or died without closing. */
function isOrphan(owner: SavedOwner | undefined): boolean {
  return owner === undefined || !stillRuns(owner);
}

/**
 * One process's view of the shared file. Every write is a locked read-modify-write; the other
 * processes' entries are read again only when the file changed since this one's last read or
 * write (another process wrote it), so a process alone does not parse its own big list each time.
 */
export class SharedSavedList {
  /** Whose entries this list writes. */
  readonly owner = newOwner();
  /** The file's identity (inode, size, time) after this list's last read or write, and the others' entries then. */
  private seen: { id: string; others: SavedServer[] } | undefined;

  constructor(
    private readonly path: string,
    private readonly log: Log,
  ) {}

  /**
   * Claims the entries of earlier runs (marking them this process's in the file, so a process
   * starting next does not offer them too) and answers them, without their owner.
   */
  async claimEarlier(): Promise<SavedServer[]> {
    return withFileLock(this.path, async (lock) => {
      const { servers, dropped } = await readShared(this.path, this.log);
      if (dropped > 0) {
        this.log(
          'error',
          `${dropped} unfinished transfers from last time were left out: their saved paths were not safe.`,
        );
      }
      const claimed = servers.filter((server) => isOrphan(server.owner));
      const others = servers.filter((server) => !claimed.includes(server));
      if (claimed.length > 0) {
        await lock.assertHeld();
        await writeServers(this.path, [
          ...others,
          ...claimed.map((s) => ({ ...s, owner: this.owner })),
        ]);
      }
      this.seen = { id: await identity(this.path), others };
      return claimed.map(withoutOwner);
    });
  }

  /**
   * Replaces this process's entries in the file with `mine`, keeping every other process's.
   * `closing`: written without an owner, for the next start to claim. Answers how many jobs the
   * file holds and how many did not fit.
   */
  async replaceOwn(
    mine: readonly SavedServer[],
    closing: boolean,
  ): Promise<{ jobs: number; left: number }> {
    return withFileLock(this.path, async (lock) => {
      const id = await identity(this.path);
      const others =
        this.seen?.id === id
          ? this.seen.others
          : (await readShared(this.path, this.log)).servers.filter(
              (server) => server.owner?.token !== this.owner.token,
            );
      const own = mine.map((server) =>
        closing ? withoutOwner(server) : { ...server, owner: this.owner },
      );
      await lock.assertHeld();
      const written = await writeServers(this.path, [...others, ...own]);
      this.seen = { id: await identity(this.path), others };
      return written;
    });
  }
}

/** Which version of the file is there: every write makes a new file (an atomic rename). */
async function identity(path: string): Promise<string> {
  try {
    const { ino, size, mtimeMs } = await stat(path);
    return `${ino}:${size}:${mtimeMs}`;
  } catch {
    return 'none';
  }
}

async function writeServers(
  path: string,
  servers: SavedServer[],
): Promise<{ jobs: number; left: number }> {
  if (servers.length === 0) {
    await rm(path, { force: true });
    return { jobs: 0, left: 0 };
  }
  const { file, left } = bounded(servers, Date.now());
  await writeFileAtomic(path, JSON.stringify(file));
  return { jobs: servers.reduce((n, server) => n + server.jobs.length, 0), left };
}

/** The file's entries; a damaged file is set aside (renamed) with a log line and reads as none. */
async function readShared(
  path: string,
  log: Log,
): Promise<{ servers: SavedServer[]; dropped: number }> {
  const none = { servers: [], dropped: 0 };
  let raw: string;
  try {
    const size = (await stat(path)).size;
    if (size > MAX_SAVED_BYTES) {
      await setAside(path, `it is larger than ${MAX_SAVED_BYTES} bytes`, log);
      return none;
    }
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      await setAside(path, describe(error), log);
    return none;
  }
  const parsed = parseSavedQueue(raw);
  if (parsed.kind === 'damaged') {
    await setAside(path, parsed.why, log);
    return none;
  }
  return parsed;
}

async function setAside(path: string, why: string, log: Log): Promise<void> {
  const aside = `${path}.damaged-${Date.now()}`;
  await rename(path, aside).catch(() => undefined);
  log(
    'error',
    `The list of unfinished transfers could not be read (${why}); it was set aside as ${aside}.`,
  );
}

function withoutOwner({ owner: _owner, ...server }: SavedServer): SavedServer {
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
    if (jobs.length > 0 || (server.leftovers?.length ?? 0) > 0) kept.push({ ...server, jobs });
  }
  const file: SavedQueueFile = {
    format: SAVED_QUEUE_FORMAT,
    version: SAVED_QUEUE_VERSION,
    savedAt,
    servers: kept,
  };
  return { file, left };
}

/** Room for the servers' own fields (and discarded uploads' leftovers) besides the jobs. */
const BYTE_BUDGET = MAX_SAVED_BYTES - 1024 * 1024;

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
