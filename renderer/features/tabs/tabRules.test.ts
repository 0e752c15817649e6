import { describe, expect, it } from 'vitest';
import {
  closeTab,
  connectTarget,
  cycleTab,
  endpointLabel,
  isStale,
  openTab,
  STALE_AFTER_MS,
  tabTitle,
  type TabShape,
  type TabsView,
} from './tabRules';

const empty = (id: string): TabShape => ({ id, connecting: false });
const connected = (id: string): TabShape => ({ id, session: { sessionId: id }, connecting: false });
const connecting = (id: string): TabShape => ({ id, connecting: true });

function view(activeId: string, ...tabs: TabShape[]): TabsView<TabShape> {
  return { tabs, activeId };
}
const ids = (v: TabsView<TabShape>) => v.tabs.map((t) => t.id);

describe('where a new connection goes (WinSCP: the empty active tab, else a new tab)', () => {
  it.each([
    ['the only tab is empty', view('a', empty('a')), 'a'],
    ['the active tab is connected', view('a', connected('a')), undefined],
    ['the active tab is still connecting', view('a', connecting('a')), undefined],
    [
      'another tab is empty, the active one is not',
      view('b', empty('a'), connected('b')),
      undefined,
    ],
    ['the active tab is empty among connected ones', view('b', connected('a'), empty('b')), 'b'],
  ])('%s', (_, tabs, expected) => {
    expect(connectTarget(tabs)).toBe(expected);
  });
});

describe('opening a tab', () => {
  it('adds it at the end and shows it', () => {
    const next = openTab(view('a', connected('a')), empty('b'));
    expect(ids(next)).toEqual(['a', 'b']);
    expect(next.activeId).toBe('b');
  });
});

describe('closing a tab', () => {
  const three = view('b', connected('a'), connected('b'), connected('c'));
  const fresh = () => empty('new');

  it.each([
    ['the shown middle tab: its right neighbour is shown', three, 'b', ['a', 'c'], 'c'],
    [
      'the shown last tab: its left neighbour is shown',
      view('c', connected('a'), connected('b'), connected('c')),
      'c',
      ['a', 'b'],
      'b',
    ],
    ['a background tab: the shown tab stays', three, 'a', ['b', 'c'], 'b'],
    ['the only tab: an empty tab takes its place', view('a', connected('a')), 'a', ['new'], 'new'],
    ['an unknown tab: nothing changes', three, 'zz', ['a', 'b', 'c'], 'b'],
  ])('%s', (_, before, closed, tabsAfter, activeAfter) => {
    const after = closeTab(before, closed, fresh);
    expect(ids(after)).toEqual(tabsAfter);
    expect(after.activeId).toBe(activeAfter);
  });
});

describe('Ctrl+Tab and Ctrl+Shift+Tab', () => {
  const three = (active: string) => view(active, empty('a'), empty('b'), empty('c'));
  it.each([
    ['a', 1, 'b'],
    ['c', 1, 'a'],
    ['a', -1, 'c'],
    ['b', -1, 'a'],
    ['b', 4, 'c'],
  ])('from %s by %i shows %s', (from, step, to) => {
    expect(cycleTab(three(from), step)).toBe(to);
  });

  it('stays on the only tab', () => {
    expect(cycleTab(view('a', empty('a')), 1)).toBe('a');
  });
});

describe('tab titles', () => {
  it.each([
    [{ site: { name: 'Web server' }, endpoint: ep('sftp', 22) }, 'Web server'],
    [{ endpoint: ep('sftp', 22) }, 'ann@files.example.com'],
    [{ endpoint: ep('sftp', 2222) }, 'ann@files.example.com:2222'],
    [{ endpoint: ep('ftps-implicit', 990) }, 'ann@files.example.com'],
    [{ endpoint: ep('ftps-explicit', 990) }, 'ann@files.example.com:990'],
    [{ endpoint: { ...ep('sftp', 22), user: '' } }, 'files.example.com'],
    [{}, 'New tab'],
  ])('%j is titled %s', (tab, title) => {
    expect(tabTitle(tab)).toBe(title);
  });

  function ep(protocol: 'sftp' | 'ftps-implicit' | 'ftps-explicit', port: number) {
    return { protocol, port, host: 'files.example.com', user: 'ann' };
  }

  it('endpointLabel is the title of a tab without a site', () => {
    expect(endpointLabel({ protocol: 'ftp', host: 'h', port: 2121, user: 'u' })).toBe('u@h:2121');
  });
});

describe('a background listing goes stale', () => {
  it.each([
    [undefined, false],
    [1_000, false],
    [1_000 + STALE_AFTER_MS, false],
    [0, true],
  ])('listed at %s, shown at %i + STALE_AFTER_MS', (listedAt, stale) => {
    expect(isStale(listedAt, 1_000 + STALE_AFTER_MS)).toBe(stale);
  });
});
