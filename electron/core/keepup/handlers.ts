import type { Handlers } from '../../../shared/contract';
import type { KeepUpManager } from './keep-up-manager';

export type KeepUpHandlers = Pick<Handlers, 'keepup.start' | 'keepup.stop'>;

/** The `keepup.*` methods of the contract, over one KeepUpManager. */
export function createKeepUpHandlers(keepers: KeepUpManager): KeepUpHandlers {
  return {
    'keepup.start': async (request) => keepers.start(request),
    'keepup.stop': async ({ keepId }) => keepers.stop(keepId),
  };
}
