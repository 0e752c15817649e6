/**
 * The page's connection tabs as a reload must find them again: which sessions, in which order,
 * and which one was shown. Kept in sessionStorage (a reload keeps it, a new browser tab starts
 * empty); the sessions themselves, their site names and folders come from the core.
 */
const KEY = 'ferry.tabs';

export interface TabLayout {
  /** Session ids, in tab order. */
  order: string[];
  /** The shown tab's session, when the shown tab had one. */
  active?: string;
}

/** The open sessions in the order their tabs had, then any others; and the one to show. */
export function restoreOrder<S extends { sessionId: string }>(
  sessions: readonly S[],
  saved: TabLayout | undefined,
): { sessions: S[]; active: string | undefined } {
  const byId = new Map(sessions.map((s) => [s.sessionId, s]));
  const ordered: S[] = [];
  for (const id of saved?.order ?? []) {
    const session = byId.get(id);
    if (session) ordered.push(session);
    byId.delete(id);
  }
  ordered.push(...byId.values());
  const active =
    saved?.active !== undefined && ordered.some((s) => s.sessionId === saved.active)
      ? saved.active
      : ordered[0]?.sessionId;
  return { sessions: ordered, active };
}

/** What a list of tabs saves: their sessions in order, and the shown tab's. */
export function layoutOf(
  tabs: readonly { id: string; session?: { sessionId: string } }[],
  activeId: string,
): TabLayout {
  const order = tabs.flatMap((t) => (t.session ? [t.session.sessionId] : []));
  const active = tabs.find((t) => t.id === activeId)?.session?.sessionId;
  return active === undefined ? { order } : { order, active };
}

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function loadLayout(): TabLayout | undefined {
  try {
    const value = JSON.parse(storage()?.getItem(KEY) ?? 'null') as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { order, active } = value as { order?: unknown; active?: unknown };
    if (!Array.isArray(order) || !order.every((id) => typeof id === 'string')) return undefined;
    return typeof active === 'string' ? { order, active } : { order };
  } catch {
    return undefined; // damaged: the core's order will do
  }
}

let lastSaved = '';
export function saveLayout(layout: TabLayout): void {
  const text = JSON.stringify(layout);
  if (text === lastSaved) return;
  lastSaved = text;
  try {
    storage()?.setItem(KEY, text);
  } catch {
    // Storage full or refused: a reload then shows the tabs in the core's order.
  }
}
