/**
 * A cross-process lock around a read-modify-write of one small file (sites.json, the secret
 * files). The app, a second window's server, the browser edition and the `ferry` command may all
 * change the same file; without a lock, two of them reading the same version and each writing
 * its own change loses one of the changes.
 *
 * Why a lock file and not an optimistic version check: our writes are a rename of a finished
 * temporary file, and no file system offers "rename only if the target is still version N", so a
 * check-then-rename always leaves a window in which another writer's change is lost.
 *
 * The lock is `<file>.lock`, made complete under a temporary name and hard-linked into place
 * (link fails if the name exists, so exactly one process wins, and nobody ever sees a half-written
 * lock; without hard links it is created with O_EXCL in place). It names its holder (host, pid) and when it was taken. A lock is stale, and taken over,
 * when its holder on this host has died or when it is older than `staleMs` (holders keep it for
 * milliseconds). Taking over renames the stale lock aside first, so two waiters cannot both
 * remove it, and a holder checks that the lock is still its own right before it commits.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FerryError } from '../../../shared/errors';

export interface FileLockOptions {
  /** How long to wait for another holder before giving up. */
  timeoutMs?: number;
  /** A lock older than this is taken over even if its holder still runs. */
  staleMs?: number;
  /** Test seam: create the lock as on a file system without hard links. */
  withoutHardLinks?: boolean;
}

export interface HeldLock {
  /** Throws unless this process still holds the lock (call right before committing a write). */
  assertHeld(): Promise<void>;
}

interface LockContent {
  host: string;
  pid: number;
  token: string;
  at: number;
}

const DEFAULTS = { timeoutMs: 10_000, staleMs: 30_000, withoutHardLinks: false } as const;

export function lockPathOf(path: string): string {
  return `${path}.lock`;
}

/** Runs `task` while holding the lock of `path`; always releases it. */
export async function withFileLock<T>(
  path: string,
  task: (lock: HeldLock) => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const lockPath = lockPathOf(path);
  const token = await acquire(path, lockPath, { ...DEFAULTS, ...options });
  const held: HeldLock = {
    assertHeld: async () => {
      if ((await readLock(lockPath))?.token !== token) throw lockLost(path);
    },
  };
  try {
    return await task(held);
  } finally {
    await release(lockPath, token);
  }
}

async function acquire(
  path: string,
  lockPath: string,
  options: Required<FileLockOptions>,
): Promise<string> {
  const content: LockContent = {
    host: hostname(),
    pid: process.pid,
    token: randomBytes(12).toString('hex'),
    at: Date.now(),
  };
  const deadline = Date.now() + options.timeoutMs;
  let delay = 5;
  for (;;) {
    content.at = Date.now();
    const created = options.withoutHardLinks
      ? await createInPlace(lockPath, content)
      : await tryCreate(lockPath, content);
    if (created) return content.token;
    const current = await readLock(lockPath);
    if (await isStale(lockPath, current, options.staleMs)) {
      await takeOver(lockPath, current);
      continue;
    }
    if (Date.now() >= deadline) throw busy(path);
    // Jittered back-off: waiters do not wake in lock-step.
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
}

/** Writes the lock under a unique name and links it into place; false if one exists. */
async function tryCreate(lockPath: string, content: LockContent): Promise<boolean> {
  const temp = `${lockPath}.${content.token}.new`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(content), 'utf8');
  } finally {
    await handle.close();
  }
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code ?? '')) throw error;
    return createInPlace(lockPath, content);
  } finally {
    await rm(temp, { force: true });
  }
}

/** What a file system without hard links (FAT, some network shares) answers to link(). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP', 'EXDEV']);

/**
 * Exclusive create without a link: for a moment the lock is empty, which waiters treat as
 * "unreadable, recent", so they wait rather than take it over.
 */
async function createInPlace(lockPath: string, content: LockContent): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(content), 'utf8');
  } finally {
    await handle.close();
  }
  return true;
}

/** The lock's content; null when it is unreadable; undefined when there is none. */
async function readLock(lockPath: string): Promise<LockContent | null | undefined> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return null;
  }
  try {
    const data = JSON.parse(text) as Partial<LockContent>;
    const valid =
      typeof data.host === 'string' &&
      Number.isSafeInteger(data.pid) &&
      typeof data.token === 'string' &&
      typeof data.at === 'number';
    return valid ? (data as LockContent) : null;
  } catch {
    return null;
  }
}

async function isStale(
  lockPath: string,
  lock: LockContent | null | undefined,
  staleMs: number,
): Promise<boolean> {
  if (lock === undefined) return false; // released meanwhile: just try again
  if (lock === null) {
    // Not ours to read (hand-edited, or written by something else): judge by its age only.
    const modified = await stat(lockPath).then(
      (s) => s.mtimeMs,
      () => undefined,
    );
    return modified !== undefined && Date.now() - modified > staleMs;
  }
  if (lock.host === hostname() && !processAlive(lock.pid)) return true;
  // `at` in the future (a clock set back) counts from now, so it cannot pin the lock forever.
  return Date.now() - lock.at > staleMs || lock.at - Date.now() > staleMs;
}

/** Whether a process of this host still runs (also used to judge who owns a shared file's entries). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves the stale lock aside (only one waiter's rename can succeed), then checks that what it
 * moved is the lock it judged: if another waiter replaced it in between, it puts that one back.
 */
async function takeOver(lockPath: string, judged: LockContent | null | undefined): Promise<void> {
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // someone else moved or released it: try again
  }
  const moved = await readLock(aside);
  const same = judged === null ? moved === null : moved?.token === judged?.token;
  if (!same) await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true });
}

async function release(lockPath: string, token: string): Promise<void> {
  // Never remove a lock someone took over from us.
  if ((await readLock(lockPath))?.token === token) await rm(lockPath, { force: true });
}

function busy(path: string): FerryError {
  return new FerryError(
    'timeout',
    `Another Ferry window or the ferry command kept ${basename(path)} busy, so your change was not saved.`,
    'Try again in a moment. If it keeps happening, close the other Ferry windows and try again.',
  );
}

function lockLost(path: string): FerryError {
  return new FerryError(
    'timeout',
    `Saving ${basename(path)} took so long that another Ferry window went ahead, so your change was not saved.`,
    'Try again.',
  );
}
