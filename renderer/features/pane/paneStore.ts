/**
 * One pane's state: a zustand store per pane instance (DESIGN.md "Habits"), so the local and
 * remote panes share code, not state. File operations live in paneOperations.ts.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ErrorInfo } from '../../../shared/errors';
import type { FileEntry } from '../../../shared/types';
import { createCopyOperations, type CopyOperations } from './copyOperations';
import { createMoveOperations, type MoveOperations } from './moveOperations';
import { createOperations, type PaneOperations } from './paneOperations';
import { parentPath } from './paths';
import type { PaneView } from './paneView';
import {
  clickSelect,
  emptySelection,
  moveFocus,
  pruneSelection,
  selectAll,
  targets,
  toggleFocused,
  type Modifiers,
  type Move,
  type Selection,
} from './selection';
import { nextSortOrder, visibleEntries, type SortKey, type SortOrder } from './sort';
import { errorInfoOf, type DeleteMode, type PaneSource } from './source';

export type PaneDialog =
  | { kind: 'new-folder' }
  | { kind: 'delete'; names: string[] }
  | { kind: 'move-to'; names: string[] }
  /** A file of that name is already in `folder`; `others`: clashes still to ask about. */
  | { kind: 'move-clash'; path: string; folder: string; others: number };

export interface InitOptions {
  /** The sort, filter and history to show again (a page reload). */
  view?: PaneView;
  /**
   * Where to go when `startPath` cannot be opened: home (a site's start folder), or the nearest
   * folder above it that still exists (a folder shown before a reload), home if none does.
   */
  fallback?: 'home' | 'nearest';
}

export interface PaneActions extends PaneOperations, MoveOperations, CopyOperations {
  /** Finds the home folder and the delete mode, and opens home (or `startPath`). */
  init(startPath?: string, options?: InitOptions): Promise<void>;
  navigate(path: string): Promise<boolean>;
  refresh(): Promise<boolean>;
  up(): Promise<boolean>;
  back(): Promise<boolean>;
  forward(): Promise<boolean>;
  sortBy(key: SortKey): void;
  setShowHidden(show: boolean): void;
  setFilter(filter: string): void;
  click(name: string, mods?: Modifiers): void;
  move(move: Move, mods?: Modifiers): void;
  selectAll(): void;
  /** Selects exactly those of `names` the pane shows, in its order; the keyboard goes to the first. */
  selectNames(names: ReadonlySet<string>): void;
  toggleFocused(): void;
  clearSelection(): void;
  focusName(name: string): void;
  openMenu(at: { x: number; y: number }): void;
  closeMenu(): void;
  closeDialog(): void;
  showError(error: unknown): void;
  dismissError(): void;
  dismissNotice(): void;
}

export interface PaneState {
  /** The folder shown; null before the first listing arrives. */
  path: string | null;
  home: string | null;
  entries: readonly FileEntry[];
  /** Entries after the hidden-files toggle, the filter and the sort: what the table shows. */
  visible: readonly FileEntry[];
  /** Names of `visible`, in order; selection works on these. */
  names: readonly string[];
  loading: boolean;
  error: ErrorInfo | null;
  /** What the last listing said about the server (its names are not UTF-8): news, not an error. */
  notice: string | null;
  history: { back: readonly string[]; forward: readonly string[] };
  sort: SortOrder;
  showHidden: boolean;
  filter: string;
  selection: Selection;
  /** The entry whose name is being edited in place. */
  renaming: string | null;
  dialog: PaneDialog | null;
  /** Items cut (Ctrl+X) to be moved into the folder shown when pasted (Ctrl+V). */
  cut: { folder: string; names: string[] } | null;
  /** A move that takes long (to another drive of this computer): how far it is, for Stop. */
  moving: MovingState | null;
  menu: { x: number; y: number } | null;
  deleteMode: DeleteMode | null;
  actions: PaneActions;
}

export interface MovingState {
  moveId: string;
  name: string;
  bytesDone: number;
  bytesTotal: number;
  /** Stop was pressed; the core is removing the partial copy. */
  stopping: boolean;
}

export type PaneStore = StoreApi<PaneState>;

type View = Pick<PaneState, 'entries' | 'showHidden' | 'filter' | 'sort' | 'selection'>;

/** Recomputes what the table shows, and forgets selected names that are no longer shown. */
function derive(view: View): Pick<PaneState, 'visible' | 'names' | 'selection'> {
  const visible = visibleEntries(view.entries, {
    showHidden: view.showHidden,
    filter: view.filter,
    order: view.sort,
  });
  const names = visible.map((e) => e.name);
  return { visible, names, selection: pruneSelection(view.selection, names) };
}

type HistoryMove = 'push' | 'back' | 'forward' | 'stay';

/** A folder shown before that fails with these is gone from there: the one above may open. */
const WALK_UP_AFTER = new Set<ErrorInfo['code']>([
  'not_found',
  'not_a_folder',
  'permission_denied',
]);

/** Says in plain words why the pane shows `shown` rather than the folder it had. */
function movedUp(gone: string, shown: string, failure: ErrorInfo | null): ErrorInfo {
  const hint = `Showing ${shown}, the nearest folder above it.`;
  if (failure?.code === 'not_found') {
    return { code: 'not_found', message: `The folder ${gone} no longer exists.`, hint };
  }
  return {
    code: failure?.code ?? 'not_found',
    message: `Ferry could not open ${gone} again: ${failure?.message ?? 'it is not there.'}`,
    hint,
  };
}

export function createPaneStore(source: PaneSource): PaneStore {
  return createStore<PaneState>()((set, get) => {
    // Only the latest listing request may land: a slow old folder never replaces a new one.
    let latestRequest = 0;
    // The latest listing asked for (it never rejects); a refresh waits for it (see refresh).
    let latestLoad: Promise<boolean> = Promise.resolve(true);

    function load(path: string, how: HistoryMove, focus?: string): Promise<boolean> {
      latestLoad = loadNow(path, how, focus);
      return latestLoad;
    }

    async function loadNow(path: string, how: HistoryMove, focus?: string): Promise<boolean> {
      const request = ++latestRequest;
      set({ loading: true });
      try {
        const listing = await source.list(path);
        if (request !== latestRequest) return false;
        const state = get();
        const samePlace = listing.path === state.path;
        const { back, forward } = state.history;
        const from = state.path;
        let history = state.history;
        if (from !== null && !samePlace) {
          if (how === 'push') history = { back: [...back, from], forward: [] };
          if (how === 'back') history = { back: back.slice(0, -1), forward: [...forward, from] };
          if (how === 'forward') history = { back: [...back, from], forward: forward.slice(0, -1) };
        }
        let selection = samePlace ? state.selection : emptySelection;
        if (focus !== undefined) selection = { selected: new Set([focus]), anchor: focus, focus };
        const filter = samePlace ? state.filter : '';
        set({
          path: listing.path,
          entries: listing.entries,
          loading: false,
          history,
          filter,
          renaming: samePlace ? state.renaming : null,
          ...(samePlace ? {} : { error: null }),
          // Said once per listing (a server whose names are not in the encoding Ferry reads).
          notice: listing.notice ?? null,
          ...derive({ ...state, entries: listing.entries, filter, selection }),
        });
        return true;
      } catch (error) {
        if (request !== latestRequest) return false;
        set({ loading: false, error: errorInfoOf(error) });
        return false;
      }
    }

    /** After a reload: the history again, and the filter when its folder opened. */
    function showAgain(view: PaneView | undefined): void {
      if (!view) return;
      set({ history: view.history });
      if (get().path === view.path) reView({ filter: view.filter });
    }

    /** Opens the nearest folder above `path` that opens; its path, or null when none does. */
    async function openNearestAbove(path: string): Promise<string | null> {
      for (let folder = parentPath(path); folder !== null; folder = parentPath(folder)) {
        if (await load(folder, 'push')) return get().path;
      }
      return null;
    }

    const actionTargets = () => targets(get().selection, get().names);
    const select = (next: (s: PaneState) => Selection) =>
      set((s) => ({ selection: next(s), menu: null }));
    const reView = (change: Partial<View>) =>
      set((s) => ({ ...change, ...derive({ ...s, ...change }) }));

    const actions: PaneActions = {
      async init(startPath, options = {}) {
        const { view, fallback = 'home' } = options;
        const [home, deleteMode] = await Promise.all([
          source.home().catch((error: unknown) => {
            actions.showError(error);
            return null;
          }),
          source.deleteMode().catch(() => 'permanent' as const),
        ]);
        set({ home, deleteMode });
        if (view) reView({ sort: view.sort });
        const first = startPath ?? home;
        if (first === null) return;
        if (await load(first, 'push')) return showAgain(view);
        if (startPath === undefined) return;
        const failure = get().error;
        const nearest =
          fallback === 'nearest' && failure && WALK_UP_AFTER.has(failure.code)
            ? await openNearestAbove(startPath)
            : null;
        if (nearest !== null) {
          set({ error: movedUp(startPath, nearest, failure) });
        } else if (home !== null && (await load(home, 'push'))) {
          // A start folder that is gone leaves its error shown, and home opens.
          set({ error: failure });
        }
        if (view) set({ history: view.history });
      },
      navigate: (path) => load(path, 'push'),
      refresh: async () => {
        // A refresh (e.g. after an upload) never replaces a folder still opening — that would
        // drop the folder the user just asked for and keep showing the old one. It waits, then
        // lists whatever folder the pane shows by then.
        for (let pending = latestLoad; ; pending = latestLoad) {
          await pending;
          if (pending === latestLoad) break;
        }
        const { path } = get();
        return path === null ? false : load(path, 'stay');
      },
      up: async () => {
        const { path } = get();
        const parent = path === null ? null : parentPath(path);
        if (parent === null || path === null) return false;
        // Land on the folder we came from, so Enter goes straight back in.
        return load(parent, 'push', path.slice(parent.length).replace(/^[\\/]+/, ''));
      },
      back: async () => {
        const target = get().history.back.at(-1);
        return target === undefined ? false : load(target, 'back');
      },
      forward: async () => {
        const target = get().history.forward.at(-1);
        return target === undefined ? false : load(target, 'forward');
      },
      sortBy: (key) => reView({ sort: nextSortOrder(get().sort, key) }),
      setShowHidden: (showHidden) => reView({ showHidden }),
      setFilter: (filter) => reView({ filter }),
      click: (name, mods) => select((s) => clickSelect(s.selection, s.names, name, mods)),
      move: (move, mods) => select((s) => moveFocus(s.selection, s.names, move, mods)),
      selectAll: () => select((s) => selectAll(s.selection, s.names)),
      selectNames: (wanted) =>
        select((s) => {
          const chosen = s.names.filter((name) => wanted.has(name));
          const first = chosen[0] ?? null;
          return { selected: new Set(chosen), anchor: first, focus: first ?? s.selection.focus };
        }),
      toggleFocused: () => select((s) => toggleFocused(s.selection)),
      clearSelection: () => select((s) => ({ ...emptySelection, focus: s.selection.focus })),
      focusName: (name) => select((s) => ({ ...s.selection, focus: name })),
      openMenu: (at) => set({ menu: at }),
      closeMenu: () => set({ menu: null }),
      closeDialog: () => set({ dialog: null }),
      showError: (error) => set({ error: errorInfoOf(error) }),
      dismissError: () => set({ error: null }),
      dismissNotice: () => set({ notice: null }),
      ...createOperations(source, { get, set, load }),
      ...createMoveOperations(source, { get, set, load, targetNames: actionTargets }),
      ...createCopyOperations(source, { get, set }),
    };

    return {
      path: null,
      home: null,
      entries: [],
      visible: [],
      names: [],
      loading: false,
      error: null,
      notice: null,
      history: { back: [], forward: [] },
      sort: { key: 'name', direction: 'ascending' },
      showHidden: false,
      filter: '',
      selection: emptySelection,
      renaming: null,
      dialog: null,
      cut: null,
      moving: null,
      menu: null,
      deleteMode: null,
      actions,
    };
  });
}
