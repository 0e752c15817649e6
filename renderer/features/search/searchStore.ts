/**
 * Each connection tab's search: the form as typed, the hits streaming in, where the search is,
 * how it ended, the order and selection of the results. Kept per tab, so closing the dialog and
 * opening it again (or switching tabs) shows the same results, and so does a page reload
 * (searchReload.ts).
 */
import { create } from 'zustand';
import type { SearchFinished, SearchHit, SearchReattached } from '../../../shared/contract/search';
import { SEARCH_DEFAULTS } from '../../../shared/contract/search';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError, on } from '../../api';
import { pageId } from '../../transport/pageId';
import { useTabs } from '../tabs/tabsStore';
import { emptyForm, parseForm, type FormField, type SearchForm } from './searchForm';
import { forgetRunning, rememberRunning, STOPPED_BY_RELOAD } from './searchReload';
import { hitPath, type HitSort, type HitSortKey } from './searchWords';

export interface TabSearch {
  form: SearchForm;
  /** The form's mistake, shown beside the field. */
  invalid?: { field: FormField; message: string };
  searchId?: string;
  running: boolean;
  hits: SearchHit[];
  folders: number;
  found: number;
  current: string;
  /** The folder the last search looked below. */
  root: string;
  /** Depth the last search was started with (for its notes). */
  depth: number;
  finished?: SearchFinished;
  error?: ErrorInfo;
  sort: HitSort;
  /** Selected hits by path. */
  selected: ReadonlySet<string>;
  /** The row the keyboard is on (its path). */
  active?: string;
  /** What the last action on results did, in plain words ("2 downloads queued…"). */
  notice?: string;
}

interface SearchState {
  byTab: Readonly<Record<string, TabSearch>>;
  /** The tab whose search dialog is open, if any. */
  openTab: string | null;
}

export const useSearch = create<SearchState>(() => ({ byTab: {}, openTab: null }));

const get = () => useSearch.getState();

function change(tabId: string, next: (search: TabSearch) => Partial<TabSearch>): void {
  useSearch.setState((s) => {
    const search = s.byTab[tabId];
    if (!search) return s;
    return { byTab: { ...s.byTab, [tabId]: { ...search, ...next(search) } } };
  });
}

function tabOfSearch(searchId: string): string | undefined {
  return Object.entries(get().byTab).find(([, s]) => s.searchId === searchId)?.[0];
}

let watching = false;
/** Listens to the core's search events; once per page. */
function watchSearchEvents(): void {
  if (watching) return;
  watching = true;
  on('search.progress', (progress) => {
    const tabId = tabOfSearch(progress.searchId);
    if (!tabId) return;
    change(tabId, (s) => ({
      hits: progress.hits.length > 0 ? [...s.hits, ...progress.hits] : s.hits,
      folders: progress.folders,
      found: progress.found,
      current: progress.current,
    }));
  });
  on('search.finished', (finished) => {
    forgetRunning(finished.searchId);
    const tabId = tabOfSearch(finished.searchId);
    if (!tabId) return;
    change(tabId, () => ({
      running: false,
      finished,
      folders: finished.folders,
      found: finished.found,
    }));
  });
  // A closed tab's search goes with it; a tab whose connection ended shows no search dialog.
  useTabs.subscribe(({ tabs }) => {
    const { byTab, openTab } = get();
    for (const tabId of Object.keys(byTab)) {
      if (!tabs.some((tab) => tab.id === tabId)) searchActions.drop(tabId);
    }
    if (openTab && !tabs.some((tab) => tab.id === openTab && tab.session)) {
      useSearch.setState({ openTab: null });
    }
  });
}

export const searchActions = {
  /** Opens the tab's search dialog, starting below `folder` the first time. */
  open(tabId: string, folder: string): void {
    watchSearchEvents();
    useSearch.setState((s) => {
      if (s.byTab[tabId]) return { openTab: tabId };
      const fresh: TabSearch = {
        form: emptyForm(folder),
        running: false,
        hits: [],
        folders: 0,
        found: 0,
        current: folder,
        root: folder,
        depth: SEARCH_DEFAULTS.depth,
        sort: { key: 'name', ascending: true },
        selected: new Set(),
      };
      return { openTab: tabId, byTab: { ...s.byTab, [tabId]: fresh } };
    });
  },

  /** Closes the dialog; a search still running stops (nobody would see it). */
  close(): void {
    const tabId = get().openTab;
    if (tabId) void searchActions.stop(tabId);
    useSearch.setState({ openTab: null });
  },

  setForm(tabId: string, patch: Partial<SearchForm>): void {
    change(tabId, (s) => ({ form: { ...s.form, ...patch }, invalid: undefined }));
  },

  async start(tabId: string, sessionId: string): Promise<void> {
    const search = get().byTab[tabId];
    if (!search) return;
    const parsed = parseForm(search.form);
    if (!parsed.ok) {
      change(tabId, () => ({ invalid: { field: parsed.field, message: parsed.message } }));
      return;
    }
    if (search.running) await searchActions.stop(tabId);
    change(tabId, () => ({
      searchId: undefined,
      running: true,
      hits: [],
      folders: 0,
      found: 0,
      current: parsed.root,
      root: parsed.root,
      depth: parsed.depth,
      finished: undefined,
      error: undefined,
      notice: undefined,
      selected: new Set(),
      active: undefined,
    }));
    try {
      const { searchId } = await call('search.start', {
        pageId: pageId(),
        sessionId,
        root: parsed.root,
        criteria: parsed.criteria,
        limits: { depth: parsed.depth },
      });
      change(tabId, () => ({ searchId }));
      // Kept for a reload, which stops it: the reloaded page says so (searchReload.ts).
      if (get().byTab[tabId]?.running) rememberRunning({ searchId, sessionId, form: search.form });
    } catch (error) {
      change(tabId, () => ({ running: false, error: describeError(error) }));
    }
  },

  async stop(tabId: string): Promise<void> {
    const search = get().byTab[tabId];
    if (!search?.running || !search.searchId) return;
    await call('search.stop', { searchId: search.searchId }).catch(() => undefined);
  },

  sortBy(tabId: string, key: HitSortKey): void {
    change(tabId, ({ sort }) => ({
      sort: { key, ascending: sort.key === key ? !sort.ascending : true },
    }));
  },

  setActive(tabId: string, path: string | undefined): void {
    change(tabId, () => ({ active: path }));
  },

  /** Plain click: just this one; `toggle` (Ctrl, Space): adds or removes it. */
  select(tabId: string, path: string, toggle: boolean): void {
    change(tabId, ({ selected }) => {
      if (!toggle) return { selected: new Set([path]), active: path };
      const next = new Set(selected);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return { selected: next, active: path };
    });
  },

  /** Exactly `paths` (a Shift+click range), the keyboard on `active`. */
  selectRange(tabId: string, paths: readonly string[], active: string): void {
    change(tabId, () => ({ selected: new Set(paths), active }));
  },

  selectAll(tabId: string): void {
    change(tabId, ({ hits }) => ({ selected: new Set(hits.map(hitPath)) }));
  },

  /** Results that were deleted go from the list, and so do those inside deleted folders. */
  forget(tabId: string, paths: readonly string[]): void {
    const gone = (path: string) => paths.some((p) => path === p || path.startsWith(`${p}/`));
    change(tabId, ({ hits, selected, active }) => ({
      hits: hits.filter((hit) => !gone(hitPath(hit))),
      selected: new Set([...selected].filter((path) => !gone(path))),
      active: active !== undefined && gone(active) ? undefined : active,
    }));
  },

  setNotice(tabId: string, notice: string | undefined, error?: ErrorInfo): void {
    change(tabId, () => ({ notice, error }));
  },

  /** After a reload: the tab's dialog again as it was, its search going on (or ended meanwhile). */
  reattached(tabId: string, form: SearchForm, search: SearchReattached): void {
    searchActions.open(tabId, form.root);
    const { searchId, hits, folders, found, current, root, depth, finished } = search;
    change(tabId, () => ({
      ...{ form, searchId, hits, folders, found, current, root, depth, finished },
      running: finished === undefined,
    }));
  },

  /** After a reload: the tab's dialog again, as typed, saying its search stopped. */
  stoppedByReload(tabId: string, form: SearchForm): void {
    searchActions.open(tabId, form.root);
    change(tabId, () => ({ form, error: STOPPED_BY_RELOAD }));
  },

  /** The tab closed or its connection ended: its search goes with it. */
  drop(tabId: string): void {
    void searchActions.stop(tabId);
    useSearch.setState((s) => {
      const { [tabId]: _gone, ...rest } = s.byTab;
      return { byTab: rest, openTab: s.openTab === tabId ? null : s.openTab };
    });
  },
};

/** The hits an action applies to: the selected ones, else the one the keyboard is on. */
export function pickedHits(search: TabSearch): SearchHit[] {
  const paths = search.selected.size > 0 ? search.selected : new Set([search.active]);
  return search.hits.filter((hit) => paths.has(hitPath(hit)));
}
