import type { EmitEvent } from '../../../shared/contract';
import type {
  TransferJob,
  TransferState,
  TransferTotals,
} from '../../../shared/contract/transfers';
import type { ErrorInfo } from '../../../shared/errors';
import { PlaceCounter } from './queue-order';
import { etaSeconds, SpeedMeter } from './speed-meter';
import type { FileJob, FolderJob, Job } from './types';

/** At most four updates a second: enough to look live, cheap for the UI and the IPC. */
const FLUSH_INTERVAL_MS = 250;
/** A transfer that ends is told sooner: "done" is what the user waits for. */
const FINISH_INTERVAL_MS = 50;

const FINISHED: ReadonlySet<TransferState> = new Set(['done', 'failed', 'cancelled', 'skipped']);

export function isFinished(state: TransferState): boolean {
  return FINISHED.has(state);
}

type StateCounts = Record<TransferState, number>;

const zeroCounts = (): StateCounts => ({
  queued: 0,
  active: 0,
  done: 0,
  failed: 0,
  cancelled: 0,
  skipped: 0,
});

/**
 * The rows of the transfer panel: keeps every job's row, folds file rows into their folder's
 * row, measures speed, and tells the UI what changed, throttled to a few events a second.
 */
export class JobBoard {
  private readonly jobs = new Map<string, Job>();
  private readonly folderCounts = new WeakMap<FolderJob, StateCounts>();
  private readonly meters = new WeakMap<Job, SpeedMeter>();
  private readonly totalMeter = new SpeedMeter();
  private dirty = new Set<Job>();
  private removed: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private paused = false;
  private pausedBecause: ErrorInfo | undefined;
  private activeCount = 0;
  private disposed = false;
  private readonly places = new PlaceCounter();

  constructor(
    private readonly emit: EmitEvent,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = FLUSH_INTERVAL_MS,
  ) {}

  /** Adds a row; a whole transfer goes last in the start order (queue-order.ts). */
  add(job: Job): void {
    this.places.place(job);
    this.jobs.set(job.row.id, job);
    if (job.type === 'folder') this.folderCounts.set(job, zeroCounts());
    const parent = job.type === 'file' ? job.parent : undefined;
    if (parent && job.type === 'file') {
      parent.children.push(job);
      this.countChild(parent, undefined, job.row.state);
      if (job.row.total !== null) this.addToFolderTotal(parent, job.row.total);
    }
    if (job.row.state === 'active') this.activeCount++;
    this.touch(job);
  }

  /** Puts `next` in the place of `previous` (same row: a file job that turned out a folder). */
  replace(previous: Job, next: Job): void {
    this.jobs.set(next.row.id, next);
    if (next.type === 'folder') this.folderCounts.set(next, zeroCounts());
    this.dirty.delete(previous);
    this.touch(next);
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  all(): Job[] {
    return [...this.jobs.values()];
  }

  rows(): TransferJob[] {
    return this.all().map((job) => snapshot(job.row));
  }

  /** Forgets finished rows (and tells the UI). */
  remove(jobs: Job[]): void {
    for (const job of jobs) {
      if (this.jobs.delete(job.row.id)) this.removed.push(job.row.id);
      this.dirty.delete(job);
    }
    this.schedule();
  }

  setBytes(job: FileJob, bytes: number): void {
    const delta = bytes - job.row.bytes;
    if (delta === 0) return;
    job.row.bytes = bytes;
    if (job.parent) {
      job.parent.row.bytes += delta;
      this.touch(job.parent);
    }
    this.touch(job);
  }

  /** Sets a file's size once known (a folder's total grows as its files are found). */
  setTotal(job: FileJob, total: number | null): void {
    if (job.row.total === total) return;
    if (job.parent) this.addToFolderTotal(job.parent, (total ?? 0) - (job.row.total ?? 0));
    job.row.total = total;
    this.touch(job);
  }

  setState(
    job: Job,
    state: TransferState,
    details: { error?: ErrorInfo; note?: string; leftAlone?: TransferJob['leftAlone'] } = {},
  ): void {
    const old = job.row.state;
    job.row.state = state;
    if (details.leftAlone !== undefined) job.row.leftAlone = details.leftAlone;
    else delete job.row.leftAlone;
    if (details.error) job.row.error = details.error;
    else if (state === 'done' || state === 'active') delete job.row.error;
    if (details.note !== undefined) job.row.note = details.note;
    else if (state === 'active' || state === 'done') delete job.row.note;
    if (isFinished(state)) job.row.finishedAt = this.now();
    else delete job.row.finishedAt;
    if (old !== 'active' && state === 'active') this.activeCount++;
    if (old === 'active' && state !== 'active') this.activeCount--;
    if (state !== 'active') {
      job.row.speed = 0;
      job.row.eta = null;
      this.meters.delete(job);
    }
    if (job.type === 'file' && job.parent) this.countChild(job.parent, old, state);
    this.touch(job);
    // A whole transfer (a top-level row) that ends is told at once, not up to a tick later.
    if (isFinished(state) && !(job.type === 'file' && job.parent)) this.flushSoon();
  }

  /** Re-derives a folder row's state from its files and pending listings. */
  settleFolder(folder: FolderJob): void {
    if (folder.row.state === 'cancelled') return;
    const counts = this.folderCounts.get(folder) ?? zeroCounts();
    const files = folder.row.files;
    if (files) files.walking = folder.pendingWalks > 0;
    const busy = folder.pendingWalks > 0 || counts.queued + counts.active > 0;
    if (busy) {
      if (folder.row.state !== 'active') this.setState(folder, 'active');
      return;
    }
    const skipped = counts.skipped + counts.cancelled;
    const note = skipped > 0 ? skippedNote(folder, skipped) : undefined;
    if (folder.ownError) {
      this.setState(folder, 'failed', { error: folder.ownError, ...(note ? { note } : {}) });
    } else if (counts.failed > 0) {
      const noun = folder.children.length === 1 ? 'item' : 'items';
      this.setState(folder, 'failed', {
        error: {
          code:
            folder.children.find((c) => c.row.state === 'failed')?.row.error?.code ?? 'internal',
          message: `${counts.failed} of ${folder.children.length} ${noun} could not be transferred.`,
          hint: 'The failed rows say why. Retry them once the cause is fixed.',
        },
        ...(note ? { note } : {}),
      });
    } else {
      this.setState(folder, 'done', note ? { note } : {});
    }
  }

  setPaused(paused: boolean, because?: ErrorInfo): void {
    this.paused = paused;
    this.pausedBecause = paused ? because : undefined;
    this.schedule(true);
  }

  touch(job: Job): void {
    this.dirty.add(job);
    this.schedule();
  }

  totals(): TransferTotals {
    const totals: TransferTotals = {
      bytes: 0,
      total: 0,
      speed: 0,
      eta: null,
      ...zeroCounts(),
      paused: this.paused,
      ...(this.pausedBecause ? { pausedBecause: this.pausedBecause } : {}),
    };
    for (const job of this.jobs.values()) {
      if (job.type !== 'file') continue;
      totals[job.row.state]++;
      if (job.row.state === 'cancelled' || job.row.state === 'skipped') continue;
      totals.bytes += job.row.bytes;
      totals.total += job.row.total ?? job.row.bytes;
    }
    const now = this.now();
    this.totalMeter.record(totals.bytes, now);
    totals.speed = this.activeCount > 0 ? this.totalMeter.speed(now) : 0;
    totals.eta = totals.active > 0 ? etaSeconds(totals.total - totals.bytes, totals.speed) : null;
    return totals;
  }

  /** Sends everything pending now (at the end of a CLI run, or in tests). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = this.now();
    const now = this.lastFlush;
    if (this.activeCount > 0) {
      for (const job of this.jobs.values()) if (job.row.state === 'active') this.dirty.add(job);
    }
    const jobs: TransferJob[] = [];
    for (const job of this.dirty) {
      if (job.row.state === 'active') this.measure(job, now);
      jobs.push(snapshot(job.row));
    }
    this.dirty = new Set();
    if (this.removed.length > 0) {
      this.emit('transfer.removed', { jobIds: this.removed });
      this.removed = [];
    }
    if (jobs.length > 0) this.emit('transfer.updated', { jobs });
    this.emit('transfer.totals', this.totals());
    // Keep ticking while something moves, so speeds fall when a transfer stalls.
    if (this.activeCount > 0) this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private measure(job: Job, now: number): void {
    let meter = this.meters.get(job);
    if (!meter) {
      meter = new SpeedMeter();
      this.meters.set(job, meter);
    }
    meter.record(job.row.bytes, now);
    job.row.speed = Math.round(meter.speed(now));
    job.row.eta =
      job.row.total === null ? null : etaSeconds(job.row.total - job.row.bytes, job.row.speed);
  }

  /** Flushes within FINISH_INTERVAL_MS of the last flush (at most that many events a second). */
  private flushSoon(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    const wait = Math.max(0, this.lastFlush + FINISH_INTERVAL_MS - this.now());
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }

  private schedule(soon = false): void {
    if (this.timer || this.disposed) return;
    const wait = soon ? 0 : Math.max(0, this.lastFlush + this.intervalMs - this.now());
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }

  private countChild(folder: FolderJob, from: TransferState | undefined, to: TransferState): void {
    const counts = this.folderCounts.get(folder);
    if (!counts) return;
    if (from !== undefined) counts[from]--;
    counts[to]++;
    const files = (folder.row.files ??= {
      total: 0,
      done: 0,
      failed: 0,
      skipped: 0,
      walking: true,
    });
    const earlier = folder.earlier?.files ?? 0; // restored: done before the restart
    files.total = folder.children.length + earlier;
    files.done = counts.done + earlier;
    files.failed = counts.failed;
    files.skipped = counts.skipped + counts.cancelled;
    this.touch(folder);
  }

  private addToFolderTotal(folder: FolderJob, delta: number): void {
    folder.row.total = (folder.row.total ?? 0) + delta;
    this.touch(folder);
  }
}

function snapshot(row: TransferJob): TransferJob {
  const copy = { ...row };
  if (row.files) copy.files = { ...row.files };
  if (row.error) copy.error = { ...row.error };
  return copy;
}

/** "3 of 5 skipped", saying how many of them the exclusion list left out. */
function skippedNote(folder: FolderJob, skipped: number): string {
  const excluded = folder.children.filter((child) => child.excludedBy !== undefined).length;
  const note = `${skipped} of ${folder.children.length} skipped`;
  return excluded > 0 ? `${note} (${excluded} left out by the exclusion list)` : note;
}
