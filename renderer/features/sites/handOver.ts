import type { SiteSession } from '../../../shared/contract/sites';
import { call } from '../../api';
import { useSession } from '../connect/sessionStore';
import { localPaneStore } from '../local/LocalPane';

/**
 * Gives a session opened from the site manager to the remote pane (one session at a time), and
 * opens the site's start folders on both sides.
 */
export function handOverToRemotePane(session: SiteSession): void {
  const previous = useSession.getState().session;
  useSession.getState().adopt(session, session.initialRemoteDir);
  if (session.initialLocalDir) {
    void localPaneStore.getState().actions.navigate(session.initialLocalDir);
  }
  if (previous && previous.sessionId !== session.sessionId) {
    void call('remote.disconnect', { sessionId: previous.sessionId }).catch(() => undefined);
  }
}
