import { rm } from 'node:fs/promises';
import type { ConflictAction } from '../../../shared/contract/settings';
import type {
  QueueMove,
  TransferConflict,
  TransferJob,
  TransferTotals,
} from '../../../shared/contract/transfers';
import { FerryError, type ErrorInfo } from '../../../shared/errors';
import { createJobs, type EnqueueRequest } from './enqueue';
import { isFinished, type JobBoard } from './job-board';
import { releasePartPath } from './part-file';
import { moveInQueue } from './queue-order';
import { isKeptJob, jobsFromSaved } from './restore-jobs';
import type { SavedJob } from './saved-queue-format';
import { asFerryError, isNetworkFailure } from './retry-policy';
import { Scheduler, type AbortReason, type SchedulerOptions } from './scheduler';
import type { FileJob, FolderJob, Job, TransferSettings, WalkTask } from './types';

export type { EnqueueItem, EnqueueRequest } from './enqueue';
export type TransferQueueOptions = SchedulerOptions & {
  /**
   * For a closed session, the open one that took over its server (a Reconnect): Retry moves
   * failed transfers there.
   */
  successor?: (sessionId: string) => string | undefined;
};

/**
 * The transfer engine: jobs wait here, run a configurable number at a time (each on its own
 * pooled connection), retry network failures with backoff and resume where they stopped.
 * Folders are walked one listing at a time, so their files start moving before the walk ends.
 */
export class TransferQueue {
  private readonly run: Scheduler;
  /**
   * Temporary files of cancelled or cleared uploads being deleted on the server, and part files
   * of cancelled or cleared downloads being deleted here: whenIdle waits for both.
   */
  private readonly removals = new Set<Promise<void>>();

  constructor(private readonly options: TransferQueueOptions) {
    this.run = new Scheduler(options);
    this.run.onCancelled = (job) => this.finishCancelled(job);
    this.run.onHalt = (failure) => {
      this.pause(failure.toInfo());
      for (const resolve of this.haltWaiters) resolve(failure.toInfo());
      this.haltWaiters.clear();
    };
  }

  private readonly haltWaiters = new Set<(because: ErrorInfo) => void>();
  /** Resolves when the queue pauses itself (a full disk every further file would meet), with why. */
  whenHalted(): Promise<ErrorInfo> {
    return new Promise((resolve) => this.haltWaiters.add(resolve));
  }

  get board(): JobBoard {
    return this.run.board;
  }

  configure(settings: TransferSettings): void {
    this.run.settings = { ...settings };
    this.run.pump();
  }

  /** Queues sources; returns one job id per item, in order. */
  async enqueue(request: EnqueueRequest): Promise<string[]> {
    this.options.connections(request.sessionId); // refuses unknown sessions up front
    const created = await createJobs(request, this.run.settings.excludedNames);
    for (const { job, walk } of created) {
      this.run.board.add(job);
      if (walk) this.run.queueWalk(walk, false);
      else if (job.type === 'file' && job.row.state === 'queued') this.run.fileQueue.push(job);
    }
    this.run.pump();
    return created.map(({ job }) => job.row.id);
  }

  /** The job behind a row, if it is still in the queue. */
  job(id: string): Job | undefined {
    return this.run.board.get(id);
  }

  /** Files not finished that could still be (kept across a restart; see saved-queue.ts). */
  unfinished(): FileJob[] {
    return this.run.board.all().filter(isKeptJob);
  }

  /**
   * Folders not listed yet (waiting, being listed, or whose listing failed): their files are in
   * no job yet, so a restart walks them again.
   */
  unlistedFolders(): WalkTask[] {
    const walks = [
      ...this.run.walkQueue.items(),
      ...this.run.walkControllers.keys(),
      ...[...this.run.waitingRetry].filter((task) => task.type === 'walk'),
    ];
    for (const job of this.run.board.all()) {
      if (job.type === 'file' && job.walk && job.row.state === 'failed') walks.push(job.walk);
    }
    return walks.filter((walk) => walk.folder.row.state !== 'cancelled');
  }

  /** Queues again what an earlier run did not finish, on `sessionId`; answers the new rows' ids. */
  restore(sessionId: string, saved: readonly SavedJob[]): string[] {
    this.options.connections(sessionId); // refuses unknown sessions up front
    const restored = jobsFromSaved(sessionId, saved, this.run.settings.excludedNames);
    for (const job of restored.jobs) this.run.board.add(job); // the saved order is the start order
    this.run.fileQueue.push(...restored.files);
    for (const walk of restored.walks) this.run.queueWalk(walk, false);
    for (const job of restored.top) if (job.type === 'folder') this.run.board.settleFolder(job);
    this.run.pump();
    return restored.top.map((job) => job.row.id);
  }

  /**
   * Ferry is closing and keeps its unfinished files: running transfers stop as for a pause (their
   * part files stay, to be continued), waiting at most `waitMs` for them.
   */
  async stopForRestart(waitMs = 5000): Promise<void> {
    this.pause();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.run.whenFilesStopped(),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs))),
    ]);
    clearTimeout(timer);
  }

  /** These jobs' part files belong to the saved list now: dispose must not remove them. */
  handOverParts(jobs: readonly FileJob[]): void {
    for (const job of jobs) {
      if (job.partPath) releasePartPath(job.partPath);
      delete job.partPath;
      delete job.uploadTempPath;
      job.resumable = false;
    }
  }

  list(): TransferJob[] {
    return this.run.board.rows();
  }

  totals(): TransferTotals {
    return this.run.board.totals();
  }

  cancel(jobId: string): void {
    this.cancelJob(this.find(jobId));
    this.run.pump();
  }

  cancelAll(): void {
    for (const job of this.run.board.all()) if (!job.parent) this.cancelJob(job);
    this.run.pump();
  }

  /**
   * Interrupts running transfers (they resume from where they were) and starts nothing new.
   * `because`: the queue stops itself, and says why.
   */
  pause(because?: ErrorInfo): void {
    if (this.run.paused) return;
    this.run.paused = true;
    this.run.board.setPaused(true, because);
    for (const job of this.run.board.all()) {
      if (job.type === 'file' && job.controller)
        job.controller.abort('pause' satisfies AbortReason);
    }
  }

  resume(): void {
    if (!this.run.paused) return;
    this.run.paused = false;
    this.run.resumes++;
    this.run.board.setPaused(false);
    this.run.pump();
  }

  /** Retries one failed job (a folder: its failed files), or every failed job. */
  retry(jobId?: string): void {
    const jobs =
      jobId === undefined ? this.run.board.all().filter((job) => !job.parent) : [this.find(jobId)];
    for (const pool of this.run.pools.values()) pool.clearFailure();
    this.moveToSuccessors(jobs);
    for (const job of jobs) {
      if (job.type === 'folder') this.retryFolder(job);
      else this.retryIfFailed(job);
    }
    this.run.pump();
  }

  /** Moves waiting transfers in the start order (queue-order.ts); ids gone are passed over. */
  move(jobIds: readonly string[], to: QueueMove): void {
    moveInQueue(this.run, jobIds, to);
  }

  /** Removes finished rows; a folder goes with all its files once it has finished. */
  clearFinished(): void {
    const gone: Job[] = [];
    for (const job of this.run.board.all()) {
      if (job.parent || !isFinished(job.row.state)) continue;
      gone.push(job);
      if (job.type === 'folder') gone.push(...job.children);
    }
    for (const job of gone) if (job.type === 'file') void this.removePart(job);
    this.run.board.remove(gone);
  }

  /** The questions still waiting for an answer, oldest first. */
  conflicts(): TransferConflict[] {
    return this.run.desk.open();
  }

  resolveConflict(conflictId: string, action: ConflictAction, applyToAll: boolean): void {
    this.run.desk.resolve(conflictId, action, applyToAll);
  }

  /**
   * Resolves once nothing is queued, running, retrying or waiting for an answer, and the
   * temporary files of cancelled uploads are gone from the server.
   */
  async whenIdle(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.run.idleWaiters.add(resolve);
      this.run.checkIdle();
    });
    while (this.removals.size > 0) await Promise.all(this.removals);
  }

  /** Stops using a session's connections (it was disconnected). */
  async closeSession(sessionId: string): Promise<void> {
    const pool = this.run.pools.get(sessionId);
    this.run.pools.delete(sessionId);
    await pool?.dispose();
  }

  /** Cancels everything, removes part files of unfinished downloads, closes connections. */
  async dispose(): Promise<void> {
    this.cancelAll();
    // Running jobs stop once their connection is closed; let them finish their cleanup.
    await this.whenIdle();
    await Promise.all([...this.run.pools.values()].map((pool) => pool.dispose()));
    this.run.pools.clear();
    await Promise.all(
      // The connections are closed: a failed upload's temporary file stays on the server.
      this.run.board
        .all()
        .map((job) => (job.type === 'file' ? this.removePart(job, false) : undefined)),
    );
    this.run.board.flush();
    this.run.board.dispose();
  }

  private find(jobId: string): Job {
    const job = this.run.board.get(jobId);
    if (!job) throw new FerryError('not_found', 'That transfer is no longer in the list.');
    return job;
  }

  private cancelJob(job: Job): void {
    if (isFinished(job.row.state)) return;
    if (job.type === 'folder') {
      this.run.board.setState(job, 'cancelled');
      for (const [walk, controller] of this.run.walkControllers) {
        if (walk.folder === job) controller.abort('cancel' satisfies AbortReason);
      }
      this.run.walkQueue.removeWhere((walk) => walk.folder === job);
      for (const waiting of [...this.run.waitingRetry]) {
        if (waiting.type === 'walk' && waiting.folder === job) {
          clearTimeout(waiting.retryTimer);
          this.run.waitingRetry.delete(waiting);
        }
      }
      for (const child of job.children) this.cancelJob(child);
      return;
    }
    if (job.conflictId) this.run.desk.withdraw(job);
    if (job.retryTimer) {
      clearTimeout(job.retryTimer);
      delete job.retryTimer;
      this.run.waitingRetry.delete(job);
    }
    if (job.controller) {
      if (job.controller.signal.aborted) job.cancelledWhilePausing = true;
      else job.controller.abort('cancel' satisfies AbortReason);
      return; // its run finishes the job once the transfer has stopped
    }
    this.run.fileQueue.removeWhere((queued) => queued === job);
    this.finishCancelled(job);
  }

  private finishCancelled(job: FileJob): void {
    this.run.board.setState(job, 'cancelled');
    void this.removePart(job);
    if (job.parent) this.run.board.settleFolder(job.parent);
  }

  /**
   * A cancelled, cleared or abandoned download leaves no part file behind; an upload that was
   * replacing a file leaves no temporary file on the server, where the server can be reached.
   */
  private removePart(job: FileJob, remote = true): Promise<void> {
    return this.tracked(this.removePartNow(job, remote));
  }

  private async removePartNow(job: FileJob, remote: boolean): Promise<void> {
    if (remote && job.uploadTempPath && job.row.state !== 'done') {
      const temp = job.uploadTempPath;
      delete job.uploadTempPath;
      job.resumable = false;
      await this.removeRemoteFile(job.batch.sessionId, temp);
    }
    if (!job.partPath || job.row.state === 'done') return;
    const part = job.partPath;
    delete job.partPath;
    job.resumable = false;
    await rm(part, { force: true }).catch(() => undefined);
    releasePartPath(part);
  }

  private async tracked(removal: Promise<void>): Promise<void> {
    this.removals.add(removal);
    try {
      await removal;
    } finally {
      this.removals.delete(removal);
    }
  }

  /** Deletes `path` on a pooled connection of the session; a failure leaves it (best effort). */
  private async removeRemoteFile(sessionId: string, path: string): Promise<void> {
    try {
      const pool = this.run.poolFor(sessionId);
      const fs = await pool.acquire(this.run.settings.parallelTransfers);
      let reusable = true;
      try {
        await fs.deleteFile(path);
      } catch (error) {
        reusable = !isNetworkFailure(error) && asFerryError(error).code !== 'connection_lost';
      } finally {
        pool.release(fs, reusable);
      }
    } catch {
      // The session is gone or unreachable: the hidden temporary file stays (part-file name).
    }
  }

  /**
   * Jobs whose session has closed (the connection dropped, or the tab was closed) move, with the
   * rest of their batch, to the session opened since to the same server as the same user (a
   * Reconnect), so that Retry works; without one they fail again, saying to connect first.
   */
  private moveToSuccessors(jobs: Job[]): void {
    const { successor } = this.options;
    if (!successor) return;
    for (const { batch } of jobs) {
      const next = successor(batch.sessionId);
      if (next === undefined) continue;
      batch.sessionId = next;
      for (const job of this.run.board.all()) {
        if (job.batch !== batch) continue;
        job.row.sessionId = next;
        this.run.board.touch(job);
      }
    }
  }

  private retryIfFailed(job: FileJob): void {
    if (job.row.state === 'failed') this.retryFile(job);
  }

  private retryFile(job: FileJob): void {
    job.row.attempts = 0;
    this.run.board.setState(job, 'queued');
    if (job.walk) {
      job.walk.attempts = 0;
      this.run.queueWalk(job.walk, true);
    } else {
      this.run.fileQueue.push(job);
    }
    if (job.parent) this.run.board.settleFolder(job.parent);
  }

  private retryFolder(folder: FolderJob): void {
    if (folder.row.state === 'cancelled') return;
    for (const child of folder.children) this.retryIfFailed(child);
    if (folder.ownError && folder.rootWalk) {
      delete folder.ownError;
      folder.rootWalk.attempts = 0;
      this.run.queueWalk(folder.rootWalk, true);
      delete folder.rootWalk;
    }
    this.run.board.settleFolder(folder);
  }
}
