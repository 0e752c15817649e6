import type { SiteSession } from '../../../shared/contract/sites';
import { call } from '../../api';
import { useSession } from '../connect/sessionStore';

/** Gives a session opened from the site manager to the remote pane (one session at a time). */
export function handOverToRemotePane(session: SiteSession): void {
  const previous = useSession.getState().session;
  useSession.getState().adopt(session);
  if (previous && previous.sessionId !== session.sessionId) {
    void call('remote.disconnect', { sessionId: previous.sessionId }).catch(() => undefined);
  }
}
