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

/**
 * Compares and runs the whole plan; resolves with what the run did, or `undefined` when
 * `cancelled` came before the run (the comparison stopped, nothing changed on the server).
 */
export async function synchronizeFirst(
  request: SyncFirstRequest,
  cancelled?: AbortSignal,
): Promise<SyncRunResult | undefined> {
  const plans = new Map<string, SyncPlanned>();
  let wanted: string | undefined;
  let settle: ((planned: SyncPlanned | undefined) => void) | undefined;
  const planned = new Promise<SyncPlanned | undefined>((resolve) => (settle = resolve));
  const onCancel = () => settle?.(undefined);
  cancelled?.addEventListener('abort', onCancel, { once: true });
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
    const plan = cancelled?.aborted ? undefined : await planned;
    if (plan === undefined || cancelled?.aborted) {
      // Cancelled while comparing: nothing is run (no upload, no deletion on the server).
      await call('sync.stop', { syncId }).catch(() => undefined);
      await call('sync.discard', { syncId }).catch(() => undefined);
      return undefined;
    }
    if (plan.outcome !== 'done') throw new NotSynchronized(notPlannedText(plan));
    return await call('sync.run', { syncId, itemIds: plan.items.map((item) => item.id) });
  } finally {
    off();
    cancelled?.removeEventListener('abort', onCancel);
  }
}
