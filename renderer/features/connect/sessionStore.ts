import { create } from 'zustand';
import type { MethodInput } from '../../../shared/contract';
import type { ErrorInfo } from '../../../shared/errors';
import type { SessionInfo } from '../../../shared/types';
import { call, describeError, on } from '../../api';

type ConnectInput = MethodInput<'remote.connect'>;

interface SessionState {
  session?: SessionInfo;
  /** Where the remote pane opens for this session, when not the login folder (a site's setting). */
  remoteStart?: string;
  connecting: boolean;
  error?: ErrorInfo;
  /** Connects with the given parameters; the trust dialog may pause it. */
  connect(params: ConnectInput): Promise<SessionInfo | undefined>;
  /** Adopts a session opened elsewhere (e.g. from the site manager). */
  adopt(session: SessionInfo, remoteStart?: string): void;
  disconnect(): Promise<void>;
  dismissError(): void;
}

/** The remote pane's connection: one session at a time. */
export const useSession = create<SessionState>((set, get) => ({
  connecting: false,
  connect: async (params) => {
    set({ connecting: true, error: undefined });
    try {
      const previous = get().session;
      const session = await call('remote.connect', params);
      if (previous)
        void call('remote.disconnect', { sessionId: previous.sessionId }).catch(() => {});
      set({ session, remoteStart: undefined, connecting: false });
      return session;
    } catch (error) {
      set({ connecting: false, error: describeError(error) });
      return undefined;
    }
  },
  adopt: (session, remoteStart) =>
    set({ session, remoteStart, error: undefined, connecting: false }),
  disconnect: async () => {
    const session = get().session;
    set({ session: undefined });
    if (session) await call('remote.disconnect', { sessionId: session.sessionId }).catch(() => {});
  },
  dismissError: () => set({ error: undefined }),
}));

let watching = false;
/** Hears about connections the server closed, once per page. */
export function watchSessionEvents(): void {
  if (watching) return;
  watching = true;
  on('session.closed', ({ sessionId, reason }) => {
    if (useSession.getState().session?.sessionId !== sessionId) return;
    useSession.setState({
      session: undefined,
      error: {
        code: 'connection_lost',
        message: reason ?? 'The server closed the connection.',
        hint: 'Connect again. Transfers that were running will retry on their own.',
      },
    });
  });
}
