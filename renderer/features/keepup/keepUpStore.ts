/**
 * Each connection tab's "keep the server folder up to date": the start dialog (folders and the
 * delete option, any refusal), the running state the core reports, and how it ended (kept until
 * dismissed, so a tab that stopped by itself says why). Kept per tab, apart from the pane. A
 * page reload does not stop it: the reloaded page shows it again (`reattach`).
 */
import { create } from 'zustand';
import type { KeepUpState } from '../../../shared/contract/keepup';
import type { SyncRunResult } from '../../../shared/contract/sync';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError, on } from '../../api';
import { pageId } from '../../transport/pageId';
import { joinPath } from '../pane/paths';
import { resultText } from '../sync/syncWords';
import { NotSynchronized, synchronizeFirst } from './syncFirst';
import { refreshWhereMade } from '../transfers/transfersStore';

export interface KeepUpAsk {
  sessionId: string;
  localRoot: string;
  remoteRoot: string;
  deleteOnServer: boolean;
  /** Run one upload-direction Synchronize before watching (WinSCP's "Synchronize on start"). */
  syncFirst: boolean;
  starting?: boolean;
  /** Synchronizing first, before the watching starts. */
  syncing?: boolean;
  error?: ErrorInfo;
}

export interface TabKeepUp {
  /** The start dialog, while open. */
  asking?: KeepUpAsk;
  /** Running, or stopped by itself (until dismissed). */
  state?: KeepUpState;
  /** What synchronizing first did, in words (shown in the strip). */
  syncedFirst?: string;
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

/**
 * Folders made on the server since the last state: the server pane showing where they are lists
 * its folder again, as it does for a file uploaded there (an empty folder has no transfer row).
 */
function showMadeFolders(before: KeepUpState | undefined, now: KeepUpState): void {
  if (now.foldersMade <= (before?.foldersMade ?? 0) || now.madeFolders.length === 0) return;
  const paths = now.madeFolders.map((relative) => joinPath(now.remoteRoot, relative));
  refreshWhereMade(now.sessionId, paths);
}

function syncedText(result: SyncRunResult): string {
  return `Synchronized first: ${resultText(result).replace(/^./, (c) => c.toLowerCase())}`;
}

/** tab id → the start under way (synchronizing first): Cancel stops it before it runs. */
const starts = new Map<string, AbortController>();

let watching = false;
function watchEvents(): void {
  if (watching) return;
  watching = true;
  on('keepup.state', (state) => {
    const tabId = tabOf(state.keepId);
    if (tabId) {
      showMadeFolders(useKeepUps.getState().byTab[tabId]?.state, state);
      show(tabId, state);
    } else early.set(state.keepId, state);
  });
}

export const keepUpActions = {
  /** Opens the start dialog for the tab's two folders shown. */
  ask(tabId: string, sessionId: string, localRoot: string, remoteRoot: string): void {
    watchEvents();
    change(tabId, (tab) => ({
      ...tab,
      asking: { sessionId, localRoot, remoteRoot, deleteOnServer: false, syncFirst: false },
    }));
  },

  setDeleteOnServer(tabId: string, deleteOnServer: boolean): void {
    change(tabId, (tab) =>
      tab.asking ? { ...tab, asking: { ...tab.asking, deleteOnServer } } : tab,
    );
  },

  setSyncFirst(tabId: string, syncFirst: boolean): void {
    change(tabId, (tab) => (tab.asking ? { ...tab, asking: { ...tab.asking, syncFirst } } : tab));
  },

  cancel(tabId: string): void {
    starts.get(tabId)?.abort();
    starts.delete(tabId);
    change(tabId, ({ state }) => (state ? { state } : {}));
  },

  async start(tabId: string): Promise<void> {
    const asking = useKeepUps.getState().byTab[tabId]?.asking;
    if (!asking || asking.starting) return;
    change(tabId, (tab) => ({
      ...tab,
      asking: { ...asking, starting: true, syncing: asking.syncFirst },
    }));
    const cancelled = new AbortController();
    starts.get(tabId)?.abort();
    starts.set(tabId, cancelled);
    let syncedFirst: string | undefined;
    try {
      if (asking.syncFirst) {
        const result = await synchronizeFirst(asking, cancelled.signal);
        if (result) syncedFirst = syncedText(result);
      }
    } catch (error) {
      if (starts.get(tabId) === cancelled) starts.delete(tabId);
      if (cancelled.signal.aborted) return;
      const info: ErrorInfo =
        error instanceof NotSynchronized
          ? {
              code: 'internal',
              message: error.message,
              hint: 'Nothing was started. Try again, or untick "Synchronize first".',
            }
          : describeError(error);
      change(tabId, (tab) => ({ ...tab, asking: { ...asking, error: info } }));
      return;
    }
    // Cancelled while synchronizing: what was queued stays queued, nothing is watched.
    if (starts.get(tabId) === cancelled) starts.delete(tabId);
    if (cancelled.signal.aborted || !useKeepUps.getState().byTab[tabId]?.asking) return;
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
      change(tabId, ({ state }) =>
        state ? { state, ...(syncedFirst ? { syncedFirst } : {}) } : {},
      );
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
