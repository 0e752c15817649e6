/**
 * This page's id: one browser tab (or the desktop window) across its reloads. It lives in
 * sessionStorage, which a reload keeps and a new tab does not, so the core can tell a page that
 * reloads (it gets its sessions back) from one that is gone (its sessions close after a while).
 *
 * The browser's "Duplicate tab" copies sessionStorage too: a copy must not pass for the page it
 * was copied from, or both would show the same sessions. A page marks itself live while shown
 * and unmarks itself when hidden (a reload hides it first); finding the mark at start-up means
 * the storage came from a page that is still open, and the copy takes an id of its own.
 */
const KEY = 'ferry.page';
const LIVE = 'ferry.page.live';
const VALID = /^[A-Za-z0-9-]{8,64}$/;
let current: string | undefined;

/** sessionStorage where there is one (not in Node tests, not where the browser refuses it). */
function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function pageId(): string {
  if (current !== undefined) return current;
  const store = storage();
  const saved = store?.getItem(KEY);
  const copied = (store?.getItem(LIVE) ?? null) !== null;
  current = saved && VALID.test(saved) && !copied ? saved : crypto.randomUUID();
  if (store) {
    store.setItem(KEY, current);
    store.setItem(LIVE, '1');
    globalThis.addEventListener?.('pagehide', () => store.removeItem(LIVE));
    globalThis.addEventListener?.('pageshow', () => store.setItem(LIVE, '1'));
  }
  return current;
}
