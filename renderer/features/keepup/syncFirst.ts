/**
 * Keep-up's "Synchronize first" (WinSCP's "Synchronize on start"): one upload-direction
 * Synchronize through the sync engine — compared, then every item of the plan run (the
 * transfers go through the queue) — before the watching starts. Deletions only with keep-up's
 * own delete box ticked.
 */
import type { SyncPlanned, SyncRunResult } from '../../../shared/contract/sync';
import { call, on } from '../../api';
import { pageId } from '../../transport/pageId';
import { notPlannedText } from '../sync/syncWords';

export interface SyncFirstRequest {
  sessionId: string;
  localRoot: string;
  remoteRoot: string;
  deleteOnServer: boolean;
}

/** Thrown when the comparison gave no plan (stopped, too big, failed): nothing was changed. */
export class NotSynchronized extends Error {}

/** Compares and runs the whole plan; resolves with what the run did. */
export async function synchronizeFirst(request: SyncFirstRequest): Promise<SyncRunResult> {
  const plans = new Map<string, SyncPlanned>();
  let wanted: string | undefined;
  let settle: ((planned: SyncPlanned) => void) | undefined;
  const planned = new Promise<SyncPlanned>((resolve) => (settle = resolve));
  // Listening before asking: a small folder's plan can come before the answer.
  const off = on('sync.planned', (plan) => {
    if (plan.syncId === wanted) settle?.(plan);
    else plans.set(plan.syncId, plan);
  });
  try {
    const { syncId } = await call('sync.start', {
      pageId: pageId(),
      sessionId: request.sessionId,
      localRoot: request.localRoot,
      remoteRoot: request.remoteRoot,
      options: {
        direction: 'upload',
        deleteExtra: request.deleteOnServer,
        compareBy: 'timeAndSize',
        recursive: true,
      },
    });
    wanted = syncId;
    const early = plans.get(syncId);
    if (early) settle?.(early);
    const plan = await planned;
    if (plan.outcome !== 'done') throw new NotSynchronized(notPlannedText(plan));
    return await call('sync.run', { syncId, itemIds: plan.items.map((item) => item.id) });
  } finally {
    off();
  }
}
