import type { EmitEvent } from '../../../shared/contract';
import { DEFAULT_SETTINGS, type ConflictAction } from '../../../shared/contract/settings-values';
import { FerryError } from '../../../shared/errors';
import type { RemoteFs } from '../remote/remote-fs';
import { ConflictDesk } from './conflicts';
import { ConnectionPool } from './connection-pool';
import { withPooledConnection } from './pooled-run';
import { isFinished, JobBoard } from './job-board';
import { fileJobToFolder } from './job-factory';
import { asFerryError, backoffMs, isRetryable } from './retry-policy';
import { runFileJob } from './run-file';
import { placeOf } from './queue-order';
import { SessionLine } from './session-line';
import { StalePartFinder } from './stale-parts';
import { SpeedLimits } from './token-bucket';
import { TransferSlots } from './transfer-slots';
import type { ConnectionSource, FileJob, TransferSettings, WalkTask } from './types';
import { addFailedSubfolder, addWalkResult, runWalk } from './walk-task';

export interface SchedulerOptions {
  emit: EmitEvent;
  /** The connection source of a remote session; throws `session_not_found` for unknown ids. */
  connections: (sessionId: string) => ConnectionSource;
  settings?: TransferSettings;
  /** First retry delay (doubling after); tests make it short. */
  retryBaseMs?: number;
  idleConnectionMs?: number;
}

/** Why a running job was interrupted. */
export type AbortReason = 'cancel' | 'pause';

/**
 * Runs the queue's work: starts jobs and folder listings while slots are free, each on a pooled
 * connection of its session, and decides what happens after each one (done, retry, failed).
 */
export class Scheduler {
  readonly board: JobBoard;
  readonly desk: ConflictDesk;
  readonly pools = new Map<string, ConnectionPool>();
  readonly fileQueue = new SessionLine<FileJob>((job) => job.batch.sessionId, placeOf);
  readonly walkQueue = new SessionLine<WalkTask>((walk) => walk.folder.batch.sessionId, placeOf);
  readonly walkControllers = new Map<WalkTask, AbortController>();
  readonly waitingRetry = new Set<FileJob | WalkTask>();
  readonly idleWaiters = new Set<() => void>();
  private readonly staleParts = new StalePartFinder();
  /** One speed limit per direction, shared by all jobs (settings decide the rates). */
  readonly limits = new SpeedLimits();
  private current!: TransferSettings;
  paused = false;
  /**
   * Counts Resumes. A full disk met by work that started before the latest Resume (it was on
   * its way when the queue stopped) does not stop the queue again: the room may be there now.
   */
  resumes = 0;
  private running = 0;
  private readonly slots = new TransferSlots({
    shared: (sessionId) => this.pools.get(sessionId)?.shared === true,
    connections: (sessionId) => this.connectionCap(sessionId),
    total: () => this.settings.parallelTransfers,
  });
  private runningWalks = 0;
  private runningFiles = 0;
  private readonly stopWaiters = new Set<() => void>();

  constructor(private readonly options: SchedulerOptions) {
    this.board = new JobBoard(options.emit);
    this.desk = new ConflictDesk(options.emit, (job) => {
      if (isFinished(job.row.state)) return;
      this.fileQueue.unshift(job);
      this.pump();
    });
    const { parallelTransfers, retries, defaultConflictAction } = DEFAULT_SETTINGS;
    this.settings = { parallelTransfers, retries, defaultConflictAction, ...options.settings };
  }

  get settings(): TransferSettings {
    return this.current;
  }

  /** New settings; the speed limits change at once, for the jobs running too. */
  set settings(settings: TransferSettings) {
    this.current = settings;
    this.limits.apply({
      download: settings.downloadBytesPerSecond,
      upload: settings.uploadBytesPerSecond,
    });
  }

  /** Called when a cancelled job's run has stopped. */
  onCancelled: (job: FileJob) => void = () => undefined;

  /** Called when a failure means the whole queue should stop (see fileFailed). */
  onHalt: (failure: FerryError) => void = () => undefined;

  pump(): void {
    while (!this.paused) {
      const next = this.takeNext();
      if (next === undefined) break;
      const free = this.slots.occupy(sessionOf(next));
      this.running++;
      const run = next.type === 'walk' ? this.runWalkTask(next) : this.runFileTask(next);
      void run.finally(() => {
        this.running--;
        free();
        this.pump();
      });
    }
    this.checkIdle();
  }

  /**
   * The first work in the user's order, then the oldest, whose session has room, if the
   * app-wide limit has room for it too. One listing at a time keeps files moving while a tree is
   * walked (unless the folder comes first in the user's order); all slots list when there is
   * nothing else to do.
   */
  private takeNext(): FileJob | WalkTask | undefined {
    const hasRoom = (sessionId: string): boolean => this.slots.sessionHasRoom(sessionId);
    const walk = this.walkQueue.peek(hasRoom);
    const file = this.fileQueue.peek(hasRoom);
    const listFirst =
      walk !== undefined &&
      (this.runningWalks === 0 || file === undefined || placeOf(walk) < placeOf(file));
    const next = listFirst ? walk : file;
    if (next === undefined) return undefined;
    // The app-wide limit keeps first-come order: the oldest work waits for its room.
    if (!this.slots.totalHasRoom(sessionOf(next))) return undefined;
    if (next.type === 'walk') this.walkQueue.take(next);
    else this.fileQueue.take(next);
    return next;
  }

  /** The most connections for a session: the app's setting, or its site's lower limit. */
  private connectionCap(sessionId: string): number {
    let own: number | undefined;
    try {
      own = this.poolFor(sessionId).maxConnections;
    } catch {
      // An unknown or closed session: its work starts and fails with the reason.
    }
    return Math.max(1, Math.min(this.settings.parallelTransfers, own ?? Infinity));
  }

  checkIdle(): void {
    const idle =
      this.running === 0 &&
      this.fileQueue.length === 0 &&
      this.walkQueue.length === 0 &&
      this.waitingRetry.size === 0 &&
      this.desk.pendingCount() === 0;
    if (idle) this.staleParts.clear();
    if (!idle || this.idleWaiters.size === 0) return;
    this.board.flush();
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters.clear();
  }

  poolFor(sessionId: string): ConnectionPool {
    let pool = this.pools.get(sessionId);
    if (!pool) {
      pool = new ConnectionPool(this.options.connections(sessionId), this.options.idleConnectionMs);
      this.pools.set(sessionId, pool);
    }
    return pool;
  }

  /** Runs `work` on a pooled connection of the session (see withPooledConnection). */
  private withConnection<T>(
    sessionId: string,
    controller: AbortController,
    work: (fs: RemoteFs) => Promise<T>,
  ): Promise<T> {
    return withPooledConnection(
      this.poolFor(sessionId),
      this.connectionCap(sessionId),
      controller,
      work,
    );
  }

  /** Resolves once no file transfer runs (after a pause: they were put back in the queue). */
  whenFilesStopped(): Promise<void> {
    if (this.runningFiles === 0) return Promise.resolve();
    return new Promise((resolve) => this.stopWaiters.add(resolve));
  }

  private async runFileTask(job: FileJob): Promise<void> {
    this.runningFiles++;
    try {
      await this.runFile(job);
    } finally {
      this.runningFiles--;
      if (this.runningFiles === 0) {
        for (const resolve of this.stopWaiters) resolve();
        this.stopWaiters.clear();
      }
    }
  }

  private async runFile(job: FileJob): Promise<void> {
    const startedAfter = this.resumes;
    const controller = new AbortController();
    job.controller = controller;
    job.row.attempts++;
    this.board.setState(job, 'active');
    if (job.parent) this.board.settleFolder(job.parent);
    try {
      const outcome = await this.withConnection(job.batch.sessionId, controller, (fs) =>
        runFileJob({
          fs,
          job,
          signal: controller.signal,
          pacer: this.limits[job.batch.direction],
          board: this.board,
          staleParts: this.staleParts,
          policy: (j) => this.policyFor(j),
          ask: (j, source, target, partial) => this.desk.ask(j, source, target, partial),
        }),
      );
      if (outcome.kind === 'done') this.board.setState(job, 'done', outcome);
      else if (outcome.kind === 'skipped') this.board.setState(job, 'skipped', outcome);
      else if (outcome.kind === 'parked') {
        job.row.attempts--;
        this.board.setState(job, 'queued', { note: 'Waiting for your answer.' });
      } else this.becomeFolder(job);
    } catch (error) {
      this.fileFailed(job, error, controller.signal, startedAfter);
    } finally {
      delete job.controller;
      if (job.parent) this.board.settleFolder(job.parent);
    }
  }

  private fileFailed(
    job: FileJob,
    error: unknown,
    signal: AbortSignal,
    startedAfter: number,
  ): void {
    if (job.cancelledWhilePausing) {
      delete job.cancelledWhilePausing;
      this.onCancelled(job);
      return;
    }
    if (signal.aborted && signal.reason === ('pause' satisfies AbortReason)) {
      job.row.attempts--;
      this.board.setState(job, 'queued', { note: 'Paused.' });
      this.fileQueue.unshift(job);
      return;
    }
    if (signal.aborted) {
      this.onCancelled(job);
      return;
    }
    const failure = asFerryError(error);
    if (failure.code === 'disk_full') {
      // Every file after this one would meet the same full disk (here, or the server's): the
      // queue stops, as WinSCP's does, and this file waits to be resumed rather than failing
      // with hundreds of others. Resume continues once there is room.
      job.row.attempts--;
      this.board.setState(job, 'queued', {
        error: failure.toInfo(),
        note: 'Waiting for free space.',
      });
      this.fileQueue.unshift(job);
      this.haltUnlessStale(failure, startedAfter);
      return;
    }
    if (isRetryable(failure) && job.row.attempts <= this.settings.retries) {
      const delay = backoffMs(job.row.attempts, this.options.retryBaseMs ?? 1000);
      const seconds = Math.max(1, Math.round(delay / 1000));
      this.board.setState(job, 'queued', {
        error: failure.toInfo(),
        note: `Retrying in ${seconds} s (attempt ${job.row.attempts + 1} of ${this.settings.retries + 1}).`,
      });
      this.waitingRetry.add(job);
      job.retryTimer = setTimeout(() => {
        this.waitingRetry.delete(job);
        delete job.retryTimer;
        this.fileQueue.unshift(job);
        this.pump();
      }, delay);
      return;
    }
    this.board.setState(job, 'failed', { error: failure.toInfo() });
  }

  private becomeFolder(job: FileJob): void {
    const folder = fileJobToFolder(job);
    this.board.replace(job, folder);
    this.queueWalk(
      {
        type: 'walk',
        folder,
        source: job.row.source,
        target: job.row.target,
        relative: '',
        attempts: 0,
      },
      true,
    );
  }

  queueWalk(walk: WalkTask, first: boolean): void {
    walk.folder.pendingWalks++;
    if (first) this.walkQueue.unshift(walk);
    else this.walkQueue.push(walk);
    this.board.settleFolder(walk.folder);
  }

  private async runWalkTask(walk: WalkTask): Promise<void> {
    const { folder } = walk;
    const startedAfter = this.resumes;
    const controller = new AbortController();
    this.walkControllers.set(walk, controller);
    this.runningWalks++;
    walk.attempts++;
    let requeued = false;
    try {
      const result = await this.withConnection(folder.batch.sessionId, controller, (fs) =>
        runWalk(fs, walk),
      );
      if (folder.row.state === 'cancelled') return;
      const added = addWalkResult(walk, result, this.board);
      this.fileQueue.push(...added.files);
      for (const sub of added.walks) this.queueWalk(sub, false);
    } catch (error) {
      if (controller.signal.aborted || folder.row.state === 'cancelled') return;
      const failure = asFerryError(error);
      if (failure.code === 'disk_full') {
        // Making a download's folder met a full disk: as for a file (fileFailed), the queue
        // stops and the folder waits for room.
        requeued = true;
        walk.attempts--;
        this.walkQueue.unshift(walk);
        this.haltUnlessStale(failure, startedAfter);
        return;
      }
      if (isRetryable(failure) && walk.attempts <= this.settings.retries) {
        requeued = true;
        this.waitingRetry.add(walk);
        walk.retryTimer = setTimeout(
          () => {
            delete walk.retryTimer;
            this.waitingRetry.delete(walk);
            this.walkQueue.unshift(walk);
            this.pump();
          },
          backoffMs(walk.attempts, this.options.retryBaseMs ?? 1000),
        );
        return;
      }
      this.walkFailed(walk, failure);
    } finally {
      this.walkControllers.delete(walk);
      this.runningWalks--;
      if (!requeued) {
        folder.pendingWalks--;
        this.board.settleFolder(folder);
      }
    }
  }

  /** Stops the queue for `failure`, unless the work met it before the latest Resume. */
  private haltUnlessStale(failure: FerryError, startedAfter: number): void {
    // Stale work is simply queued again; the pump after its run picks it up.
    if (startedAfter === this.resumes) this.onHalt(failure);
  }

  private walkFailed(walk: WalkTask, failure: FerryError): void {
    if (walk.relative === '') {
      walk.folder.ownError = failure.toInfo();
      walk.folder.rootWalk = walk;
      return;
    }
    if (walk.leaf) {
      this.board.setState(walk.leaf, 'failed', { error: failure.toInfo() });
      return;
    }
    walk.leaf = addFailedSubfolder(walk, failure, this.board);
  }

  private policyFor(job: FileJob): ConflictAction | undefined {
    if (job.decision) return job.decision;
    if (job.batch.applyToAll) return job.batch.applyToAll;
    const fallback = this.settings.defaultConflictAction;
    return fallback === 'ask' ? undefined : fallback;
  }
}

function sessionOf(task: FileJob | WalkTask): string {
  return task.type === 'walk' ? task.folder.batch.sessionId : task.batch.sessionId;
}
