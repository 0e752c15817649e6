/**
 * Which server each closed session was connected to, so that the session opened since to the
 * same server as the same user (a Reconnect, maybe after a page reload) can take over its
 * failed transfers: Retry then works again instead of failing on a connection that is gone.
 */
import type { FerryError } from '../../../shared/errors';
import type { SessionInfo } from '../../../shared/types';

type Server = Pick<SessionInfo, 'protocol' | 'host' | 'port' | 'user' | 'jump'>;

// The same address behind another jump host (or none) is another machine.
const serverOf = (s: Server) =>
  JSON.stringify([s.protocol, s.host.toLowerCase(), s.port, s.user, s.jump ?? null]);

export class SessionSuccessors {
  /** Closed session id → its server, oldest first. */
  private readonly closed = new Map<string, string>();
  /** Closed session id → why it ended, when that is worth saying (its jump host was lost). */
  private readonly why = new Map<string, FerryError>();

  constructor(private readonly limit = 1000) {}

  /** The session ended (dropped, or disconnected); `why` when it says more than "closed". */
  ended(session: SessionInfo, why?: FerryError): void {
    this.closed.set(session.sessionId, serverOf(session));
    if (why) this.why.set(session.sessionId, why);
    if (this.closed.size > this.limit) {
      const oldest = this.closed.keys().next().value;
      if (oldest !== undefined) {
        this.closed.delete(oldest);
        this.why.delete(oldest);
      }
    }
  }

  /** Why the closed session `sessionId` ended, if that was noted. */
  whyEnded(sessionId: string): FerryError | undefined {
    return this.why.get(sessionId);
  }

  /** The newest of `open` connected to the server `sessionId` had; undefined if none is. */
  successorOf(sessionId: string, open: readonly SessionInfo[]): string | undefined {
    const server = this.closed.get(sessionId);
    if (server === undefined) return undefined;
    return open.findLast((session) => serverOf(session) === server)?.sessionId;
  }
}
