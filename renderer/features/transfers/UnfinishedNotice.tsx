import { History, Trash2 } from 'lucide-react';
import type { UnfinishedServer } from '../../../shared/contract/transfers';
import { PROTOCOL_INFO } from '../../../shared/protocols';
import { ServerPasswordDialog } from '../connect/ServerPasswordDialog';
import { ConnectPrompts } from '../sites/ConnectPrompts';
import {
  addressOf,
  cancelQuestion,
  connectQuick,
  connectToSaved,
  discardServer,
  discardAll,
  restoreAll,
  restoreServer,
  siteConnected,
  useUnfinished,
} from './unfinishedStore';

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** How a server is named to the user: its saved site's name, else user@host:port. */
export function serverName(server: UnfinishedServer): string {
  return server.site?.name ?? `${server.user}@${server.host}:${server.port}`;
}

/**
 * "12 transfers were not finished when Ferry closed (2 servers)", with Restore and Discard,
 * as FileZilla offers its saved queue at start. Each server whose files could not be restored
 * says why, with Try again.
 */
export function UnfinishedNotice() {
  const unfinished = useUnfinished((s) => s.unfinished);
  const errors = useUnfinished((s) => s.errors);
  const moved = useUnfinished((s) => s.moved);
  const restoring = useUnfinished((s) => s.restoring);
  if (!unfinished || unfinished.files === 0) return null;
  const { files, servers } = unfinished;
  const busy = restoring !== undefined;
  return (
    <section className="info-banner unfinished-notice" aria-labelledby="unfinished-title">
      <p id="unfinished-title">
        <strong>
          {plural(files, 'transfer was', 'transfers were')} not finished when Ferry closed (
          {plural(servers.length, 'server', 'servers')}).
        </strong>{' '}
        Restore connects to {servers.length === 1 ? 'its server' : 'each server'} again and
        continues {files === 1 ? 'it' : 'them'}; Discard forgets {files === 1 ? 'it' : 'them'} and
        deletes the partial files {files === 1 ? 'it' : 'they'} left.
      </p>
      <ul className="unfinished-servers" aria-label="Servers with unfinished transfers">
        {servers.map((server) => {
          const error = errors[server.id];
          return (
            <li key={server.id}>
              {serverName(server)} ({PROTOCOL_INFO[server.protocol].label}):{' '}
              {plural(server.files, 'file', 'files')}
              {restoring === server.id && <span role="status"> — connecting…</span>}
              {error && (
                <div className="unfinished-error" role="alert">
                  {error.message} {error.hint}{' '}
                  {moved[server.id] ? (
                    <>
                      <button type="button" disabled={busy} onClick={() => connectToSaved(server)}>
                        Connect to {addressOf(server)}
                      </button>{' '}
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => void discardServer(server)}
                        aria-label={`Discard: ${serverName(server)}`}
                      >
                        Discard
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void restoreServer(server)}
                      aria-label={`Try again: ${serverName(server)}`}
                    >
                      Try again
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <div className="unfinished-actions">
        <button type="button" disabled={busy} onClick={() => void restoreAll()}>
          <History size={14} aria-hidden="true" /> Restore
        </button>
        <button type="button" disabled={busy} onClick={() => void discardAll()}>
          <Trash2 size={14} aria-hidden="true" /> Discard
        </button>
      </div>
      <UnfinishedQuestions />
    </section>
  );
}

/** What reconnecting asks: a quick connection's password, or a saved site's usual questions. */
function UnfinishedQuestions() {
  const askPassword = useUnfinished((s) => s.askPassword);
  const askSite = useUnfinished((s) => s.askSite);
  if (askPassword) return <QuickPassword server={askPassword} />;
  if (askSite) {
    return (
      <ConnectPrompts
        onConnected={(session) =>
          void siteConnected(askSite, session, askSite.site?.name ?? session.host)
        }
      />
    );
  }
  return null;
}

function QuickPassword({ server }: { server: UnfinishedServer }) {
  return (
    <ServerPasswordDialog
      title={`Password for ${server.host}`}
      why="To continue its unfinished transfers, Ferry connects to this server again. It never keeps the password of a quick connection."
      account={`${server.user}@${server.host}:${server.port} (${PROTOCOL_INFO[server.protocol].label})`}
      onCancel={cancelQuestion}
      onSubmit={(password) => void connectQuick(server, password)}
    />
  );
}
