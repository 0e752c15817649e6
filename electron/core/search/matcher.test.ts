import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SearchCriteria } from '../../../shared/contract/search';
import type { FileEntry } from '../../../shared/types';
import { wildcardMatch } from '../../../shared/wildcard';
import { compileMatcher, nameMatcher } from './matcher';

const ANY: SearchCriteria = {
  name: '',
  nameMode: 'contains',
  matchCase: false,
  includeFolders: true,
};

function file(
  name: string,
  size = 100,
  modified: number | null = Date.UTC(2025, 5, 15),
): FileEntry {
  return { name, kind: 'file', size, modified, mode: 0o644, hidden: name.startsWith('.') };
}
const folder = (name: string): FileEntry => ({ ...file(name, 0), kind: 'folder' });

describe('name: contains', () => {
  it.each([
    ['report', 'Annual Report 2024.pdf', false, true],
    ['report', 'Annual Report 2024.pdf', true, false],
    ['Report', 'Annual Report 2024.pdf', true, true],
    ['.JPG', 'holiday.jpg', false, true],
    ['', 'anything', false, true],
    ['zzz', 'holiday.jpg', false, false],
    // A decomposed "é" (as macOS servers list it) is found by the composed one typed.
    ['café', 'cafe\u0301 menu.txt', false, true],
    ['ÉTÉ', 'été.png', false, true],
    // The text is text: "*" in contains mode is a star, not a wildcard.
    ['*.jpg', 'holiday.jpg', false, false],
    ['*', 'a*b', false, true],
  ])('%j in %j (match case: %s) → %s', (text, name, matchCase, expected) => {
    expect(nameMatcher({ name: text, nameMode: 'contains', matchCase })(name)).toBe(expected);
  });
});

describe('name: pattern', () => {
  it.each([
    ['*.jpg', 'holiday.jpg', false, true],
    ['*.jpg', 'HOLIDAY.JPG', false, true],
    ['*.jpg', 'HOLIDAY.JPG', true, false],
    ['*.jpg', 'holiday.jpg.txt', false, false],
    ['*.jpg', '.jpg', false, true],
    ['img_??.png', 'img_01.png', false, true],
    ['img_??.png', 'img_1.png', false, false],
    ['img_??.png', 'img_001.png', false, false],
    ['?', '🚢', false, true],
    ['a*b*c', 'aXXbYYc', false, true],
    ['a*b*c', 'aXXbYY', false, false],
    ['*', '', false, true],
    ['**', 'x', false, true],
    ['report', 'report.pdf', false, false],
    ['*.jpg; *.png', 'logo.png', false, true],
    ['*.jpg; *.png', 'logo.gif', false, false],
    ['[abc].txt', '[abc].txt', false, true],
    ['[abc].txt', 'a.txt', false, false],
    ['.*', '.htaccess', false, true],
    ['(x)+', '(x)+', false, true],
  ])('%j against %j (match case: %s) → %s', (pattern, name, matchCase, expected) => {
    expect(nameMatcher({ name: pattern, nameMode: 'pattern', matchCase })(name)).toBe(expected);
  });

  it('agrees with a regular expression built from the same pattern', () => {
    const symbol = fc.constantFrom('a', 'b', '*', '?');
    fc.assert(
      fc.property(
        fc.array(symbol, { maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 10 }),
        (pattern, name) => {
          const regex = new RegExp(
            `^${pattern.map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c)).join('')}$`,
            'u',
          );
          expect(wildcardMatch(pattern, [...name])).toBe(regex.test(name));
        },
      ),
    );
  });

  it('answers at once for a long name and a pattern of many stars (no backtracking blow-up)', () => {
    const pattern = [...'*a'.repeat(30), 'b'];
    const name = [...'a'.repeat(10_000)];
    const started = performance.now();
    expect(wildcardMatch(pattern, name)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('kinds, sizes and dates', () => {
  const june = (day: number) => Date.UTC(2025, 5, day);

  it('finds folders by name only when asked to, and never by size', () => {
    expect(compileMatcher({ ...ANY, name: 'img' })(folder('img'))).toBe(true);
    expect(compileMatcher({ ...ANY, name: 'img', includeFolders: false })(folder('img'))).toBe(
      false,
    );
    expect(compileMatcher({ ...ANY, largerThan: 0 })(folder('img'))).toBe(false);
  });

  it('takes links to files as files and links to folders as folders', () => {
    const toFile: FileEntry = { ...file('a.jpg'), kind: 'symlink', targetKind: 'file' };
    const toFolder: FileEntry = { ...file('photos'), kind: 'symlink', targetKind: 'folder' };
    const broken: FileEntry = { ...file('gone.jpg'), kind: 'symlink' };
    const filesOnly = compileMatcher({ ...ANY, includeFolders: false });
    expect(filesOnly(toFile)).toBe(true);
    expect(filesOnly(broken)).toBe(true);
    expect(filesOnly(toFolder)).toBe(false);
    expect(compileMatcher(ANY)(toFolder)).toBe(true);
    expect(compileMatcher(ANY)({ ...file('dev'), kind: 'other' })).toBe(false);
  });

  it.each([
    [{ largerThan: 100 }, 100, false],
    [{ largerThan: 100 }, 101, true],
    [{ smallerThan: 100 }, 99, true],
    [{ smallerThan: 100 }, 100, false],
    [{ largerThan: 10, smallerThan: 20 }, 15, true],
    [{ largerThan: 10, smallerThan: 20 }, 25, false],
    [{ largerThan: 0 }, 0, false],
  ])('size %j of a %i-byte file → %s', (limits, size, expected) => {
    expect(compileMatcher({ ...ANY, ...limits })(file('x', size))).toBe(expected);
  });

  it.each([
    [{ modifiedFrom: june(10) }, june(10), true],
    [{ modifiedFrom: june(10) }, june(10) - 1, false],
    [{ modifiedBefore: june(10) }, june(10), false],
    [{ modifiedBefore: june(10) }, june(10) - 1, true],
    [{ modifiedFrom: june(1), modifiedBefore: june(30) }, june(15), true],
    [{ modifiedFrom: june(1), modifiedBefore: june(30) }, june(30), false],
  ])('dates %j of a file from %i → %s', (range, modified, expected) => {
    expect(compileMatcher({ ...ANY, ...range })(file('x', 1, modified))).toBe(expected);
  });

  it('leaves out entries of unknown time when a date is asked for, keeps them otherwise', () => {
    expect(compileMatcher({ ...ANY, modifiedFrom: june(1) })(file('x', 1, null))).toBe(false);
    expect(compileMatcher(ANY)(file('x', 1, null))).toBe(true);
  });

  it('needs every criterion set to match', () => {
    const match = compileMatcher({
      ...ANY,
      name: '*.jpg',
      nameMode: 'pattern',
      largerThan: 1000,
      modifiedFrom: june(1),
    });
    expect(match(file('a.jpg', 2000, june(2)))).toBe(true);
    expect(match(file('a.png', 2000, june(2)))).toBe(false);
    expect(match(file('a.jpg', 500, june(2)))).toBe(false);
    expect(match(file('a.jpg', 2000, june(1) - 1))).toBe(false);
  });
});
