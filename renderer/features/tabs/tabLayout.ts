/**
 * The page's connection tabs as a reload must find them again: in which order, which one was
 * shown, each tab's pane (folder, sort, filter, history), and the tabs whose connection was lost
 * (with their server, so Reconnect still works). Kept per page in sessionStorage (a reload keeps
 * it, a new browser tab starts empty); open sessions themselves, their site names and folders
 * come from the core. Nothing secret is kept: a server is its protocol, host, port and user name.
 */
import { PROTOCOLS, type Protocol } from '../../../shared/protocols';
import { loadForPage, saveForPage } from '../../transport/pageStorage';
import { readPaneView, type PaneView } from '../pane/paneView';
import type { Endpoint } from './tabRules';

const KEY = 'ferry.tabs';

export interface SavedTab {
  /** The session the tab showed; absent when its connection had been lost. */
  sessionId?: string;
  endpoint: Endpoint;
  site?: { id: string; name: string };
  view?: PaneView;
  /**
   * The connection was lost before the reload: what the tab said (and what to do, when it said
   * more than Reconnect: a jump host lost), and the folder it showed.
   */
  lost?: { message?: string; hint?: string; folder?: string };
}

export interface TabLayout {
  tabs: SavedTab[];
  /** The shown tab's place in `tabs`, when the shown tab was one of them. */
  active?: number;
}

/** A tab after the reload: its session is open again, or it shows the connection as lost. */
export type RestoredTab<S> =
  | { kind: 'open'; session: S; view?: PaneView }
  | {
      kind: 'lost';
      endpoint: Endpoint;
      site?: { id: string; name: string };
      /** The session it had (log lines and transfer rows from before name its server). */
      sessionId?: string;
      folder?: string;
      message?: string;
      hint?: string;
    };

/**
 * The tabs to show after a reload: the saved ones in their order — a session that did not come
 * back (it closed while the page was away) as a lost connection — then sessions the page adopted;
 * and the place of the one to show.
 */
export function restorePlan<S extends { sessionId: string }>(
  sessions: readonly S[],
  saved: TabLayout | undefined,
): { tabs: RestoredTab<S>[]; active: number | undefined } {
  const byId = new Map(sessions.map((s) => [s.sessionId, s]));
  const tabs: RestoredTab<S>[] = [];
  for (const tab of saved?.tabs ?? []) {
    const session = tab.sessionId === undefined ? undefined : byId.get(tab.sessionId);
    if (session && tab.sessionId !== undefined) {
      byId.delete(tab.sessionId);
      tabs.push(tab.view ? { kind: 'open', session, view: tab.view } : { kind: 'open', session });
      continue;
    }
    tabs.push({
      kind: 'lost',
      endpoint: tab.endpoint,
      ...(tab.site ? { site: tab.site } : {}),
      ...(tab.sessionId === undefined ? {} : { sessionId: tab.sessionId }),
      ...optional('folder', tab.lost?.folder ?? tab.view?.path),
      ...optional('message', tab.lost?.message),
      ...optional('hint', tab.lost?.hint),
    });
  }
  for (const session of byId.values()) tabs.push({ kind: 'open', session });
  if (tabs.length === 0) return { tabs, active: undefined };
  const active = saved?.active;
  return { tabs, active: active !== undefined && active < tabs.length ? active : 0 };
}

function optional<K extends string>(key: K, value: string | undefined) {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;
}

/** What a tab must say of itself to be saved; empty tabs are not kept. */
export interface TabFacts {
  id: string;
  session?: { sessionId: string };
  endpoint?: Endpoint;
  site?: { id: string; name: string };
  lost: boolean;
  lostFolder?: string;
  /** The message the tab shows (a lost tab's), and its hint. */
  message?: string;
  hint?: string;
  view?: PaneView;
}

/** What a list of tabs saves: those with a session or a lost connection, in order. */
export function layoutOf(tabs: readonly TabFacts[], activeId: string): TabLayout {
  const kept: SavedTab[] = [];
  let active: number | undefined;
  for (const tab of tabs) {
    if (!tab.endpoint || (!tab.session && !tab.lost)) continue;
    if (tab.id === activeId) active = kept.length;
    kept.push({
      endpoint: tab.endpoint,
      ...(tab.session ? { sessionId: tab.session.sessionId } : {}),
      ...(tab.site ? { site: tab.site } : {}),
      ...(tab.session && tab.view ? { view: tab.view } : {}),
      ...(tab.session
        ? {}
        : {
            lost: {
              ...optional('message', tab.message),
              ...optional('hint', tab.hint),
              ...optional('folder', tab.lostFolder),
            },
          }),
    });
  }
  return active === undefined ? { tabs: kept } : { tabs: kept, active };
}

const isText = (value: unknown, max = 4096): value is string =>
  typeof value === 'string' && value.length <= max;
const textOrNothing = (value: unknown, max?: number) => (isText(value, max) ? value : undefined);

function readEndpoint(value: unknown): Endpoint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { protocol, host, port, user } = value as Record<string, unknown>;
  if (!PROTOCOLS.includes(protocol as Protocol)) return undefined;
  if (!isText(host, 255) || host === '' || !isText(user, 255)) return undefined;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    return undefined;
  return { protocol: protocol as Protocol, host, port, user };
}

function readSite(value: unknown): SavedTab['site'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, name } = value as Record<string, unknown>;
  return isText(id, 100) && id !== '' && isText(name, 500) ? { id, name } : undefined;
}

function readTab(value: unknown): SavedTab | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { sessionId, endpoint, site, view, lost } = value as Record<string, unknown>;
  const server = readEndpoint(endpoint);
  if (!server) return undefined;
  const tab: SavedTab = { endpoint: server };
  const id = textOrNothing(sessionId, 100);
  if (id !== undefined && id !== '') tab.sessionId = id;
  const from = readSite(site);
  if (from) tab.site = from;
  const pane = readPaneView(view);
  if (pane) tab.view = pane;
  if (typeof lost === 'object' && lost !== null) {
    const { message, hint, folder } = lost as Record<string, unknown>;
    tab.lost = {
      ...optional('message', textOrNothing(message, 1000)),
      ...optional('hint', textOrNothing(hint, 1000)),
      ...optional('folder', textOrNothing(folder)),
    };
  }
  return tab.sessionId !== undefined || tab.lost ? tab : undefined;
}

/** This page's layout from before its reload; undefined when there is none (or it is damaged). */
export function loadLayout(): TabLayout | undefined {
  const value = loadForPage(KEY);
  if (typeof value !== 'object' || value === null) return undefined;
  const { tabs, active } = value as { tabs?: unknown; active?: unknown };
  if (!Array.isArray(tabs)) return undefined;
  const kept = tabs.flatMap((tab) => readTab(tab) ?? []);
  // A damaged tab drops out: the shown place is then unsure, and the first tab is shown.
  const sure = kept.length === tabs.length && typeof active === 'number';
  return sure && Number.isInteger(active) && active >= 0 ? { tabs: kept, active } : { tabs: kept };
}

export function saveLayout(layout: TabLayout): void {
  saveForPage(KEY, layout);
}
