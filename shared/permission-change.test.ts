import { describe, expect, it } from 'vitest';
import type { EntryKind } from './types';
import {
  changedMode,
  commonBits,
  decidesAll,
  inScope,
  PERMISSION_SCOPES,
  type ModeChange,
} from './permission-change';

const all = (mode: number, addX = false): ModeChange => ({ mode, mask: 0o777, addX });

describe('changedMode', () => {
  it.each<[string, number | null, EntryKind, ModeChange, number | undefined]>([
    ['every box decided: the new mode', 0o600, 'file', all(0o644), 0o644],
    ['an unknown mode with every box decided', null, 'file', all(0o644), 0o644],
    [
      'add X: a folder gets x wherever it gets r (644 → 755)',
      0o700,
      'folder',
      all(0o644, true),
      0o755,
    ],
    ['add X leaves files alone', 0o600, 'file', all(0o644, true), 0o644],
    ['add X: r for the owner only', 0o777, 'folder', all(0o600, true), 0o700],
    ['add X keeps x already asked for', 0o000, 'folder', all(0o711, true), 0o711],
    ['add X with no r anywhere adds nothing', 0o777, 'folder', all(0o200, true), 0o200],
    // Mixed boxes stay as each item has them: only group write is decided (set) here.
    [
      'mixed bits kept, decided ones set',
      0o604,
      'file',
      { mode: 0o020, mask: 0o020, addX: false },
      0o624,
    ],
    [
      'mixed bits kept, decided ones cleared',
      0o777,
      'file',
      { mode: 0, mask: 0o022, addX: false },
      0o755,
    ],
    [
      'a mixed bit on an unknown mode cannot be kept',
      null,
      'file',
      { mode: 0, mask: 0o022, addX: false },
      undefined,
    ],
    ['set-id and sticky bits are kept', 0o4755, 'file', all(0o700), 0o4700],
    ['sticky folder keeps its bit with add X', 0o1777, 'folder', all(0o640, true), 0o1750],
    [
      'add X after mixed bits: the item’s own r counts',
      0o440,
      'folder',
      { mode: 0o200, mask: 0o200, addX: true },
      0o750,
    ],
  ])('%s', (_why, current, kind, change, expected) => {
    expect(changedMode(current, kind, change)).toBe(expected);
  });
});

describe('inScope', () => {
  it.each<[EntryKind, string, boolean]>([
    ['file', 'all', true],
    ['file', 'files', true],
    ['file', 'folders', false],
    ['folder', 'all', true],
    ['folder', 'files', false],
    ['folder', 'folders', true],
  ])('%s with scope %s: %s', (kind, scope, expected) => {
    expect(inScope(kind, scope as (typeof PERMISSION_SCOPES)[number])).toBe(expected);
  });

  it('never touches links or special files (a chmod would go through a link)', () => {
    for (const scope of PERMISSION_SCOPES) {
      expect(inScope('symlink', scope)).toBe(false);
      expect(inScope('other', scope)).toBe(false);
    }
  });
});

describe('commonBits', () => {
  it('one item: every bit known', () => {
    expect(commonBits([0o755])).toEqual({ bits: 0o755, known: 0o777 });
  });

  it('a folder 755 and a file 644: group and others x are mixed, owner x too', () => {
    expect(commonBits([0o755, 0o644])).toEqual({ bits: 0o644, known: 0o666 });
  });

  it('set-id bits do not make boxes mixed', () => {
    expect(commonBits([0o4755, 0o755])).toEqual({ bits: 0o755, known: 0o777 });
  });

  it('an unknown mode makes every box mixed', () => {
    expect(commonBits([0o644, null])).toEqual({ bits: 0, known: 0 });
  });

  it('nothing chosen: nothing known', () => {
    expect(commonBits([])).toEqual({ bits: 0, known: 0 });
  });
});

describe('decidesAll', () => {
  it('only when all nine boxes are decided', () => {
    expect(decidesAll(all(0o644))).toBe(true);
    expect(decidesAll({ mode: 0o644, mask: 0o666, addX: false })).toBe(false);
  });
});
