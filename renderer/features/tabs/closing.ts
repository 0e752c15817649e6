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

/**
 * Cancels the tab's running transfers, then closes it. Cancelling (rather than letting the
 * disconnect cut them) lets the engine remove partial downloads and mark the rows Cancelled.
 */
export async function closeStoppingTransfers(tab: RemoteTab): Promise<void> {
  const jobs = runningTransfersOf(tab.session?.sessionId);
  await Promise.all(jobs.map((job) => transferCommands.cancel(job.id)));
  await tabActions.close(tab.id);
}
