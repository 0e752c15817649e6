/**
 * What a pane shows besides its files, as a reload must find it again: the folder, the sort, the
 * filter and the back/forward history. Plain data, kept per page in sessionStorage by the pane's
 * owner (the local pane, each connection tab); read back with care, as anything in storage may
 * be old or damaged.
 */
import type { PaneState } from './paneStore';
import type { SortKey, SortOrder } from './sort';

export interface PaneView {
  path: string;
  sort: SortOrder;
  /** The filter typed for `path` (a filter belongs to its folder: it clears on leaving it). */
  filter: string;
  history: { back: string[]; forward: string[] };
}

/** Back/forward steps kept across a reload, each way. */
export const HISTORY_KEPT = 50;
const SORT_KEYS: readonly SortKey[] = ['name', 'size', 'type', 'modified', 'permissions'];
const MAX_TEXT = 4096;

/** The view of a pane that shows a folder; undefined before its first listing. */
export function viewOf(state: Pick<PaneState, 'path' | 'sort' | 'filter' | 'history'>) {
  if (state.path === null) return undefined;
  const view: PaneView = {
    path: state.path,
    sort: state.sort,
    filter: state.filter,
    history: {
      back: state.history.back.slice(-HISTORY_KEPT),
      forward: state.history.forward.slice(-HISTORY_KEPT),
    },
  };
  return view;
}

/** True when two states would save the same view (a pane changes often: selection, menus). */
export function sameView(
  a: Pick<PaneState, 'path' | 'sort' | 'filter' | 'history'>,
  b: Pick<PaneState, 'path' | 'sort' | 'filter' | 'history'>,
): boolean {
  return a.path === b.path && a.sort === b.sort && a.filter === b.filter && a.history === b.history;
}

const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT;

function readPaths(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || !value.every(isText)) return undefined;
  return value.slice(-HISTORY_KEPT);
}

function readSort(value: unknown): SortOrder | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { key, direction } = value as { key?: unknown; direction?: unknown };
  if (!SORT_KEYS.includes(key as SortKey)) return undefined;
  if (direction !== 'ascending' && direction !== 'descending') return undefined;
  return { key: key as SortKey, direction };
}

/** A view read back from storage; undefined when it is not one (old, damaged, or foreign). */
export function readPaneView(value: unknown): PaneView | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { path, sort, filter, history } = value as Record<string, unknown>;
  if (!isText(path)) return undefined;
  const order = readSort(sort);
  const { back, forward } = (history ?? {}) as { back?: unknown; forward?: unknown };
  const backPaths = readPaths(back);
  const forwardPaths = readPaths(forward);
  if (!order || !backPaths || !forwardPaths) return undefined;
  const text = typeof filter === 'string' && filter.length <= MAX_TEXT ? filter : '';
  return { path, sort: order, filter: text, history: { back: backPaths, forward: forwardPaths } };
}
