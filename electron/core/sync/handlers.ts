import type { Handlers } from '../../../shared/contract';
import type { SyncManager } from './sync-manager';

export type SyncHandlers = Pick<Handlers, 'sync.start' | 'sync.stop' | 'sync.run' | 'sync.discard'>;

/** The `sync.*` methods of the contract, over one SyncManager. */
export function createSyncHandlers(syncs: SyncManager): SyncHandlers {
  return {
    'sync.start': async ({ pageId, sessionId, localRoot, remoteRoot, options }) =>
      syncs.start({ pageId, sessionId, localRoot, remoteRoot, options }),
    'sync.stop': async ({ syncId }) => syncs.stop(syncId),
    'sync.run': async ({ syncId, itemIds }) => syncs.run(syncId, itemIds),
    'sync.discard': async ({ syncId }) => syncs.discard(syncId),
  };
}
