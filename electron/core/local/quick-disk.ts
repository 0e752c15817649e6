import { statfs } from 'node:fs/promises';

/*
 * A small file's disk calls (create, write, date, close, rename; or open, read, close) may run on
 * the event loop instead of Node's thread pool: every thread-pool call costs thread hand-offs,
 * and for thousands of 8 KiB files those cost more CPU than the calls themselves (1,000 SFTP
 * downloads: ~19% less CPU, ~15% less time). Only where such calls are quick by nature — local
 * disk file systems on Linux — and only while they stay quick: a batch of calls slower than
 * SLOW_MS (a disk waking up, a file system under pressure) sends every folder back to the thread
 * pool for a minute. A network or FUSE file system can stall for seconds: it never gets the
 * direct path, nor does any other platform (their file system types are not known here).
 * The verdict is the folder's: callers send symbolic links (which may point anywhere) to the
 * thread pool.
 */

/** statfs f_type of the Linux file systems that live on a local disk or in memory. */
const LOCAL_DISK_TYPES = new Set([
  0xef53, // ext2, ext3, ext4
  0x58465342, // xfs
  0x9123683e, // btrfs
  0x01021994, // tmpfs
  0xf2f52010, // f2fs
  0x2fc12fc1, // zfs
  0x794c7630, // overlayfs (containers), over a local disk
]);

/** A batch of direct calls slower than this turns the direct path off for COOL_DOWN_MS. */
export const SLOW_MS = 20;
export const COOL_DOWN_MS = 60_000;
/** Folders whose verdict is remembered; past this, the memory starts over (a long-lived app). */
const MAX_FOLDERS = 1_000;
/** How long a folder's verdict holds: something may be mounted on it later. */
export const VERDICT_MS = 60_000;

export interface QuickDiskOptions {
  platform?: NodeJS.Platform;
  now?: () => number;
  /** The statfs type of the file system holding `folder`; rejects when it cannot be asked. */
  typeOf?: (folder: string) => Promise<number>;
}

export class QuickDisk {
  private readonly verdicts = new Map<string, { allowed: Promise<boolean>; at: number }>();
  private slowUntil = -Infinity;
  private readonly platform: NodeJS.Platform;
  private readonly now: () => number;
  private readonly typeOf: (folder: string) => Promise<number>;

  constructor(options: QuickDiskOptions = {}) {
    this.platform = options.platform ?? process.platform;
    this.now = options.now ?? (() => performance.now());
    this.typeOf = options.typeOf ?? fileSystemType;
  }

  /** Whether the disk calls on files in `folder` may run on the event loop now. */
  async allows(folder: string): Promise<boolean> {
    if (this.platform !== 'linux' || this.now() < this.slowUntil) return false;
    const now = this.now();
    let verdict = this.verdicts.get(folder);
    if (verdict === undefined || now - verdict.at > VERDICT_MS) {
      if (this.verdicts.size >= MAX_FOLDERS) this.verdicts.clear();
      const allowed = this.typeOf(folder).then(
        (type) => LOCAL_DISK_TYPES.has(type),
        // A folder that cannot be asked: the thread pool's calls will say what is wrong.
        () => false,
      );
      verdict = { allowed, at: now };
      this.verdicts.set(folder, verdict);
    }
    return verdict.allowed;
  }

  /** `direct()` where the folder allows it, else `pooled()`: the same calls either way. */
  async either<T>(folder: string, direct: () => T, pooled: () => Promise<T>): Promise<T> {
    return (await this.allows(folder)) ? this.run(direct) : pooled();
  }

  /** Runs a batch of direct disk calls, and notes when it was too slow to run that way again. */
  run<T>(calls: () => T): T {
    const started = this.now();
    try {
      return calls();
    } finally {
      const finished = this.now();
      if (finished - started > SLOW_MS) this.slowUntil = finished + COOL_DOWN_MS;
    }
  }
}

async function fileSystemType(folder: string): Promise<number> {
  return Number((await statfs(folder)).type);
}

/** The process's one judge: the direct path is a property of the disks, not of a transfer. */
export const quickDisk = new QuickDisk();
