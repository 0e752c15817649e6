/**
 * The connection tabs across a page reload: at start-up the page gets its tabs back (its open
 * sessions from the core, the rest from this page's sessionStorage), and from then on keeps
 * their layout there — order, shown tab, each pane's folder, sort, filter and history, and the
 * connections that were lost — for the next reload. The desktop window does the same when its
 * page is reloaded.
 */
import { call, on } from '../../api';
import { pageId } from '../../transport/pageId';
import type { PaneStore } from '../pane/paneStore';
import { sameView, viewOf } from '../pane/paneView';
import type { OpenSession } from '../../../shared/contract/remote';
import type { SessionInfo } from '../../../shared/types';
import { keepUpActions } from '../keepup/keepUpStore';
import { reattachSearches } from '../search/searchReload';
import { searchActions } from '../search/searchStore';
import { isConnecting } from './connectsInFlight';
import { showMissedConnects } from './missedConnects';
import { endpointLabel, isEmptyTab } from './tabRules';
import { layoutOf, loadLayout, restorePlan, saveLayout, type TabLayout } from './tabLayout';
import { tabActions, useTabs } from './tabsStore';

/** Saving starts once the page's tabs are back: the empty start-up tab must not overwrite them. */
let saving = false;

function saveLayoutNow(): void {
  if (saving) saveLayout(currentLayout());
}

/** What the page's tabs save now. */
export function currentLayout(): TabLayout {
  const { tabs, activeId } = useTabs.getState();
  const facts = tabs.map((tab) => {
    const view = tab.pane ? viewOf(tab.pane.getState()) : undefined;
    return {
      ...tab,
      ...(view ? { view } : {}),
      ...(tab.lost && tab.error ? { message: tab.error.message } : {}),
      ...(tab.lost && tab.error?.hint ? { hint: tab.error.hint } : {}),
    };
  });
  return layoutOf(facts, activeId);
}

/** Every tab's pane saves the layout when its folder, sort, filter or history changes. */
const watchedPanes = new WeakSet<PaneStore>();
function watchPanes(): void {
  for (const { pane } of useTabs.getState().tabs) {
    if (!pane || watchedPanes.has(pane)) continue;
    watchedPanes.add(pane);
    pane.subscribe((now, before) => {
      if (!sameView(now, before)) saveLayoutNow();
    });
  }
}

/**
 * The page's tabs again, in their old order, with the tab that was shown shown again: each open
 * session at the folder it showed, with its sort, filter and history; each lost connection (or
 * one that closed while the page was away) as a lost tab with Reconnect.
 */
export function restore(
  sessions: readonly OpenSession[],
  saved: TabLayout | undefined,
  /** Sessions still open but shown by another Ferry tab (this one was away too long). */
  shownElsewhere: ReadonlySet<string> = new Set(),
): void {
  const plan = restorePlan(sessions, saved);
  if (plan.tabs.length === 0) return;
  // The empty start-up tab gives way.
  useTabs.setState((s) => ({ tabs: s.tabs.filter((t) => !isEmptyTab(t) || t.lost) }));
  const ids = plan.tabs.map((tab) => {
    if (tab.kind === 'open') return tabActions.openRestored(tab.session, tab.view);
    const { endpoint, site, folder, message, hint, sessionId } = tab;
    const elsewhere =
      message === undefined && sessionId !== undefined && shownElsewhere.has(sessionId);
    const lost = {
      endpoint,
      ...(site ? { site } : {}),
      ...(folder === undefined ? {} : { lostFolder: folder }),
      error: elsewhere
        ? {
            code: 'connection_lost' as const,
            message: 'Another Ferry tab shows this connection now.',
            hint: 'Use it in that tab, or press Reconnect to log in again here.',
          }
        : {
            code: 'connection_lost' as const,
            message: message ?? 'The connection closed while the page was away.',
            hint: hint ?? 'Press Reconnect to log in again.',
          },
    };
    return tabActions.openLost(lost, sessionId);
  });
  const shown = ids[plan.active ?? 0];
  if (shown !== undefined) useTabs.setState({ activeId: shown });
}

/** Names the servers of sessions opened before this page loaded (transfer rows of a reload). */
function rememberServers(sessions: readonly SessionInfo[]): void {
  useTabs.setState((s) => {
    const names = { ...s.serverNames };
    for (const session of sessions) names[session.sessionId] ??= endpointLabel(session);
    return { serverNames: names };
  });
}

/** Shows this page's tabs again after a reload, then keeps their layout for the next. */
async function restoreTabs(): Promise<void> {
  const saved = loadLayout();
  try {
    const mine = await call('remote.reattach', { pageId: pageId() });
    // Every open session: those not this page's are another page's (or its transfers' server).
    const open = await call('remote.sessions', {}).catch(() => []);
    const ids = new Set(mine.map((s) => s.sessionId));
    restore(mine, saved, new Set(open.flatMap((s) => (ids.has(s.sessionId) ? [] : [s.sessionId]))));
    // Other pages' sessions have no tab here, but their transfer rows still name the server.
    rememberServers(open);
  } catch {
    // The core cannot say which sessions are open: the lost connections at least come back.
    restore([], saved);
  }
  saving = true;
  watchPanes();
  saveLayoutNow();
  useTabs.subscribe(() => {
    watchPanes();
    saveLayoutNow();
  });
}

const tabOfSession = (sessionId: string): string | undefined =>
  useTabs.getState().tabs.find((tab) => tab.session?.sessionId === sessionId)?.id;
const shownHere = (sessionId: string): boolean => tabOfSession(sessionId) !== undefined;

/**
 * A session this page connected but whose reply it never got: the page reloaded while the
 * connect waited for the user (a host key, a one-time code), then answered it. Shown in a tab
 * of its own, in place of the empty tab shown.
 */
async function showSessionOpenedMeanwhile(sessionId: string): Promise<void> {
  if (isConnecting() || shownHere(sessionId)) return;
  const mine = await call('remote.reattach', { pageId: pageId() }).catch(() => []);
  const fresh = mine.filter((session) => !shownHere(session.sessionId));
  if (fresh.length === 0) return;
  useTabs.setState((s) => {
    const shown = s.tabs.find((tab) => tab.id === s.activeId);
    return shown && isEmptyTab(shown) && !shown.lost
      ? { tabs: s.tabs.filter((tab) => tab !== shown) }
      : s;
  });
  const ids = fresh.map((session) => tabActions.openRestored(session));
  useTabs.setState({ activeId: ids[ids.length - 1] });
}

let watching = false;
/** Hears about connections the server closed, and brings the tabs back; once per page. */
export function watchSessionEvents(): void {
  if (watching) return;
  watching = true;
  on('session.closed', ({ sessionId, reason, hint }) =>
    tabActions.sessionClosed(sessionId, reason, hint),
  );
  on('session.opened', ({ sessionId }) => void showSessionOpenedMeanwhile(sessionId));
  // A connect that failed while the page reloaded: once the tabs are back, and as they fail.
  // Keep-ups and searches of the tabs' sessions went on in the core: they show again.
  void restoreTabs().then(() => {
    on('session.failed', () => void showMissedConnects());
    on('session.opened', () => void showMissedConnects()); // forgets those that opened
    return Promise.all([
      showMissedConnects(),
      keepUpActions.reattach(tabOfSession),
      reattachSearches(tabOfSession, {
        again: searchActions.reattached,
        stopped: searchActions.stoppedByReload,
      }),
    ]);
  });
}
