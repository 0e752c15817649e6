/**
 * The rules of the connection tabs, as pure functions over a list of tabs and the active one:
 * where a new connection goes, which tab is shown after one closes, how Ctrl+Tab moves.
 * The store (tabsStore.ts) applies them; the tests pin them.
 */
import { PROTOCOL_INFO, type Protocol } from '../../../shared/protocols';

/** What the rules need to know of a tab. */
export interface TabShape {
  id: string;
  /** Set while the tab shows an open connection. */
  session?: unknown;
  connecting: boolean;
}

export interface TabsView<T extends TabShape> {
  tabs: readonly T[];
  activeId: string;
}

/** A tab with neither a connection nor one on its way: a new connection may take it over. */
export function isEmptyTab(tab: TabShape): boolean {
  return tab.session === undefined && !tab.connecting;
}

export function activeTab<T extends TabShape>(view: TabsView<T>): T | undefined {
  return view.tabs.find((t) => t.id === view.activeId);
}

/**
 * Where a new connection (quick connect, site manager) goes: into the active tab when it is
 * empty, otherwise into a new tab, as WinSCP does. Answers the id of the empty active tab, or
 * undefined for "open a new one".
 */
export function connectTarget<T extends TabShape>(view: TabsView<T>): string | undefined {
  const active = activeTab(view);
  return active && isEmptyTab(active) ? active.id : undefined;
}

/** Adds a tab after the others and shows it. */
export function openTab<T extends TabShape>(view: TabsView<T>, tab: T): TabsView<T> {
  return { tabs: [...view.tabs, tab], activeId: tab.id };
}

/**
 * Removes a tab. Closing the shown tab shows its right-hand neighbour, or the left one when it
 * was the last; closing another tab keeps the shown one. There is always a tab: closing the only
 * one leaves `replacement` (an empty tab) in its place.
 */
export function closeTab<T extends TabShape>(
  view: TabsView<T>,
  id: string,
  replacement: () => T,
): TabsView<T> {
  const at = view.tabs.findIndex((t) => t.id === id);
  if (at < 0) return view;
  const tabs = view.tabs.filter((t) => t.id !== id);
  if (tabs.length === 0) {
    const fresh = replacement();
    return { tabs: [fresh], activeId: fresh.id };
  }
  if (view.activeId !== id) return { tabs, activeId: view.activeId };
  const next = tabs[Math.min(at, tabs.length - 1)];
  return { tabs, activeId: next?.id ?? view.activeId };
}

/** The tab `step` places away from the shown one, wrapping around (Ctrl+Tab is +1). */
export function cycleTab<T extends TabShape>(view: TabsView<T>, step: number): string {
  const count = view.tabs.length;
  const at = view.tabs.findIndex((t) => t.id === view.activeId);
  if (count === 0 || at < 0) return view.activeId;
  const next = view.tabs[(((at + step) % count) + count) % count];
  return next?.id ?? view.activeId;
}

/** Replaces one tab through `change`; other tabs stay the same objects. */
export function updateTab<T extends TabShape>(
  view: TabsView<T>,
  id: string,
  change: (tab: T) => T,
): TabsView<T> {
  return { ...view, tabs: view.tabs.map((t) => (t.id === id ? change(t) : t)) };
}

/** The server a tab talks to, as far as its label needs. */
export interface Endpoint {
  protocol: Protocol;
  host: string;
  port: number;
  user: string;
}

/** Just the endpoint of something that has one (a session, a login). */
export function endpointOf(e: Endpoint): Endpoint {
  return { protocol: e.protocol, host: e.host, port: e.port, user: e.user };
}

export function sameServer(a: Endpoint, b: Endpoint): boolean {
  return a.protocol === b.protocol && a.host === b.host && a.port === b.port && a.user === b.user;
}

/** "user@host", with the port when it is not the protocol's usual one. */
export function endpointLabel(endpoint: Endpoint): string {
  const port =
    endpoint.port === PROTOCOL_INFO[endpoint.protocol].defaultPort ? '' : `:${endpoint.port}`;
  const user = endpoint.user === '' ? '' : `${endpoint.user}@`;
  return `${user}${endpoint.host}${port}`;
}

/** A tab's title: the saved site's name, else user@host, else "New tab". */
export function tabTitle(tab: { site?: { name: string }; endpoint?: Endpoint }): string {
  if (tab.site) return tab.site.name;
  if (tab.endpoint) return endpointLabel(tab.endpoint);
  return 'New tab';
}

/** How long a background tab's listing is trusted; showing it later lists the folder again. */
export const STALE_AFTER_MS = 2 * 60_000;

export function isStale(listedAt: number | undefined, now: number): boolean {
  return listedAt !== undefined && now - listedAt > STALE_AFTER_MS;
}
