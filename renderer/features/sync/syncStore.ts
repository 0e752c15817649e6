/**
 * The synchronize dialog's state: one at a time in the window (it is modal). The options as set,
 * then the core's comparison (progress, the plan), the items the user unticked, and what Run did.
 * The plan's paths stay in the core: Run names the ticked items by id.
 */
import { create } from 'zustand';
import type {
  SyncOptions,
  SyncPlanned,
  SyncProgress,
  SyncRunResult,
} from '../../../shared/contract/sync';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError, on } from '../../api';
import { pageId } from '../../transport/pageId';

export type SyncPhase = 'options' | 'comparing' | 'preview' | 'running' | 'done';

export interface SyncState {
  /** The tab whose dialog is open; null when none is. */
  tabId: string | null;
  sessionId: string;
  localRoot: string;
  remoteRoot: string;
  options: SyncOptions;
  phase: SyncPhase;
  syncId?: string;
  progress?: SyncProgress;
  planned?: SyncPlanned;
  /** Items (by id) the user unticked in the preview. */
  unticked: ReadonlySet<string>;
  result?: SyncRunResult;
  error?: ErrorInfo;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  direction: 'upload',
  deleteExtra: false,
  compareBy: 'timeAndSize',
  recursive: true,
  mirror: false,
};

export const useSync = create<SyncState>(() => ({
  tabId: null,
  sessionId: '',
  localRoot: '',
  remoteRoot: '',
  options: DEFAULT_SYNC_OPTIONS,
  phase: 'options',
  unticked: new Set(),
}));

const get = () => useSync.getState();

let watching = false;
function watchSyncEvents(): void {
  if (watching) return;
  watching = true;
  on('sync.progress', (progress) => {
    if (progress.syncId === get().syncId && get().phase === 'comparing')
      useSync.setState({ progress });
  });
  on('sync.planned', (planned) => {
    if (get().phase === 'comparing' && get().syncId === undefined)
      early.set(planned.syncId, planned);
    else take(planned);
  });
}

/** A plan that came before `sync.start` answered with its id (a tiny folder, a busy page). */
const early = new Map<string, SyncPlanned>();

function take(planned: SyncPlanned): void {
  if (planned.syncId !== get().syncId || get().phase !== 'comparing') return;
  if (planned.outcome === 'done') {
    useSync.setState({ phase: 'preview', planned, unticked: new Set() });
  } else {
    // Stopped, a limit or a failure: back to the options, saying why (no partial plan).
    useSync.setState({ phase: 'options', planned, syncId: undefined });
  }
}

export const syncActions = {
  open(tabId: string, sessionId: string, localRoot: string, remoteRoot: string): void {
    watchSyncEvents();
    useSync.setState({
      tabId,
      sessionId,
      localRoot,
      remoteRoot,
      phase: 'options',
      syncId: undefined,
      progress: undefined,
      planned: undefined,
      result: undefined,
      error: undefined,
      unticked: new Set(),
    });
  },

  setOptions(patch: Partial<SyncOptions>): void {
    useSync.setState((s) => {
      const options = { ...s.options, ...patch };
      // Both ways deletes nothing: what is only on one side is copied to the other.
      if (options.direction === 'both') {
        options.deleteExtra = false;
        options.mirror = false; // and has no side that is made to match
      }
      return { options };
    });
  },

  async compare(): Promise<void> {
    const { sessionId, localRoot, remoteRoot, options } = get();
    useSync.setState({
      phase: 'comparing',
      progress: undefined,
      planned: undefined,
      error: undefined,
    });
    try {
      const { syncId } = await call('sync.start', {
        pageId: pageId(),
        sessionId,
        localRoot,
        remoteRoot,
        options,
      });
      // The plan may have arrived before the answer: keep it only if it is still awaited.
      if (get().phase !== 'comparing') return;
      useSync.setState({ syncId });
      const planned = early.get(syncId);
      early.clear();
      if (planned) take(planned);
    } catch (error) {
      useSync.setState({ phase: 'options', error: describeError(error) });
    }
  },

  async stop(): Promise<void> {
    const { syncId } = get();
    if (syncId) await call('sync.stop', { syncId }).catch(() => undefined);
  },

  toggle(ids: readonly string[], ticked: boolean): void {
    useSync.setState(({ unticked }) => {
      const next = new Set(unticked);
      for (const id of ids) {
        if (ticked) next.delete(id);
        else next.add(id);
      }
      return { unticked: next };
    });
  },

  async run(): Promise<SyncRunResult | undefined> {
    const { syncId, planned, unticked } = get();
    if (!syncId || !planned) return undefined;
    const itemIds = planned.items.filter((i) => !unticked.has(i.id)).map((i) => i.id);
    useSync.setState({ phase: 'running', error: undefined });
    try {
      const result = await call('sync.run', { syncId, itemIds });
      useSync.setState({ phase: 'done', result });
      return result;
    } catch (error) {
      useSync.setState({ phase: 'done', error: describeError(error) });
      return undefined;
    }
  },

  /** Back from the preview to the options (the plan is dropped). */
  back(): void {
    const { syncId } = get();
    if (syncId) void call('sync.discard', { syncId }).catch(() => undefined);
    useSync.setState({ phase: 'options', syncId: undefined, planned: undefined });
  },

  close(): void {
    const { syncId, phase } = get();
    if (syncId && phase === 'comparing') void syncActions.stop();
    else if (syncId && phase === 'preview')
      void call('sync.discard', { syncId }).catch(() => undefined);
    useSync.setState({ tabId: null, syncId: undefined });
  },
};
