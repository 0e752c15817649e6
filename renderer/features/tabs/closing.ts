/** Closing a tab whose server still has transfers running: they are stopped first. */
import type { TransferJob } from '../../../shared/contract/transfers';
import { transferCommands, useTransfers } from '../transfers/transfersStore';
import { tabActions, type RemoteTab } from './tabsStore';

/** The session's transfers (top-level rows) that are queued or moving. */
export function runningTransfersOf(sessionId: string | undefined): TransferJob[] {
  if (sessionId === undefined) return [];
  return [...useTransfers.getState().jobs.values()].filter(
    (job) =>
      job.sessionId === sessionId &&
      job.parentId === undefined &&
      (job.state === 'queued' || job.state === 'active'),
  );
}

/** Running transfers of all the given tabs. */
export function runningTransfersOfTabs(tabs: readonly RemoteTab[]): TransferJob[] {
  return tabs.flatMap((tab) => runningTransfersOf(tab.session?.sessionId));
}

/**
 * Cancels the tabs' running transfers, then closes them. Cancelling (rather than letting the
 * disconnect cut them) lets the engine remove partial downloads and mark the rows Cancelled.
 */
export async function closeStoppingTransfers(tabs: readonly RemoteTab[]): Promise<void> {
  const jobs = runningTransfersOfTabs(tabs);
  await Promise.all(jobs.map((job) => transferCommands.cancel(job.id)));
  await Promise.all(tabs.map((tab) => tabActions.close(tab.id)));
}
