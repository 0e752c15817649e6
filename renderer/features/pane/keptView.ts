/** A pane's view kept in this page's sessionStorage across reloads (see paneView.ts). */
import type { StoreApi } from 'zustand/vanilla';
import { loadForPage, saveForPage } from '../../transport/pageStorage';
import type { PaneState } from './paneStore';
import { readPaneView, sameView, viewOf, type PaneView } from './paneView';

/** The view this page saved under `key` before it reloaded, if any. */
export function savedView(key: string): PaneView | undefined {
  return readPaneView(loadForPage(key));
}

/** Saves `store`'s view under `key` (this page's sessionStorage) whenever it changes. */
export function keepView(store: StoreApi<PaneState>, key: string): () => void {
  return store.subscribe((now, before) => {
    if (sameView(now, before)) return;
    const view = viewOf(now);
    if (view) saveForPage(key, view);
  });
}
