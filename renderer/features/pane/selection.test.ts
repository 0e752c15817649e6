import { describe, expect, it } from 'vitest';
import {
  clickSelect,
  emptySelection,
  moveFocus,
  pruneSelection,
  selectAll,
  targets,
  toggleFocused,
  type Modifiers,
  type Move,
  type Selection,
} from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const sel = (selected: string[], anchor: string | null, focus: string | null): Selection => ({
  selected: new Set(selected),
  anchor,
  focus,
});
const plain = (s: Selection) => ({
  selected: [...s.selected].sort(),
  anchor: s.anchor,
  focus: s.focus,
});

describe('clickSelect', () => {
  it.each<[string, Selection, string, Modifiers, Selection]>([
    ['click selects only that item', sel(['a', 'b'], 'a', 'b'), 'c', {}, sel(['c'], 'c', 'c')],
    ['Ctrl-click adds', sel(['a'], 'a', 'a'), 'c', { toggle: true }, sel(['a', 'c'], 'c', 'c')],
    ['Ctrl-click removes', sel(['a', 'c'], 'a', 'c'), 'a', { toggle: true }, sel(['c'], 'a', 'a')],
    [
      'Shift-click selects the range',
      sel(['b'], 'b', 'b'),
      'd',
      { range: true },
      sel(['b', 'c', 'd'], 'b', 'd'),
    ],
    [
      'Shift-click upwards',
      sel(['d'], 'd', 'd'),
      'b',
      { range: true },
      sel(['b', 'c', 'd'], 'd', 'b'),
    ],
    [
      'Shift-click replaces the old range',
      sel(['b', 'c', 'd'], 'b', 'd'),
      'a',
      { range: true },
      sel(['a', 'b'], 'b', 'a'),
    ],
    [
      'Shift-click with no anchor selects one',
      emptySelection,
      'c',
      { range: true },
      sel(['c'], 'c', 'c'),
    ],
    [
      'Ctrl+Shift-click adds the range',
      sel(['e'], 'a', 'e'),
      'b',
      { range: true, toggle: true },
      sel(['a', 'b', 'e'], 'a', 'b'),
    ],
  ])('%s', (_, current, name, mods, expected) => {
    expect(plain(clickSelect(current, order, name, mods))).toEqual(plain(expected));
  });
});

describe('moveFocus', () => {
  it.each<[string, Selection, Move, Modifiers, Selection]>([
    ['Down from nothing goes to the first', emptySelection, 1, {}, sel(['a'], 'a', 'a')],
    ['Up from nothing goes to the last', emptySelection, -1, {}, sel(['e'], 'e', 'e')],
    ['Down moves and selects', sel(['b'], 'b', 'b'), 1, {}, sel(['c'], 'c', 'c')],
    ['Down stops at the end', sel(['e'], 'e', 'e'), 1, {}, sel(['e'], 'e', 'e')],
    ['Page jumps and clamps', sel(['b'], 'b', 'b'), 10, {}, sel(['e'], 'e', 'e')],
    ['Home', sel(['c'], 'c', 'c'), 'first', {}, sel(['a'], 'a', 'a')],
    ['End', sel(['c'], 'c', 'c'), 'last', {}, sel(['e'], 'e', 'e')],
    ['Shift+Down extends', sel(['b'], 'b', 'b'), 1, { range: true }, sel(['b', 'c'], 'b', 'c')],
    [
      'Shift+Down twice',
      sel(['b', 'c'], 'b', 'c'),
      1,
      { range: true },
      sel(['b', 'c', 'd'], 'b', 'd'),
    ],
    [
      'Shift+Up shrinks back',
      sel(['b', 'c', 'd'], 'b', 'd'),
      -1,
      { range: true },
      sel(['b', 'c'], 'b', 'c'),
    ],
    [
      'Shift+End',
      sel(['b'], 'b', 'b'),
      'last',
      { range: true },
      sel(['b', 'c', 'd', 'e'], 'b', 'e'),
    ],
    ['Ctrl+Down moves focus only', sel(['a'], 'a', 'a'), 1, { toggle: true }, sel(['a'], 'a', 'b')],
  ])('%s', (_, current, move, mods, expected) => {
    expect(plain(moveFocus(current, order, move, mods))).toEqual(plain(expected));
  });

  it('empty list empties the selection', () => {
    expect(moveFocus(sel(['a'], 'a', 'a'), [], 1)).toEqual(emptySelection);
  });
});

describe('other selection actions', () => {
  it('Ctrl+Space toggles the focused item', () => {
    expect(plain(toggleFocused(sel(['a'], 'a', 'c')))).toEqual(plain(sel(['a', 'c'], 'c', 'c')));
    expect(plain(toggleFocused(sel(['a', 'c'], 'a', 'c')))).toEqual(plain(sel(['a'], 'c', 'c')));
  });

  it('select all keeps focus', () => {
    expect(plain(selectAll(sel([], null, 'c'), order))).toEqual(plain(sel(order, null, 'c')));
    expect(selectAll(emptySelection, order).focus).toBe('a');
  });

  it('prune forgets names no longer shown, and keeps identity when nothing changed', () => {
    const current = sel(['a', 'x'], 'x', 'a');
    expect(plain(pruneSelection(current, order))).toEqual(plain(sel(['a'], null, 'a')));
    const unchanged = sel(['a'], 'a', 'a');
    expect(pruneSelection(unchanged, order)).toBe(unchanged);
  });

  it('targets are the selection in list order, else the focused item', () => {
    expect(targets(sel(['d', 'a'], 'a', 'd'), order)).toEqual(['a', 'd']);
    expect(targets(sel([], null, 'c'), order)).toEqual(['c']);
    expect(targets(emptySelection, order)).toEqual([]);
  });
});
