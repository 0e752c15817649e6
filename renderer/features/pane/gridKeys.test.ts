import { describe, expect, it } from 'vitest';
import { commandFor, type GridCommand, type KeyInfo } from './gridKeys';

const key = (k: string, mods: Partial<KeyInfo> = {}): KeyInfo => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const plain = { range: false, toggle: false };

describe('commandFor', () => {
  it.each<[string, KeyInfo, GridCommand | null]>([
    ['Down', key('ArrowDown'), { type: 'move', move: 1, mods: plain }],
    ['Up', key('ArrowUp'), { type: 'move', move: -1, mods: plain }],
    [
      'Shift+Down',
      key('ArrowDown', { shiftKey: true }),
      { type: 'move', move: 1, mods: { range: true, toggle: false } },
    ],
    [
      'Ctrl+Down',
      key('ArrowDown', { ctrlKey: true }),
      { type: 'move', move: 1, mods: { range: false, toggle: true } },
    ],
    [
      'Cmd+Up',
      key('ArrowUp', { metaKey: true }),
      { type: 'move', move: -1, mods: { range: false, toggle: true } },
    ],
    ['PageDown', key('PageDown'), { type: 'move', move: 20, mods: plain }],
    ['PageUp', key('PageUp'), { type: 'move', move: -20, mods: plain }],
    ['Home', key('Home'), { type: 'move', move: 'first', mods: plain }],
    [
      'Shift+End',
      key('End', { shiftKey: true }),
      { type: 'move', move: 'last', mods: { range: true, toggle: false } },
    ],
    ['Enter', key('Enter'), { type: 'open' }],
    ['Backspace', key('Backspace'), { type: 'up' }],
    ['Cmd+Backspace', key('Backspace', { metaKey: true }), { type: 'delete' }],
    ['Delete', key('Delete'), { type: 'delete' }],
    ['F2', key('F2'), { type: 'rename' }],
    ['F4', key('F4'), { type: 'edit' }],
    ['F5', key('F5'), { type: 'refresh' }],
    ['Shift+F6', key('F6', { shiftKey: true }), { type: 'moveTo' }],
    ['F6', key('F6'), null],
    ['Ctrl+X', key('x', { ctrlKey: true }), { type: 'cut' }],
    ['Cmd+V', key('v', { metaKey: true }), { type: 'paste' }],
    ['Ctrl+R', key('r', { ctrlKey: true }), { type: 'refresh' }],
    ['Ctrl+A', key('a', { ctrlKey: true }), { type: 'selectAll' }],
    ['Cmd+A', key('A', { metaKey: true }), { type: 'selectAll' }],
    ['Ctrl+Space', key(' ', { ctrlKey: true }), { type: 'toggle' }],
    ['Space', key(' '), null],
    ['ContextMenu', key('ContextMenu'), { type: 'menu' }],
    ['Shift+F10', key('F10', { shiftKey: true }), { type: 'menu' }],
    ['F10', key('F10'), null],
    ['Alt+Left', key('ArrowLeft', { altKey: true }), { type: 'back' }],
    ['Alt+Right', key('ArrowRight', { altKey: true }), { type: 'forward' }],
    ['Alt+Up', key('ArrowUp', { altKey: true }), { type: 'up' }],
    ['Alt+Down', key('ArrowDown', { altKey: true }), { type: 'open' }],
    ['a letter', key('n'), { type: 'filter', text: 'n' }],
    ['a capital', key('N', { shiftKey: true }), { type: 'filter', text: 'N' }],
    ['Ctrl+C', key('c', { ctrlKey: true }), null],
    ['Ctrl+F4 (closes the tab, not an edit)', key('F4', { ctrlKey: true }), null],
    ['Tab', key('Tab'), null],
    ['Escape (cancels a cut)', key('Escape'), { type: 'cancelCut' }],
  ])('%s', (_, event, command) => {
    expect(commandFor(event, 20)).toEqual(command);
  });
});
