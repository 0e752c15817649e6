import type { Handlers } from '../../../shared/contract';
import type { KeepUpManager } from './keep-up-manager';

export type KeepUpHandlers = Pick<Handlers, 'keepup.start' | 'keepup.stop' | 'keepup.reattach'>;

/**
 * The `keepup.*` methods of the contract, over one KeepUpManager; `shows` says whether a page
 * shows a session now (the session claims).
 */
export function createKeepUpHandlers(
  keepers: KeepUpManager,
  shows: (pageId: string, sessionId: string) => boolean,
): KeepUpHandlers {
  return {
    'keepup.start': async (request) => keepers.start(request),
    'keepup.stop': async ({ keepId }) => keepers.stop(keepId),
    'keepup.reattach': async ({ pageId }) =>
      keepers.reattach(pageId, (sessionId) => shows(pageId, sessionId)),
  };
}
