/**
 * The transfer panel's state, fed by the engine's events (and `transfers.list` and
 * `transfers.conflicts` at start).
 * The engine is the truth; this store only mirrors it and sends the user's commands.
 */
import { create } from 'zustand';
import type { MethodInput } from '../../../shared/contract';
import type {
  QueueMove,
  TransferConflict,
  TransferJob,
  TransferTotals,
} from '../../../shared/contract/transfers';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError, on } from '../../api';
import { usePanes } from '../dnd/panes';
import type { PaneStore } from '../pane/paneStore';
import { parentPath } from '../pane/paths';
import { paneOfSession } from '../tabs/tabsStore';
import { showBottomTab } from './panelTab';

export interface TransferNotice {
  tone: 'error' | 'info';
  message: string;
  hint?: string;
}

interface TransfersState {
  /** Every row the engine listed, by id, in the order they arrived. */
  jobs: ReadonlyMap<string, TransferJob>;
  totals: TransferTotals | null;
  /** Questions about existing targets, oldest first; the dialog asks the first. */
  conflicts: readonly TransferConflict[];
  /** The conflict being answered (its buttons wait for the engine). */
  answering: string | null;
  /** A problem outside any row (e.g. the queue refused a request), or dropped files in preparation. */
  notice: TransferNotice | null;
}

export const useTransfers = create<TransfersState>(() => ({
  jobs: new Map(),
  totals: null,
  conflicts: [],
  answering: null,
  notice: null,
}));

const FINISHED = new Set(['done', 'failed', 'cancelled', 'skipped']);

function mergeJobs(incoming: readonly TransferJob[]): void {
  const { jobs } = useTransfers.getState();
  const next = new Map(jobs);
  const landed: TransferJob[] = [];
  for (const job of incoming) {
    const before = jobs.get(job.id);
    next.set(job.id, job);
    if (job.parentId === undefined && FINISHED.has(job.state) && !FINISHED.has(before?.state ?? ''))
      landed.push(job);
  }
  useTransfers.setState({ jobs: next });
  if (landed.length > 0) refreshWhereLanded(landed);
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
const toRefresh = new Set<PaneStore>();

/**
 * A finished transfer refreshes the pane that shows where it landed (once per burst): an upload
 * refreshes its server's tab, shown or not, so switching to it shows the new files.
 */
function refreshWhereLanded(jobs: readonly TransferJob[]): void {
  const { local } = usePanes.getState();
  for (const job of jobs) {
    const pane = job.direction === 'upload' ? paneOfSession(job.sessionId) : local;
    if (pane) refreshIfShowing(pane, job.target);
  }
}

/**
 * Refreshes the session's server pane when it shows where these server paths are (a folder
 * keep-up made there), as a finished upload does.
 */
export function refreshWhereMade(sessionId: string, paths: readonly string[]): void {
  const pane = paneOfSession(sessionId);
  if (pane) for (const path of paths) refreshIfShowing(pane, path);
}

function refreshIfShowing(pane: PaneStore, target: string): void {
  const here = pane.getState().path;
  if (here == null) return;
  if (here === parentPath(target) || here === target) toRefresh.add(pane);
  if (toRefresh.size === 0 || refreshTimer !== undefined) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    for (const pane of toRefresh) void pane.getState().actions.refresh();
    toRefresh.clear();
  }, 250);
}

let watching = false;

/** Listens to the engine's events and loads the rows it already has; once per page. */
export function watchTransferEvents(): void {
  if (watching) return;
  watching = true;
  on('transfer.updated', ({ jobs }) => mergeJobs(jobs));
  on('transfer.removed', ({ jobIds }) => {
    const next = new Map(useTransfers.getState().jobs);
    for (const id of jobIds) next.delete(id);
    useTransfers.setState({ jobs: next });
  });
  on('transfer.totals', (totals) => useTransfers.setState({ totals }));
  on('transfer.conflict', (conflict) => addConflict(conflict));
  on('transfer.conflictSettled', ({ conflictId }) => settle(conflictId));
  // Rows queued before this page loaded (a reload); nothing to show if the list is unavailable.
  void call('transfers.list', {})
    .then((jobs) => mergeJobs(jobs))
    .catch(() => undefined);
  // A question asked before this page listened would otherwise never be shown, and its job
  // would wait forever. Only the oldest is being asked: the engine announces the others in turn.
  void call('transfers.conflicts', {})
    .then(([oldest]) => {
      if (oldest) addConflict(oldest);
    })
    .catch(() => undefined);
}

function addConflict(conflict: TransferConflict): void {
  useTransfers.setState((s) => ({
    conflicts: [...s.conflicts.filter((c) => c.conflictId !== conflict.conflictId), conflict],
  }));
}

function settle(conflictId: string): void {
  useTransfers.setState((s) => ({
    conflicts: s.conflicts.filter((c) => c.conflictId !== conflictId),
    answering: s.answering === conflictId ? null : s.answering,
  }));
}

function report(error: ErrorInfo): void {
  useTransfers.setState({
    notice: {
      tone: 'error',
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    },
  });
  showBottomTab('Transfers');
}

export function setTransferNotice(notice: TransferNotice | null): void {
  useTransfers.setState({ notice });
}

/** Sends a command; a refusal is shown above the list rather than lost. */
async function send(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    report(describeError(error));
    return false;
  }
}

/** Queues uploads or downloads and brings the transfer list forward. */
export async function enqueueTransfers(input: MethodInput<'transfers.enqueue'>): Promise<boolean> {
  const ok = await send(() => call('transfers.enqueue', input));
  if (ok) {
    useTransfers.setState({ notice: null });
    showBottomTab('Transfers');
  }
  return ok;
}

export const transferCommands = {
  cancel: (jobId: string) => send(() => call('transfers.cancel', { jobId })),
  retry: (jobId?: string) => send(() => call('transfers.retry', jobId ? { jobId } : {})),
  cancelAll: () => send(() => call('transfers.cancelAll', {})),
  pause: () => send(() => call('transfers.pause', {})),
  resume: () => send(() => call('transfers.resume', {})),
  clearFinished: () => send(() => call('transfers.clearFinished', {})),
  /** Moves waiting transfers in the start order (up, down, to the top or the bottom). */
  move: (jobIds: string[], to: QueueMove) => send(() => call('transfers.move', { jobIds, to })),
};

/** Answers the first conflict; the dialog closes when the engine says it is settled. */
export async function answerConflict(
  conflictId: string,
  action: MethodInput<'transfers.resolveConflict'>['action'],
  applyToAll: boolean,
): Promise<void> {
  useTransfers.setState({ answering: conflictId });
  const ok = await send(() =>
    call('transfers.resolveConflict', { conflictId, action, applyToAll }),
  );
  // A question the engine no longer knows (its job was cancelled) must not stay on screen.
  if (!ok) settle(conflictId);
}

/** Totals from the rows, for when no `transfer.totals` event has arrived yet (a reload). */
export function totalsOfRows(jobs: Iterable<TransferJob>): TransferTotals {
  const totals: TransferTotals = {
    bytes: 0,
    total: 0,
    speed: 0,
    eta: null,
    queued: 0,
    active: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
    skipped: 0,
    paused: false,
  };
  for (const job of jobs) {
    if (job.kind !== 'file') continue;
    totals[job.state] += 1;
    totals.bytes += job.bytes;
    totals.total += job.total ?? job.bytes;
    totals.speed += job.speed;
  }
  return totals;
}
