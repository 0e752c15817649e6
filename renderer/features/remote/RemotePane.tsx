import { Loader, Server } from 'lucide-react';
import { PROTOCOL_INFO } from '../../../shared/protocols';
import { useSession } from '../connect/sessionStore';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { RemoteFiles } from './RemoteFiles';
import { weakerChoiceHint } from '../probe/hint';
import { lastReportFor } from '../probe/probeStore';

/** The right-hand pane: an invitation, a connection in progress, an error, or the server's files. */
export function RemotePane() {
  const { session, connecting, error, dismissError } = useSession();

  if (session) {
    const info = PROTOCOL_INFO[session.protocol];
    const saferWay = weakerChoiceHint(lastReportFor(session.host), session);
    return (
      <>
        <div className="status-line" role="status">
          Connected to {session.host}:{session.port} as {session.user} over {info.label}
        </div>
        {!info.secure && (
          <div className="warning-banner" role="note">
            Not encrypted: your password and files travel in clear text on this connection.
          </div>
        )}
        {saferWay && (
          <div className="warning-banner" role="note">
            {saferWay}
          </div>
        )}
        {error && <ErrorNotice error={error} onDismiss={dismissError} />}
        <RemoteFiles key={session.sessionId} session={session} />
      </>
    );
  }

  return (
    <div className="empty-state">
      {connecting ? (
        <>
          <Loader size={32} aria-hidden="true" />
          <h2>Connecting…</h2>
        </>
      ) : (
        <>
          <Server size={40} aria-hidden="true" />
          <h2>Not connected</h2>
          <p>Enter a server above and press Connect, or pick a saved site.</p>
        </>
      )}
      {error && <ErrorNotice error={error} onDismiss={dismissError} />}
    </div>
  );
}
