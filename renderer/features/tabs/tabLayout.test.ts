import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSessionStorage, type MemoryStorage } from '../../testing/page-reload';
import type { PaneView } from '../pane/paneView';
import {
  layoutOf,
  loadLayout,
  restorePlan,
  saveLayout,
  type SavedTab,
  type TabLayout,
} from './tabLayout';
import type { Endpoint } from './tabRules';

const server = (port: number): Endpoint => ({ protocol: 'sftp', host: 'h', port, user: 'ann' });
const view = (path: string): PaneView => ({
  path,
  sort: { key: 'name', direction: 'ascending' },
  filter: '',
  history: { back: [], forward: [] },
});
const open = (sessionId: string): SavedTab => ({ sessionId, endpoint: server(1) });
const s = (sessionId: string) => ({ sessionId });
/** A restored plan in short: "a" for an open session a, "lost:<folder>" for a lost tab. */
const short = (plan: ReturnType<typeof restorePlan<{ sessionId: string }>>) =>
  plan.tabs.map((t) => (t.kind === 'open' ? t.session.sessionId : `lost:${t.folder ?? ''}`));

describe('the tabs a reload shows again', () => {
  it.each<[string, string[], TabLayout | undefined, string[], number | undefined]>([
    ['nothing saved: the core’s order, the first shown', ['a', 'b'], undefined, ['a', 'b'], 0],
    [
      'the saved order and shown tab',
      ['a', 'b', 'c'],
      { tabs: [open('c'), open('a'), open('b')], active: 1 },
      ['c', 'a', 'b'],
      1,
    ],
    [
      'a session that closed while the page was away comes back lost, at its folder',
      ['a', 'c'],
      { tabs: [open('c'), { ...open('b'), view: view('/srv/b') }, open('a')], active: 0 },
      ['c', 'lost:/srv/b', 'a'],
      0,
    ],
    [
      'a tab that had lost its connection keeps its place',
      ['a'],
      {
        tabs: [{ endpoint: server(2), lost: { folder: '/x' } }, open('a')],
        active: 0,
      },
      ['lost:/x', 'a'],
      0,
    ],
    [
      'a session the page adopted goes after the saved ones',
      ['x', 'a'],
      { tabs: [open('a')], active: 0 },
      ['a', 'x'],
      0,
    ],
    [
      'the shown tab was an empty one: the first is shown',
      ['a', 'b'],
      { tabs: [open('b'), open('a')] },
      ['b', 'a'],
      0,
    ],
    ['nothing at all', [], { tabs: [] }, [], undefined],
  ])('%s', (_, sessions, saved, tabs, active) => {
    const plan = restorePlan(sessions.map(s), saved);
    expect(short(plan)).toEqual(tabs);
    expect(plan.active).toBe(active);
  });

  it('a lost tab keeps what it said, its site and the session it had', () => {
    const plan = restorePlan([], {
      tabs: [
        {
          sessionId: 'old',
          endpoint: server(3),
          site: { id: 'site-1', name: 'Web' },
          lost: { message: 'The server closed the connection.', folder: '/www' },
        },
        {
          endpoint: server(4),
          lost: { message: 'The jump host was lost.', hint: 'Check the jump host.' },
        },
      ],
    });
    expect(plan.tabs).toEqual([
      {
        kind: 'lost',
        endpoint: server(3),
        site: { id: 'site-1', name: 'Web' },
        sessionId: 'old',
        folder: '/www',
        message: 'The server closed the connection.',
      },
      // What to do, when it said more than Reconnect (its jump host was lost).
      {
        kind: 'lost',
        endpoint: server(4),
        message: 'The jump host was lost.',
        hint: 'Check the jump host.',
      },
    ]);
  });

  it('saves the tabs with a session or a lost connection, in order, and the shown one’s place', () => {
    const tabs = [
      { id: 't1', session: s('a'), endpoint: server(1), lost: false, view: view('/a') },
      { id: 't2', lost: false },
      { id: 't3', endpoint: server(2), lost: true, lostFolder: '/b', message: 'Gone.' },
      { id: 't4', endpoint: server(3), lost: false, message: 'Wrong password.' },
      { id: 't5', endpoint: server(4), lost: true, message: 'Jump host lost.', hint: 'Check it.' },
    ];
    expect(layoutOf(tabs, 't3')).toEqual({
      tabs: [
        { sessionId: 'a', endpoint: server(1), view: view('/a') },
        { endpoint: server(2), lost: { message: 'Gone.', folder: '/b' } },
        { endpoint: server(4), lost: { message: 'Jump host lost.', hint: 'Check it.' } },
      ],
      active: 1,
    });
    expect(layoutOf(tabs, 't2')).toEqual({ tabs: layoutOf(tabs, 't3').tabs });
  });
});

describe('the layout in sessionStorage', () => {
  let storage: MemoryStorage;
  beforeAll(() => {
    storage = installSessionStorage();
  });
  afterAll(() => {
    Reflect.deleteProperty(globalThis, 'sessionStorage');
  });

  const layout: TabLayout = {
    tabs: [
      { sessionId: 'a', endpoint: server(1), site: { id: 's', name: 'Site' }, view: view('/a') },
      { endpoint: server(2), lost: { message: 'Gone.', folder: '/b' } },
      {
        endpoint: server(3),
        lost: { message: 'The jump host was lost.', hint: 'Check the jump host.', folder: '/c' },
      },
    ],
    active: 1,
  };

  it('comes back as saved, for this page only', () => {
    saveLayout(layout);
    expect(loadLayout()).toEqual(layout);
    const saved = JSON.parse(storage.getItem('ferry.tabs') ?? '') as { page: string };
    storage.setItem('ferry.tabs', JSON.stringify({ ...saved, page: 'another-page-id' }));
    expect(loadLayout()).toBeUndefined();
  });

  it('a damaged tab drops out; the others stay, the first shown', () => {
    const page = storage.getItem('ferry.page');
    const tabs = [layout.tabs[0], { endpoint: { ...server(1), protocol: 'gopher' } }];
    storage.setItem('ferry.tabs', JSON.stringify({ page, value: { tabs, active: 1 } }));
    expect(loadLayout()).toEqual({ tabs: [layout.tabs[0]] });
  });

  it.each(['not json', '{"value":{"tabs":"a"}}', 'null', '[]'])(
    'a damaged entry (%s) is ignored',
    (text) => {
      storage.setItem('ferry.tabs', text);
      expect(loadLayout()).toBeUndefined();
    },
  );
});
