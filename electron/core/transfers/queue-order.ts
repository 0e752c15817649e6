/**
 * The user's start order, as WinSCP's Move up / Move down and FileZilla's priorities: every
 * whole transfer (a top-level row) has a place (`row.order`, smaller starts first), and the
 * work of a folder — its listings and its files — goes at its folder's place. The queue's lines
 * (session-line.ts) give work out by place, then first come.
 */
import type { QueueMove } from '../../../shared/contract/transfers';
import type { FileJob, Job, WalkTask } from './types';

/** The place of the whole transfer a piece of work belongs to. */
export function placeOf(work: FileJob | WalkTask): number {
  const top = work.type === 'walk' ? work.folder : (work.parent ?? work);
  return top.row.order ?? 0;
}

/** Hands out places at the end of the order, one per whole transfer. */
export class PlaceCounter {
  private last = 0;

  /** Gives `job` the next place, unless it is a folder's file or already has one. */
  place(job: Job): void {
    if (job.parent || job.row.order !== undefined) return;
    job.row.order = ++this.last;
  }
}

/**
 * A whole transfer that can still change place: it waits (a file not started, a folder with
 * work left). A file already moving keeps its place; a folder moves only its waiting work.
 */
export function canMove(job: Job): boolean {
  if (job.parent) return false;
  return job.row.state === 'queued' || (job.type === 'folder' && job.row.state === 'active');
}

/**
 * The waiting transfers in their new order. Up and down pass the chosen ones over the next one
 * not chosen (several chosen next to each other move as a block, and one already at the end
 * stays); top and bottom put them, in their order, before or after all the others.
 */
export function reorder<T>(line: readonly T[], chosen: ReadonlySet<T>, to: QueueMove): T[] {
  const picked = line.filter((item) => chosen.has(item));
  const rest = line.filter((item) => !chosen.has(item));
  if (to === 'top') return [...picked, ...rest];
  if (to === 'bottom') return [...rest, ...picked];
  const next = [...line];
  const step = to === 'up' ? -1 : 1;
  const indexes = next.map((_, i) => i);
  if (to === 'down') indexes.reverse();
  for (const i of indexes) {
    const item = next[i] as T;
    const other = next[i + step];
    if (other === undefined || !chosen.has(item) || chosen.has(other)) continue;
    next[i + step] = item;
    next[i] = other;
  }
  return next;
}

/**
 * Moves the chosen transfers (a folder's file stands for its folder; finished or moving ones are
 * left out) among all waiting ones: the waiting transfers trade places, so the ones moving and
 * finished keep theirs. Answers the transfers whose place changed.
 */
export function moveTransfers(all: readonly Job[], chosen: readonly Job[], to: QueueMove): Job[] {
  const tops = new Set(chosen.map((job) => job.parent ?? job).filter(canMove));
  if (tops.size === 0) return [];
  const line = all.filter(canMove).sort((a, b) => (a.row.order ?? 0) - (b.row.order ?? 0));
  const places = line.map((job) => job.row.order ?? 0);
  const changed: Job[] = [];
  reorder(line, tops, to).forEach((job, i) => {
    const place = places[i] as number;
    if (job.row.order === place) return;
    job.row.order = place;
    changed.push(job);
  });
  return changed;
}

/** What of the scheduler a move changes: the rows, and the lines of waiting work. */
export interface OrderedWork {
  board: { all(): Job[]; get(id: string): Job | undefined; touch(job: Job): void };
  fileQueue: { rerank(): void };
  walkQueue: { rerank(): void };
  pump(): void;
}

/**
 * Moves the transfers of `jobIds` (see moveTransfers; ids no longer listed are passed over);
 * their waiting work follows, at once.
 */
export function moveInQueue(work: OrderedWork, jobIds: readonly string[], to: QueueMove): void {
  const chosen = jobIds.flatMap((id) => work.board.get(id) ?? []);
  const changed = moveTransfers(work.board.all(), chosen, to);
  if (changed.length === 0) return;
  for (const job of changed) work.board.touch(job);
  work.fileQueue.rerank();
  work.walkQueue.rerank();
  work.pump();
}
