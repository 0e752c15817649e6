import { describe, expect, it } from 'vitest';
import type { TransferJob } from '../../../shared/contract/transfers';
import { canMove, inStartOrder, moveAnnouncement, queueMoveFor, wouldMove } from './queueOrder';

function row(id: string, fields: Partial<TransferJob> = {}): TransferJob {
  return {
    id,
    sessionId: 's',
    direction: 'upload',
    kind: 'file',
    name: id,
    source: `/here/${id}`,
    target: `/there/${id}`,
    state: 'queued',
    bytes: 0,
    total: null,
    speed: 0,
    eta: null,
    attempts: 0,
    ...fields,
  };
}

describe('inStartOrder', () => {
  it('lists whole transfers by their place, each folder’s files right below it', () => {
    // As they arrived: a folder, a file queued after it, then the folder's files as found.
    const rows = [
      row('photos', { kind: 'folder', state: 'active', order: 3 }),
      row('late.txt', { order: 4 }),
      row('photos/1.jpg', { parentId: 'photos', state: 'active' }),
      row('first.txt', { order: 1 }),
      row('photos/2.jpg', { parentId: 'photos' }),
    ];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(inStartOrder(rows, byId).map((r) => r.id)).toEqual([
      'first.txt',
      'photos',
      'photos/1.jpg',
      'photos/2.jpg',
      'late.txt',
    ]);
  });

  it('keeps rows without a place (or whose folder is gone) in the order they arrived, last', () => {
    const rows = [row('b'), row('orphan', { parentId: 'gone' }), row('a', { order: 2 }), row('c')];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(inStartOrder(rows, byId).map((r) => r.id)).toEqual(['a', 'b', 'orphan', 'c']);
  });
});

describe('canMove', () => {
  const cases: Array<[string, Partial<TransferJob>, boolean]> = [
    ['a waiting file', { order: 1 }, true],
    ['a moving file', { order: 1, state: 'active' }, false],
    ['a folder with work left', { order: 1, kind: 'folder', state: 'active' }, true],
    ['a finished folder', { order: 1, kind: 'folder', state: 'done' }, false],
    ['a failed file', { order: 1, state: 'failed' }, false],
    ['a folder’s file', { order: 1, parentId: 'p' }, false],
    ['a row without a place', {}, false],
  ];
  it.each(cases)('%s: %s', (_what, fields, expected) => {
    expect(canMove(row('x', fields))).toBe(expected);
  });
});

describe('queueMoveFor', () => {
  const press = (key: string, mods: Partial<Record<'alt' | 'ctrl' | 'shift', boolean>> = {}) =>
    queueMoveFor({
      key,
      altKey: mods.alt ?? true,
      ctrlKey: mods.ctrl ?? false,
      metaKey: false,
      shiftKey: mods.shift ?? false,
    });
  it('maps Alt+Up/Down/Home/End and nothing else', () => {
    expect(press('ArrowUp')).toBe('up');
    expect(press('ArrowDown')).toBe('down');
    expect(press('Home')).toBe('top');
    expect(press('End')).toBe('bottom');
    expect(press('ArrowUp', { alt: false })).toBeUndefined();
    expect(press('ArrowUp', { ctrl: true })).toBeUndefined();
    expect(press('Home', { shift: true })).toBeUndefined();
    expect(press('ArrowLeft')).toBeUndefined();
  });
});

describe('wouldMove', () => {
  const line = ['a', 'b', 'c'];
  it('says whether a waiting transfer not chosen is on that side', () => {
    expect(wouldMove(line, new Set(['a']), 'up')).toBe(false);
    expect(wouldMove(line, new Set(['a']), 'top')).toBe(false);
    expect(wouldMove(line, new Set(['a']), 'down')).toBe(true);
    expect(wouldMove(line, new Set(['a', 'b']), 'up')).toBe(false);
    expect(wouldMove(line, new Set(['a', 'c']), 'up')).toBe(true);
    expect(wouldMove(line, new Set(['c']), 'bottom')).toBe(false);
    expect(wouldMove(line, new Set(), 'up')).toBe(false);
  });
});

describe('what a move says to a screen reader', () => {
  it.each([
    [['d.bin'], 'top', true, 'd.bin moved to the top.'],
    [['d.bin'], 'up', true, 'd.bin moved up one place.'],
    [['a.bin', 'b.bin'], 'down', true, '2 transfers moved down one place.'],
    [['a.bin'], 'bottom', true, 'a.bin moved to the bottom.'],
    [['b.bin'], 'down', false, 'b.bin is already at the bottom.'],
    [['a.bin', 'b.bin'], 'top', false, '2 transfers are already at the top.'],
  ] as const)('%j %s (moved: %s): "%s"', (names, to, moved, said) => {
    expect(moveAnnouncement(names, to, moved)).toBe(said);
  });
});
