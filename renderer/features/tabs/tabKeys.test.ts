import { describe, expect, it } from 'vitest';
import { stripMove, tabCommandOf, type KeyPress } from './tabKeys';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('tab shortcuts', () => {
  it.each([
    [press('t', { ctrlKey: true }), 'new'],
    [press('T', { ctrlKey: true }), 'new'],
    [press('t', { metaKey: true }), 'new'],
    [press('F4', { ctrlKey: true }), 'close'],
    [press('F4'), undefined],
    [press('w', { ctrlKey: true }), undefined],
    [press('Tab', { ctrlKey: true }), 'next'],
    [press('Tab', { ctrlKey: true, shiftKey: true }), 'previous'],
    [press('PageDown', { ctrlKey: true }), 'next'],
    [press('PageUp', { ctrlKey: true }), 'previous'],
    [press('t'), undefined],
    [press('Tab'), undefined],
    [press('Tab', { shiftKey: true }), undefined],
    [press('t', { ctrlKey: true, shiftKey: true }), undefined],
    [press('t', { ctrlKey: true, altKey: true }), undefined],
    [press('u', { ctrlKey: true }), undefined],
  ])('%j → %s', (key, command) => {
    expect(tabCommandOf(key)).toBe(command);
  });
});

describe('arrow keys in the tab strip', () => {
  it.each([
    ['ArrowRight', 0, 3, 1],
    ['ArrowRight', 2, 3, 0],
    ['ArrowLeft', 0, 3, 2],
    ['Home', 2, 3, 0],
    ['End', 0, 3, 2],
    ['Enter', 1, 3, undefined],
    ['ArrowRight', 0, 0, undefined],
  ])('%s from %i of %i → %s', (key, at, count, expected) => {
    expect(stripMove(key, at, count)).toBe(expected);
  });
});
