/**
 * This page's id: one browser tab (or the desktop window) across its reloads. It lives in
 * sessionStorage, which a reload keeps and a new tab does not, so the core can tell a page that
 * reloads (it gets its sessions back) from one that is gone (its sessions close after a while).
 */
const KEY = 'ferry.page';
let fallback: string | undefined;

/** sessionStorage where there is one (not in Node tests, not where the browser refuses it). */
function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function pageId(): string {
  const store = storage();
  const saved = store?.getItem(KEY);
  if (saved && /^[A-Za-z0-9-]{8,64}$/.test(saved)) return saved;
  const id = fallback ?? crypto.randomUUID();
  fallback = id;
  store?.setItem(KEY, id);
  return id;
}
