import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layoutOf, loadLayout, restoreOrder, saveLayout, type TabLayout } from './tabLayout';

const s = (sessionId: string) => ({ sessionId });
const ids = (list: { sessionId: string }[]) => list.map((x) => x.sessionId);

describe('the tabs a reload shows again', () => {
  it.each<[string, string[], TabLayout | undefined, string[], string | undefined]>([
    ['nothing saved: the core’s order, the first shown', ['a', 'b'], undefined, ['a', 'b'], 'a'],
    [
      'the saved order and shown tab',
      ['a', 'b', 'c'],
      { order: ['c', 'a', 'b'], active: 'a' },
      ['c', 'a', 'b'],
      'a',
    ],
    [
      'a session that ended is left out',
      ['a', 'c'],
      { order: ['c', 'b', 'a'], active: 'c' },
      ['c', 'a'],
      'c',
    ],
    [
      'the shown one ended: the first is shown',
      ['a', 'c'],
      { order: ['a', 'b', 'c'], active: 'b' },
      ['a', 'c'],
      'a',
    ],
    [
      'a session the page adopted goes after the saved ones',
      ['x', 'a'],
      { order: ['a'], active: 'a' },
      ['a', 'x'],
      'a',
    ],
    [
      'the shown tab was an empty one: the first is shown',
      ['a', 'b'],
      { order: ['b', 'a'] },
      ['b', 'a'],
      'b',
    ],
    ['no session left', [], { order: ['a'], active: 'a' }, [], undefined],
  ])('%s', (_, open, saved, order, active) => {
    const restored = restoreOrder(open.map(s), saved);
    expect(ids(restored.sessions)).toEqual(order);
    expect(restored.active).toBe(active);
  });

  it('saves the tabs with a session, in order, and the shown tab’s session', () => {
    const tabs = [{ id: 't1', session: s('a') }, { id: 't2' }, { id: 't3', session: s('b') }];
    expect(layoutOf(tabs, 't3')).toEqual({ order: ['a', 'b'], active: 'b' });
    expect(layoutOf(tabs, 't2')).toEqual({ order: ['a', 'b'] });
  });
});

describe('the layout in sessionStorage', () => {
  const items = new Map<string, string>();
  beforeEach(() => {
    items.clear();
    Object.assign(globalThis, {
      sessionStorage: {
        getItem: (key: string) => items.get(key) ?? null,
        setItem: (key: string, value: string) => void items.set(key, value),
      },
    });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'sessionStorage');
  });

  it('comes back as saved', () => {
    saveLayout({ order: ['a', 'b'], active: 'b' });
    expect(loadLayout()).toEqual({ order: ['a', 'b'], active: 'b' });
  });

  it.each(['not json', '{"order":"a"}', '{"order":[1,2]}', 'null'])(
    'a damaged entry (%s) is ignored',
    (text) => {
      items.set('ferry.tabs', text);
      expect(loadLayout()).toBeUndefined();
    },
  );

  it('without sessionStorage there is nothing to load, and saving does no harm', () => {
    Reflect.deleteProperty(globalThis, 'sessionStorage');
    expect(loadLayout()).toBeUndefined();
    expect(() => saveLayout({ order: ['z'] })).not.toThrow();
  });
});
