import type { EmitEvent, Handlers } from '../../../shared/contract';
import type { SessionManager } from '../remote/sessions';
import { moveLocal } from './local-move';
import { moveRemote } from './remote-move';

export type MoveHandlers = Pick<Handlers, 'remote.move' | 'local.move' | 'local.moveStop'>;

/** Moving items within one side: the server's (on the browsing connection) or this computer's. */
export function createMoveHandlers(
  sessions: Pick<SessionManager, 'get'>,
  emit?: EmitEvent,
): MoveHandlers {
  // Local moves that a Stop may end (only a move to another drive takes long enough to).
  const running = new Map<string, AbortController>();
  return {
    'remote.move': async ({ sessionId, ...input }) => moveRemote(sessions.get(sessionId), input),
    'local.move': async ({ moveId, ...input }) => {
      if (moveId === undefined) return moveLocal(input);
      const stop = new AbortController();
      running.set(moveId, stop);
      try {
        return await moveLocal(input, {
          signal: stop.signal,
          progress: (p) => emit?.('local.moveProgress', { moveId, ...p }),
        });
      } finally {
        running.delete(moveId);
      }
    },
    'local.moveStop': async ({ moveId }) => running.get(moveId)?.abort(),
  };
}
