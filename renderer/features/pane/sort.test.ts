import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../shared/types';
import { nextSortOrder, sortEntries, visibleEntries, type SortOrder } from './sort';

const e = (name: string, over: Partial<FileEntry> = {}): FileEntry => ({
  name,
  kind: 'file',
  size: 0,
  modified: null,
  mode: 0o644,
  hidden: name.startsWith('.'),
  ...over,
});

const entries: FileEntry[] = [
  e('b.txt', { size: 300, modified: 3 }),
  e('a10.txt', { size: 10, modified: 1 }),
  e('a2.txt', { size: 10, modified: 2 }),
  e('Zeta', { kind: 'folder', modified: 5 }),
  e('alpha', { kind: 'folder', modified: 9 }),
  e('link', { kind: 'symlink', targetKind: 'folder', modified: 7 }),
  e('C.md', { size: 20, mode: 0o600 }),
  e('.hidden', { size: 1 }),
];

const names = (list: FileEntry[]) => list.map((x) => x.name);

describe('sortEntries', () => {
  it.each<[SortOrder, string[]]>([
    [
      { key: 'name', direction: 'ascending' },
      ['alpha', 'link', 'Zeta', '.hidden', 'a2.txt', 'a10.txt', 'b.txt', 'C.md'],
    ],
    [
      { key: 'name', direction: 'descending' },
      ['Zeta', 'link', 'alpha', 'C.md', 'b.txt', 'a10.txt', 'a2.txt', '.hidden'],
    ],
    [
      { key: 'size', direction: 'ascending' },
      ['alpha', 'link', 'Zeta', '.hidden', 'a2.txt', 'a10.txt', 'C.md', 'b.txt'],
    ],
    [
      { key: 'size', direction: 'descending' },
      ['Zeta', 'link', 'alpha', 'b.txt', 'C.md', 'a10.txt', 'a2.txt', '.hidden'],
    ],
    [
      { key: 'modified', direction: 'descending' },
      ['alpha', 'link', 'Zeta', 'b.txt', 'a2.txt', 'a10.txt', 'C.md', '.hidden'],
    ],
    [
      { key: 'type', direction: 'ascending' },
      ['alpha', 'Zeta', 'link', '.hidden', 'C.md', 'a2.txt', 'a10.txt', 'b.txt'],
    ],
    [
      { key: 'permissions', direction: 'ascending' },
      ['alpha', 'link', 'Zeta', 'C.md', '.hidden', 'a2.txt', 'a10.txt', 'b.txt'],
    ],
  ])('%o keeps folders first', (order, expected) => {
    expect(names(sortEntries(entries, order))).toEqual(expected);
  });

  it('does not change its input', () => {
    const copy = [...entries];
    sortEntries(entries, { key: 'size', direction: 'descending' });
    expect(entries).toEqual(copy);
  });
});

describe('nextSortOrder', () => {
  it.each<[SortOrder, SortOrder['key'], SortOrder]>([
    [{ key: 'name', direction: 'ascending' }, 'name', { key: 'name', direction: 'descending' }],
    [{ key: 'name', direction: 'descending' }, 'name', { key: 'name', direction: 'ascending' }],
    [{ key: 'name', direction: 'ascending' }, 'size', { key: 'size', direction: 'descending' }],
    [
      { key: 'size', direction: 'ascending' },
      'modified',
      { key: 'modified', direction: 'descending' },
    ],
    [{ key: 'size', direction: 'ascending' }, 'type', { key: 'type', direction: 'ascending' }],
  ])('%o, click %s → %o', (current, clicked, next) => {
    expect(nextSortOrder(current, clicked)).toEqual(next);
  });
});

describe('visibleEntries', () => {
  const order: SortOrder = { key: 'name', direction: 'ascending' };
  it.each<[boolean, string, string[]]>([
    [false, '', ['alpha', 'link', 'Zeta', 'a2.txt', 'a10.txt', 'b.txt', 'C.md']],
    [true, '', ['alpha', 'link', 'Zeta', '.hidden', 'a2.txt', 'a10.txt', 'b.txt', 'C.md']],
    [false, 'A1', ['a10.txt']],
    [false, ' txt ', ['a2.txt', 'a10.txt', 'b.txt']],
    [false, 'hidden', []],
    [true, 'hidden', ['.hidden']],
  ])('showHidden=%s filter=%j', (showHidden, filter, expected) => {
    expect(names(visibleEntries(entries, { showHidden, filter, order }))).toEqual(expected);
  });
});
