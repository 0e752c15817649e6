import { rm } from 'node:fs/promises';
import type { EmitEvent } from '../../../shared/contract';
import type { ConflictAction } from '../../../shared/contract/settings';
import { DEFAULT_SETTINGS } from '../../../shared/contract/settings';
import type { TransferJob, TransferTotals } from '../../../shared/contract/transfers';
import { FerryError } from '../../../shared/errors';
import type { RemoteFs } from '../remote/remote-fs';
import { ConflictDesk } from './conflicts';
import { ConnectionPool } from './connection-pool';
import { createJobs, type EnqueueRequest } from './enqueue';
import { isFinished, JobBoard } from './job-board';
import { fileJobToFolder } from './job-factory';
import { asFerryError, backoffMs, isRetryable } from './retry-policy';
import { runFileJob } from './run-file';
import type {
  ConnectionSource,
  FileJob,
  FolderJob,
  Job,
  TransferSettings,
  WalkTask,
} from './types';
import { addFailedSubfolder, addWalkResult, runWalk } from './walk-task';

export type { EnqueueRequest } from './enqueue';

export interface TransferQueueOptions {
  emit: EmitEvent;
  /** The connection source of a remote session; throws `session_not_found` for unknown ids. */
  connections: (sessionId: string) => ConnectionSource;
  settings?: TransferSettings;
  /** First retry delay (doubling after); tests make it short. */
  retryBaseMs?: number;
  idleConnectionMs?: number;
}

type AbortReason = 'cancel' | 'pause';

/**
 * The transfer engine: jobs wait here, run a configurable number at a time (each on its own
 * pooled connection), retry network failures with backoff and resume where they stopped.
 * Folders are walked one listing at a time, so their files start moving before the walk ends.
 */
export class TransferQueue {
  readonly board: JobBoard;
  private readonly desk: ConflictDesk;
  private readonly pools = new Map<string, ConnectionPool>();
  private readonly fileQueue: FileJob[] = [];
  private readonly walkQueue: WalkTask[] = [];
  private readonly walkControllers = new Map<WalkTask, AbortController>();
  private readonly waitingRetry = new Set<FileJob | WalkTask>();
  private readonly idleWaiters = new Set<() => void>();
  private settings: TransferSettings;
  private running = 0;
  private runningWalks = 0;
  private paused = false;

  constructor(private readonly options: TransferQueueOptions) {
    this.board = new JobBoard(options.emit);
    this.desk = new ConflictDesk(options.emit, (job) => {
      if (isFinished(job.row.state)) return;
      this.fileQueue.unshift(job);
      this.pump();
    });
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
  }

  configure(settings: TransferSettings): void {
    this.settings = { ...settings };
    this.pump();
  }

  /** Queues sources; returns one job id per item, in order. */
  async enqueue(request: EnqueueRequest): Promise<string[]> {
    this.options.connections(request.sessionId); // refuses unknown sessions up front
    const created = await createJobs(request);
    for (const { job, walk } of created) {
      this.board.add(job);
      if (walk) this.queueWalk(walk, false);
      else if (job.type === 'file' && job.row.state === 'queued') this.fileQueue.push(job);
    }
    this.pump();
    return created.map(({ job }) => job.row.id);
  }

  list(): TransferJob[] {
    return this.board.rows();
  }

  totals(): TransferTotals {
    return this.board.totals();
  }

  cancel(jobId: string): void {
    const job = this.board.get(jobId);
    if (!job) throw new FerryError('not_found', 'That transfer is no longer in the list.');
    this.cancelJob(job);
    this.afterChange();
  }

  cancelAll(): void {
    for (const job of this.board.all()) if (!job.parent) this.cancelJob(job);
    this.afterChange();
  }

  /** Interrupts running transfers (they resume from where they were) and starts nothing new. */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.board.setPaused(true);
    for (const job of this.board.all()) {
      if (job.type === 'file' && job.controller)
        job.controller.abort('pause' satisfies AbortReason);
    }
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.board.setPaused(false);
    this.pump();
  }

  /** Retries one failed job (a folder: its failed files), or every failed job. */
  retry(jobId?: string): void {
    const jobs = jobId === undefined ? this.board.all() : [this.board.get(jobId)];
    for (const pool of this.pools.values()) pool.clearFailure();
    for (const job of jobs) {
      if (!job) throw new FerryError('not_found', 'That transfer is no longer in the list.');
      if (job.type === 'folder') this.retryFolder(job);
      else if (job.row.state === 'failed') this.retryFile(job);
    }
    this.pump();
  }

  clearFinished(): void {
    const gone: Job[] = [];
    for (const job of this.board.all()) {
      if (job.parent || !isFinished(job.row.state)) continue;
      gone.push(job);
      if (job.type === 'folder') gone.push(...job.children);
    }
    for (const job of gone) if (job.type === 'file') this.removePart(job);
    this.board.remove(gone);
  }

  resolveConflict(conflictId: string, action: ConflictAction, applyToAll: boolean): void {
    this.desk.resolve(conflictId, action, applyToAll);
  }

  /** Resolves once nothing is queued, running, retrying or waiting for an answer. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.add(resolve);
      this.checkIdle();
    });
  }

  /** Stops using a session's connections (it was disconnected). */
  async closeSession(sessionId: string): Promise<void> {
    const pool = this.pools.get(sessionId);
    this.pools.delete(sessionId);
    await pool?.dispose();
  }

  /** Cancels everything, removes part files of unfinished downloads, closes connections. */
  async dispose(): Promise<void> {
    this.cancelAll();
    await Promise.all([...this.pools.values()].map((pool) => pool.dispose()));
    this.pools.clear();
    await Promise.all(
      this.board.all().map((job) => (job.type === 'file' ? this.removePart(job) : undefined)),
    );
    this.board.flush();
    this.board.dispose();
  }

  private pump(): void {
    while (!this.paused && this.running < this.settings.parallelTransfers) {
      // One listing at a time keeps files moving while a tree is walked; all slots list when
      // there is nothing else to do.
      const walk =
        this.walkQueue.length > 0 && (this.runningWalks === 0 || this.fileQueue.length === 0)
          ? this.walkQueue.shift()
          : undefined;
      const file = walk ? undefined : this.fileQueue.shift();
      if (!walk && !file) break;
      this.running++;
      const run = walk ? this.runWalkTask(walk) : this.runFileTask(file as FileJob);
      void run.finally(() => {
        this.running--;
        this.afterChange();
      });
    }
    this.checkIdle();
  }

  private afterChange(): void {
    this.pump();
  }

  private checkIdle(): void {
    const idle =
      this.running === 0 &&
      this.fileQueue.length === 0 &&
      this.walkQueue.length === 0 &&
      this.waitingRetry.size === 0 &&
      this.desk.pendingCount() === 0;
    if (!idle || this.idleWaiters.size === 0) return;
    this.board.flush();
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters.clear();
  }

  private poolFor(sessionId: string): ConnectionPool {
    let pool = this.pools.get(sessionId);
    if (!pool) {
      pool = new ConnectionPool(this.options.connections(sessionId), this.options.idleConnectionMs);
      this.pools.set(sessionId, pool);
    }
    return pool;
  }

  /** Runs `work` on a pooled connection; aborting `controller` closes that connection. */
  private async withConnection<T>(
    sessionId: string,
    controller: AbortController,
    work: (fs: RemoteFs) => Promise<T>,
  ): Promise<T> {
    const pool = this.poolFor(sessionId);
    const fs = await pool.acquire();
    let reusable = false;
    const onAbort = (): void => void pool.discard(fs);
    controller.signal.addEventListener('abort', onAbort, { once: true });
    try {
      if (controller.signal.aborted) throw new FerryError('cancelled', 'Cancelled.');
      const result = await work(fs);
      reusable = true;
      return result;
    } finally {
      controller.signal.removeEventListener('abort', onAbort);
      // After a failure the connection may be mid-transfer: a fresh one is cheaper than doubt.
      pool.release(fs, reusable && !controller.signal.aborted);
    }
  }

  private async runFileTask(job: FileJob): Promise<void> {
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
          board: this.board,
          policy: (j) => this.policyFor(j),
          ask: (j, source, target) => this.desk.ask(j, source, target),
        }),
      );
      if (outcome.kind === 'done') this.board.setState(job, 'done', outcome);
      else if (outcome.kind === 'skipped') this.board.setState(job, 'skipped', outcome);
      else if (outcome.kind === 'parked') {
        job.row.attempts--;
        this.board.setState(job, 'queued', { note: 'Waiting for your answer.' });
      } else this.becomeFolder(job);
    } catch (error) {
      this.fileFailed(job, error, controller.signal);
    } finally {
      delete job.controller;
      if (job.parent) this.board.settleFolder(job.parent);
    }
  }

  private fileFailed(job: FileJob, error: unknown, signal: AbortSignal): void {
    if (signal.aborted && signal.reason === ('pause' satisfies AbortReason)) {
      job.row.attempts--;
      this.board.setState(job, 'queued', { note: 'Paused.' });
      this.fileQueue.unshift(job);
      return;
    }
    if (signal.aborted) {
      this.finishCancelled(job);
      return;
    }
    const failure = asFerryError(error);
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

  private queueWalk(walk: WalkTask, first: boolean): void {
    walk.folder.pendingWalks++;
    if (first) this.walkQueue.unshift(walk);
    else this.walkQueue.push(walk);
    this.board.settleFolder(walk.folder);
  }

  private async runWalkTask(walk: WalkTask): Promise<void> {
    const { folder } = walk;
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
      if (isRetryable(failure) && walk.attempts <= this.settings.retries) {
        requeued = true;
        this.waitingRetry.add(walk);
        setTimeout(
          () => {
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

  private cancelJob(job: Job): void {
    if (job.type === 'folder') {
      if (isFinished(job.row.state)) return;
      this.board.setState(job, 'cancelled');
      for (const [walk, controller] of this.walkControllers) {
        if (walk.folder === job) controller.abort('cancel' satisfies AbortReason);
      }
      removeWhere(this.walkQueue, (walk) => walk.folder === job);
      for (const walk of [...this.waitingRetry]) {
        if ('type' in walk && walk.type === 'walk' && walk.folder === job)
          this.waitingRetry.delete(walk);
      }
      for (const child of job.children) this.cancelJob(child);
      return;
    }
    if (isFinished(job.row.state)) return;
    if (job.conflictId) this.desk.withdraw(job);
    if (job.retryTimer) {
      clearTimeout(job.retryTimer);
      delete job.retryTimer;
      this.waitingRetry.delete(job);
    }
    if (job.controller) {
      job.controller.abort('cancel' satisfies AbortReason);
      return; // the run finishes the job once its transfer has stopped
    }
    removeWhere(this.fileQueue, (queued) => queued === job);
    this.finishCancelled(job);
  }

  private finishCancelled(job: FileJob): void {
    this.board.setState(job, 'cancelled');
    void this.removePart(job);
    if (job.parent) this.board.settleFolder(job.parent);
  }

  private async removePart(job: FileJob): Promise<void> {
    if (!job.partPath || job.row.state === 'done') return;
    const part = job.partPath;
    delete job.partPath;
    job.resumable = false;
    await rm(part, { force: true }).catch(() => undefined);
  }

  private retryFile(job: FileJob): void {
    job.row.attempts = 0;
    if (job.walk) {
      job.walk.attempts = 0;
      this.board.setState(job, 'queued');
      this.queueWalk(job.walk, true);
      return;
    }
    this.board.setState(job, 'queued');
    this.fileQueue.push(job);
  }

  private retryFolder(folder: FolderJob): void {
    if (folder.row.state !== 'failed') return;
    for (const child of folder.children) if (child.row.state === 'failed') this.retryFile(child);
    if (folder.ownError && folder.rootWalk) {
      delete folder.ownError;
      folder.rootWalk.attempts = 0;
      this.queueWalk(folder.rootWalk, true);
      delete folder.rootWalk;
    }
    this.board.settleFolder(folder);
  }
}

function removeWhere<T>(list: T[], predicate: (item: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i];
    if (item !== undefined && predicate(item)) list.splice(i, 1);
  }
}
