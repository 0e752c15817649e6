import { randomUUID } from 'node:crypto';
import type { EmitEvent } from '../../../shared/contract';
import type { ConflictAction } from '../../../shared/contract/settings';
import type { TransferConflict } from '../../../shared/contract/transfers';
import { FerryError } from '../../../shared/errors';
import type { FileFacts, FileJob } from './types';

/** What to do about an existing target, once the action is known. */
export type ConflictOutcome =
  | { kind: 'write'; offset: number; note?: string }
  | { kind: 'rename' }
  | { kind: 'skip'; note: string };

/**
 * Listings can be coarse (FTP LIST shows minutes), so "newer" means newer by more than this;
 * a copy made a moment after its source does not count as newer than it.
 */
const NEWER_TOLERANCE_MS = 2_000;

export function applyConflictAction(
  action: ConflictAction,
  source: FileFacts,
  target: FileFacts,
): ConflictOutcome {
  switch (action) {
    case 'overwrite':
      return { kind: 'write', offset: 0 };
    case 'overwrite-if-newer':
      // Without both dates nothing proves the target is newer: replace it, as asked.
      if (
        source.modified === null ||
        target.modified === null ||
        source.modified > target.modified + NEWER_TOLERANCE_MS
      ) {
        return { kind: 'write', offset: 0 };
      }
      return { kind: 'skip', note: 'Skipped: the existing file is as new or newer.' };
    case 'resume':
      if (target.size < source.size) return { kind: 'write', offset: target.size };
      if (target.size === source.size) {
        return { kind: 'skip', note: 'Skipped: the existing file is already complete.' };
      }
      return {
        kind: 'write',
        offset: 0,
        note: 'The existing file was larger than the source, so it was replaced instead of resumed.',
      };
    case 'rename':
      return { kind: 'rename' };
    case 'skip':
      return { kind: 'skip', note: 'Skipped: it already exists.' };
  }
}

interface Question {
  conflict: Omit<TransferConflict, 'waiting'>;
  job: FileJob;
}

/**
 * Asks the user about conflicts, one question at a time, and remembers "apply to all" per
 * batch (one drag or one enqueue). A job with a pending question holds no connection: the
 * queue parks it and `onAnswered` brings it back.
 */
export class ConflictDesk {
  private readonly questions: Question[] = [];
  private asked: Question | undefined;

  constructor(
    private readonly emit: EmitEvent,
    private readonly onAnswered: (job: FileJob) => void,
  ) {}

  ask(
    job: FileJob,
    source: FileFacts & { path: string },
    target: FileFacts & { path: string },
    partial = false,
  ) {
    const conflictId = randomUUID();
    job.conflictId = conflictId;
    if (partial) job.askedAboutPart = true;
    this.questions.push({
      job,
      conflict: {
        conflictId,
        jobId: job.row.id,
        direction: job.batch.direction,
        name: job.row.name,
        source: { path: source.path, size: source.size, modified: source.modified },
        target: { path: target.path, size: target.size, modified: target.modified },
        canResume: target.size < source.size,
        ...(partial ? { partial: true } : {}),
      },
    });
    this.askNext();
  }

  resolve(conflictId: string, action: ConflictAction, applyToAll: boolean): void {
    const question = this.questions.find((q) => q.conflict.conflictId === conflictId);
    if (!question) {
      throw new FerryError(
        'not_found',
        'That question was already answered, or its transfer was cancelled.',
      );
    }
    const answered = applyToAll
      ? this.questions.filter((q) => q.job.batch === question.job.batch)
      : [question];
    if (applyToAll) question.job.batch.applyToAll = action;
    for (const q of answered) {
      q.job.decision = action;
      this.drop(q);
    }
    for (const q of answered) this.onAnswered(q.job);
    this.askNext();
  }

  /** The job was cancelled: forget its question. */
  withdraw(job: FileJob): void {
    const question = this.questions.find((q) => q.job === job);
    if (question) this.drop(question);
    this.askNext();
  }

  /** Every open question, oldest first; the first is the one asked (or about to be). */
  open(): TransferConflict[] {
    return this.questions.map((question) => this.withWaiting(question));
  }

  pendingCount(): number {
    return this.questions.length;
  }

  private drop(question: Question): void {
    const index = this.questions.indexOf(question);
    if (index !== -1) this.questions.splice(index, 1);
    delete question.job.conflictId;
    if (this.asked === question) {
      this.asked = undefined;
      this.emit('transfer.conflictSettled', { conflictId: question.conflict.conflictId });
    }
  }

  private askNext(): void {
    if (this.asked) return;
    const next = this.questions[0];
    if (!next) return;
    this.asked = next;
    this.emit('transfer.conflict', this.withWaiting(next));
  }

  private withWaiting(question: Question): TransferConflict {
    const waiting = this.questions.filter(
      (q) => q !== question && q.job.batch === question.job.batch,
    );
    return { ...question.conflict, waiting: waiting.length };
  }
}
