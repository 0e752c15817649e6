/**
 * What one page (one browser tab, or the desktop window) keeps across its reloads: the layout
 * of its tabs, its panes' folders and views, how far its log was cleared. sessionStorage keeps
 * it through a reload and gives a new tab none of it. Each value is tagged with the page's id:
 * a duplicated tab copies sessionStorage but takes an id of its own (pageId.ts), so it starts
 * afresh instead of showing a copy of its source's tabs.
 *
 * Only what the user sees is kept here — never a password, key, token or log line.
 */
import { pageId } from './pageId';

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The value this page saved under `key`, undefined when none (or another page's, or damaged). */
export function loadForPage(key: string): unknown {
  try {
    const saved = JSON.parse(storage()?.getItem(key) ?? 'null') as unknown;
    if (typeof saved !== 'object' || saved === null) return undefined;
    const { page, value } = saved as { page?: unknown; value?: unknown };
    return page === pageId() ? value : undefined;
  } catch {
    return undefined;
  }
}

const lastSaved = new Map<string, string>();

export function saveForPage(key: string, value: unknown): void {
  const text = JSON.stringify({ page: pageId(), value });
  if (lastSaved.get(key) === text) return;
  lastSaved.set(key, text);
  try {
    storage()?.setItem(key, text);
  } catch {
    // Storage full or refused: a reload then starts from what the core knows.
  }
}
