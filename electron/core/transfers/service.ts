import type { EmitEvent } from '../../../shared/contract';
import type { RemoteFs } from '../remote/remote-fs';
import { createSettingsHandlers, type SettingsHandlers } from '../settings/handlers';
import type { SettingsStore } from '../settings/settings-store';
import { createTransferHandlers, type TransferHandlers } from './handlers';
import { TransferQueue } from './transfer-queue';

/** What the queue needs from the session manager (SessionManager fits). */
export interface TransferSessions {
  /** Throws `session_not_found` for an unknown session. */
  info(sessionId: string): unknown;
  /** A new connection with the session's login and trust decisions (never the browsing one). */
  openConnection(sessionId: string): Promise<RemoteFs>;
}

export interface Transfers {
  queue: TransferQueue;
  handlers: TransferHandlers & SettingsHandlers;
  dispose(): Promise<void>;
}

/**
 * Builds the transfer queue for the app: connections come from the session manager, the
 * settings (parallel transfers, retries, default conflict action) follow the settings store.
 */
export function createTransfers(deps: {
  emit: EmitEvent;
  sessions: TransferSessions;
  settings: SettingsStore;
}): Transfers {
  const queue = new TransferQueue({
    emit: deps.emit,
    connections: (sessionId) => {
      deps.sessions.info(sessionId);
      return { open: () => deps.sessions.openConnection(sessionId) };
    },
  });
  void deps.settings.get().then(
    (settings) => queue.configure(settings),
    () => undefined, // the defaults stay in force
  );
  const stopFollowing = deps.settings.onChange((settings) => queue.configure(settings));
  return {
    queue,
    handlers: {
      ...createTransferHandlers({ queue }),
      ...createSettingsHandlers({ store: deps.settings, emit: deps.emit }),
    },
    dispose: async () => {
      stopFollowing();
      await queue.dispose();
    },
  };
}
