import { describe, expect, it } from 'vitest';
import { tabCommandOf, type KeyPress } from '../tabs/tabKeys';
import { commandFor } from '../pane/gridKeys';
import { compareCommandOf } from './compareKeys';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('compare shortcuts', () => {
  it.each([
    [press('o', { ctrlKey: true }), false, 'compare'],
    [press('O', { metaKey: true }), false, 'compare'],
    [press('o', { ctrlKey: true }), true, 'compare'],
    [press('y', { ctrlKey: true }), false, 'sync'],
    [press('y', { ctrlKey: true }), true, undefined],
    [press('o'), false, undefined],
    [press('o', { ctrlKey: true, shiftKey: true }), false, undefined],
    [press('y', { ctrlKey: true, altKey: true }), false, undefined],
  ])('%o in a text field: %s → %s', (key, inTextField, command) => {
    expect(compareCommandOf(key, inTextField)).toBe(command);
  });

  it('takes no key the tabs or the file list use', () => {
    for (const key of ['o', 'y']) {
      const ctrl = press(key, { ctrlKey: true });
      expect(tabCommandOf(ctrl)).toBeUndefined();
      expect(commandFor(ctrl, 10)).toBeNull();
    }
  });
});
