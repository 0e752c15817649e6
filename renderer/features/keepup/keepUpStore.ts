/**
 * Each connection tab's "keep the server folder up to date": the start dialog (folders and the
 * delete option, any refusal), the running state the core reports, and how it ended (kept until
 * dismissed, so a tab that stopped by itself says why). Kept per tab, apart from the pane. A
 * page reload does not stop it: the reloaded page shows it again (`reattach`).
 */
import { create } from 'zustand';
import type { KeepUpState } from '../../../shared/contract/keepup';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError, on } from '../../api';
import { pageId } from '../../transport/pageId';

export interface KeepUpAsk {
  sessionId: string;
  localRoot: string;
  remoteRoot: string;
  deleteOnServer: boolean;
  starting?: boolean;
  error?: ErrorInfo;
}

export interface TabKeepUp {
  /** The start dialog, while open. */
  asking?: KeepUpAsk;
  /** Running, or stopped by itself (until dismissed). */
  state?: KeepUpState;
}

interface KeepUps {
  byTab: Readonly<Record<string, TabKeepUp>>;
}

export const useKeepUps = create<KeepUps>(() => ({ byTab: {} }));

function change(tabId: string, next: (tab: TabKeepUp) => TabKeepUp): void {
  useKeepUps.setState((s) => {
    const updated = next(s.byTab[tabId] ?? {});
    const byTab = { ...s.byTab };
    if (updated.asking || updated.state) byTab[tabId] = updated;
    else delete byTab[tabId];
    return { byTab };
  });
}

function tabOf(keepId: string): string | undefined {
  const { byTab } = useKeepUps.getState();
  return Object.entries(byTab).find(([, tab]) => tab.state?.keepId === keepId)?.[0];
}

/** States that came before `keepup.start` answered (a change at once, a busy page). */
const early = new Map<string, KeepUpState>();

function show(tabId: string, state: KeepUpState): void {
  // Stopped by the user: nothing to say, the strip goes.
  const kept = state.running || state.stoppedBecause !== 'user' ? state : undefined;
  change(tabId, (tab) => ({ ...tab, state: kept }));
}

let watching = false;
function watchEvents(): void {
  if (watching) return;
  watching = true;
  on('keepup.state', (state) => {
    const tabId = tabOf(state.keepId);
    if (tabId) show(tabId, state);
    else early.set(state.keepId, state);
  });
}

export const keepUpActions = {
  /** Opens the start dialog for the tab's two folders shown. */
  ask(tabId: string, sessionId: string, localRoot: string, remoteRoot: string): void {
    watchEvents();
    change(tabId, (tab) => ({
      ...tab,
      asking: { sessionId, localRoot, remoteRoot, deleteOnServer: false },
    }));
  },

  setDeleteOnServer(tabId: string, deleteOnServer: boolean): void {
    change(tabId, (tab) =>
      tab.asking ? { ...tab, asking: { ...tab.asking, deleteOnServer } } : tab,
    );
  },

  cancel(tabId: string): void {
    change(tabId, ({ state }) => (state ? { state } : {}));
  },

  async start(tabId: string): Promise<void> {
    const asking = useKeepUps.getState().byTab[tabId]?.asking;
    if (!asking || asking.starting) return;
    change(tabId, (tab) => ({ ...tab, asking: { ...asking, starting: true } }));
    try {
      const started = await call('keepup.start', {
        pageId: pageId(),
        sessionId: asking.sessionId,
        localRoot: asking.localRoot,
        remoteRoot: asking.remoteRoot,
        deleteOnServer: asking.deleteOnServer,
      });
      const latest = early.get(started.keepId) ?? started;
      early.delete(started.keepId);
      show(tabId, latest);
      change(tabId, ({ state }) => (state ? { state } : {}));
    } catch (error) {
      change(tabId, (tab) => ({ ...tab, asking: { ...asking, error: describeError(error) } }));
    }
  },

  /**
   * After a reload, once the tabs are back: the keep-ups of their sessions — still running (the
   * core kept them) or ended while the page was away — show their strips again.
   */
  async reattach(tabOfSession: (sessionId: string) => string | undefined): Promise<void> {
    watchEvents();
    const states = await call('keepup.reattach', { pageId: pageId() }).catch(() => []);
    for (const state of states) {
      const tabId = tabOfSession(state.sessionId);
      early.delete(state.keepId);
      if (tabId !== undefined) show(tabId, state);
    }
  },

  async stop(tabId: string): Promise<void> {
    const state = useKeepUps.getState().byTab[tabId]?.state;
    if (!state) return;
    if (!state.running) {
      change(tabId, ({ asking }) => (asking ? { asking } : {})); // dismissed
      return;
    }
    await call('keepup.stop', { keepId: state.keepId }).catch(() => undefined);
    change(tabId, ({ asking }) => (asking ? { asking } : {}));
  },
};
