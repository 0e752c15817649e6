import type { Handlers } from '../../../shared/contract';
import type { SessionManager } from '../remote/sessions';
import { moveLocal } from './local-move';
import { moveRemote } from './remote-move';

export type MoveHandlers = Pick<Handlers, 'remote.move' | 'local.move'>;

/** Moving items within one side: the server's (on the browsing connection) or this computer's. */
export function createMoveHandlers(sessions: SessionManager): MoveHandlers {
  return {
    'remote.move': async ({ sessionId, ...input }) => moveRemote(sessions.get(sessionId), input),
    'local.move': async (input) => moveLocal(input),
  };
}
