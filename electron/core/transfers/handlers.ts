import { posix } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import { FerryError } from '../../../shared/errors';
import type { TransferQueue } from './transfer-queue';

export type TransferHandlers = Pick<
  Handlers,
  | 'transfers.enqueue'
  | 'transfers.list'
  | 'transfers.cancel'
  | 'transfers.cancelAll'
  | 'transfers.pause'
  | 'transfers.resume'
  | 'transfers.retry'
  | 'transfers.clearFinished'
  | 'transfers.move'
  | 'transfers.conflicts'
  | 'transfers.resolveConflict'
>;

/** The `transfers.*` methods of the contract, served by one TransferQueue. */
export function createTransferHandlers(deps: { queue: TransferQueue }): TransferHandlers {
  const { queue } = deps;
  return {
    'transfers.enqueue': async ({ sessionId, direction, sources, targetFolder }) => {
      const remoteSide = direction === 'download' ? sources : [targetFolder];
      if (!remoteSide.every((path) => posix.isAbsolute(path))) {
        throw new FerryError(
          'invalid_input',
          'Server paths must be absolute (start with /).',
          'Pick the files again from the server pane.',
        );
      }
      return queue.enqueue({
        sessionId,
        direction,
        items: sources.map((source) => ({ source, targetFolder })),
      });
    },
    'transfers.list': async () => queue.list(),
    'transfers.cancel': async ({ jobId }) => queue.cancel(jobId),
    'transfers.cancelAll': async () => queue.cancelAll(),
    'transfers.pause': async () => queue.pause(),
    'transfers.resume': async () => queue.resume(),
    'transfers.retry': async ({ jobId }) => queue.retry(jobId),
    'transfers.clearFinished': async () => queue.clearFinished(),
    'transfers.move': async ({ jobIds, to }) => queue.move(jobIds, to),
    'transfers.conflicts': async () => queue.conflicts(),
    'transfers.resolveConflict': async ({ conflictId, action, applyToAll }) =>
      queue.resolveConflict(conflictId, action, applyToAll),
  };
}
