import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../shared/types';
import {
  compareFolders,
  countComparison,
  differingShown,
  newerSide,
  precisionOf,
  summaryText,
  toSendText,
  type CompareSide,
} from './compareFolders';

const file = (name: string, size: number, modified: number | null): FileEntry => ({
  name,
  kind: 'file',
  size,
  modified,
  mode: 0o644,
  hidden: name.startsWith('.'),
});
const folder = (name: string, modified: number | null = null): FileEntry => ({
  ...file(name, 0, modified),
  kind: 'folder',
});

/** 2026-11-26 14:05:37.250 UTC: a local file's time, to the millisecond. */
const T = Date.UTC(2026, 10, 26, 14, 5, 37, 250);
/** The same moment as an FTP LIST shows it: "Nov 26 14:05". */
const T_MINUTE = Date.UTC(2026, 10, 26, 14, 5);
const local = (...entries: FileEntry[]): CompareSide => ({ entries, precision: 'exact' });
const sftp = (...entries: FileEntry[]): CompareSide => ({ entries, precision: 'exact' });
const ftp = (...entries: FileEntry[]): CompareSide => ({ entries, precision: 'listing' });

const marksOf = (side: { marks: ReadonlyMap<string, string> }) => Object.fromEntries(side.marks);

describe('compareFolders', () => {
  it('marks entries on one side only, on that side, as differing there', () => {
    const result = compareFolders(
      local(file('mine.txt', 1, T), folder('photos')),
      sftp(file('theirs.txt', 1, T), folder('backup')),
    );
    expect(marksOf(result.local)).toEqual({ 'mine.txt': 'only-here', photos: 'only-here' });
    expect(marksOf(result.remote)).toEqual({ 'theirs.txt': 'only-here', backup: 'only-here' });
    expect([...result.local.differing].sort()).toEqual(['mine.txt', 'photos']);
    expect([...result.remote.differing].sort()).toEqual(['backup', 'theirs.txt']);
    expect([...result.local.differingFolders]).toEqual(['photos']);
    expect([...result.remote.differingFolders]).toEqual(['backup']);
  });

  it('matches names case-sensitively', () => {
    const result = compareFolders(local(file('Readme.md', 5, T)), sftp(file('README.md', 5, T)));
    expect(marksOf(result.local)).toEqual({ 'Readme.md': 'only-here' });
    expect(marksOf(result.remote)).toEqual({ 'README.md': 'only-here' });
  });

  it('compares folders by presence only', () => {
    const result = compareFolders(local(folder('site', T)), sftp(folder('site', T + 86_400_000)));
    expect(marksOf(result.local)).toEqual({ site: 'same' });
    expect(marksOf(result.remote)).toEqual({ site: 'same' });
    expect(result.local.differing.size + result.remote.differing.size).toBe(0);
  });

  it('a folder that links elsewhere counts as a folder; a file against a folder is marked apart', () => {
    const link: FileEntry = { ...file('www', 7, T), kind: 'symlink', targetKind: 'folder' };
    const result = compareFolders(local(folder('www'), file('x', 1, T)), sftp(link, folder('x')));
    expect(marksOf(result.local)).toEqual({ www: 'same', x: 'kind' });
    expect(marksOf(result.remote)).toEqual({ www: 'same', x: 'kind' });
    expect(result.local.differing.size + result.remote.differing.size).toBe(0);
  });

  it('files of another size differ on both sides; the older copy is not offered', () => {
    const same = compareFolders(local(file('a', 1, T)), sftp(file('a', 2, T)));
    expect(marksOf(same.local)).toEqual({ a: 'size' });
    expect(marksOf(same.remote)).toEqual({ a: 'size' });
    expect([...same.local.differing, ...same.remote.differing]).toEqual(['a', 'a']);

    const localNewer = compareFolders(local(file('a', 1, T)), sftp(file('a', 2, T - 3_600_000)));
    expect(marksOf(localNewer.remote)).toEqual({ a: 'size' });
    expect([...localNewer.local.differing]).toEqual(['a']);
    expect([...localNewer.remote.differing]).toEqual([]);
  });

  it('same size, later time: newer here, older there', () => {
    const result = compareFolders(local(file('a', 9, T)), sftp(file('a', 9, T - 5_000)));
    expect(marksOf(result.local)).toEqual({ a: 'newer' });
    expect(marksOf(result.remote)).toEqual({ a: 'older' });
    expect([...result.local.differing]).toEqual(['a']);
    expect([...result.remote.differing]).toEqual([]);
  });

  it('SFTP seconds against local milliseconds: the same second is the same time', () => {
    const result = compareFolders(local(file('a', 9, T)), sftp(file('a', 9, T - 250)));
    expect(marksOf(result.local)).toEqual({ a: 'same' });
  });

  it('an FTP listing with minutes: any time within that minute is the same', () => {
    for (const localTime of [T_MINUTE, T, T_MINUTE + 59_999]) {
      const result = compareFolders(local(file('a', 9, localTime)), ftp(file('a', 9, T_MINUTE)));
      expect(marksOf(result.local)).toEqual({ a: 'same' });
      expect(marksOf(result.remote)).toEqual({ a: 'same' });
    }
    const nextMinute = compareFolders(
      local(file('a', 9, T_MINUTE + 60_000)),
      ftp(file('a', 9, T_MINUTE)),
    );
    expect(marksOf(nextMinute.local)).toEqual({ a: 'newer' });
    expect(marksOf(nextMinute.remote)).toEqual({ a: 'older' });
    const minuteBefore = compareFolders(
      local(file('a', 9, T_MINUTE - 1)),
      ftp(file('a', 9, T_MINUTE)),
    );
    expect(marksOf(minuteBefore.local)).toEqual({ a: 'older' });
  });

  it('an FTP listing of an old file gives only the day: that whole day is the same', () => {
    const day = Date.UTC(2025, 2, 1);
    const result = compareFolders(
      local(file('old', 9, day + 23 * 3_600_000)),
      ftp(file('old', 9, day)),
    );
    expect(marksOf(result.local)).toEqual({ old: 'same' });
    const dayAfter = compareFolders(
      local(file('old', 9, day + 86_400_000)),
      ftp(file('old', 9, day)),
    );
    expect(marksOf(dayAfter.local)).toEqual({ old: 'newer' });
  });

  it('an FTP server listing seconds (MLSD) is compared to the second', () => {
    const result = compareFolders(local(file('a', 9, T)), ftp(file('a', 9, T - 2_250)));
    expect(marksOf(result.local)).toEqual({ a: 'newer' });
  });

  it('an unknown time compares by size alone', () => {
    const result = compareFolders(local(file('a', 9, T)), ftp(file('a', 9, null)));
    expect(marksOf(result.local)).toEqual({ a: 'same' });
  });

  it('every name of both sides gets exactly one mark, and the marks mirror each other', () => {
    const name = fc.constantFrom('a', 'b', 'B', 'c.txt', 'd');
    const time = fc.option(fc.integer({ min: 0, max: 4e12 }), { nil: null });
    const entry = fc.oneof(
      fc
        .record({ name, size: fc.nat(4), modified: time })
        .map((e) => file(e.name, e.size, e.modified)),
      name.map((n) => folder(n)),
    );
    const side = fc.uniqueArray(entry, { selector: (e) => e.name, maxLength: 5 });
    const mirror = { 'only-here': 'only-here', size: 'size', newer: 'older', older: 'newer' };
    fc.assert(
      fc.property(side, side, fc.boolean(), (a, b, listing) => {
        const result = compareFolders(
          { entries: a, precision: 'exact' },
          { entries: b, precision: listing ? 'listing' : 'exact' },
        );
        expect([...result.local.marks.keys()].sort()).toEqual(a.map((e) => e.name).sort());
        expect([...result.remote.marks.keys()].sort()).toEqual(b.map((e) => e.name).sort());
        for (const [n, mark] of result.local.marks) {
          const there = result.remote.marks.get(n);
          if (mark === 'only-here') expect(there).toBeUndefined();
          else expect(there).toBe(mark in mirror ? mirror[mark as keyof typeof mirror] : mark);
          // Never offered from both sides unless the sizes differ and no side is newer.
          if (result.local.differing.has(n) && result.remote.differing.has(n)) {
            expect(mark).toBe('size');
          }
        }
      }),
    );
  });
});

describe('newerSide', () => {
  it('a time is never newer than itself, whatever the precision', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.boolean(), (t, listing) => {
        expect(newerSide(t, 'exact', t, listing ? 'listing' : 'exact')).toBe('same');
      }),
    );
  });

  it('is symmetric', () => {
    const time = fc.option(fc.integer({ min: 0, max: 4e12 }), { nil: null });
    const precision = fc.constantFrom('exact' as const, 'listing' as const);
    fc.assert(
      fc.property(time, precision, time, precision, (a, ap, b, bp) => {
        const there = newerSide(b, bp, a, ap);
        expect(newerSide(a, ap, b, bp)).toBe(there === 'a' ? 'b' : there === 'b' ? 'a' : 'same');
      }),
    );
  });

  it('reads a listing time’s precision from the time itself', () => {
    expect(precisionOf(Date.UTC(2025, 0, 1), 'listing')).toBe(86_400_000);
    expect(precisionOf(T_MINUTE, 'listing')).toBe(60_000);
    expect(precisionOf(T_MINUTE + 7_000, 'listing')).toBe(1_000);
    expect(precisionOf(T_MINUTE, 'exact')).toBe(1_000);
  });
});

describe('the summary', () => {
  it('counts what the panes show, and says where the lone entries are', () => {
    const result = compareFolders(
      local(file('new.txt', 1, T), file('same.txt', 2, T), file('.hidden', 3, T)),
      sftp(file('new.txt', 1, T - 60_000), file('same.txt', 2, T), file('only-there', 1, T)),
    );
    const counts = countComparison(
      result,
      ['new.txt', 'same.txt'],
      ['new.txt', 'same.txt', 'only-there'],
    );
    expect(counts).toEqual({ differ: 1, onlyLocal: 0, onlyRemote: 1, same: 1 });
    expect(summaryText(counts)).toBe('1 differ · 1 only on the server · 1 the same');
    expect(summaryText({ differ: 0, onlyLocal: 2, onlyRemote: 0, same: 0 })).toBe(
      '0 differ · 2 only on this computer · 0 the same',
    );
  });
});

describe('what a pane offers to send', () => {
  it('counts folders apart from files: a folder goes with all it holds', () => {
    const result = compareFolders(
      local(
        file('a.txt', 1, T),
        file('b.txt', 2, T),
        file('c.txt', 3, T),
        file('same.txt', 4, T),
        folder('photos'),
        folder('site'),
        folder('.cache'),
      ),
      sftp(file('a.txt', 9, T), file('same.txt', 4, T), folder('site')),
    );
    // .cache is hidden in the pane: not counted, as it is not selected either.
    const shownNames = ['a.txt', 'b.txt', 'c.txt', 'same.txt', 'photos', 'site'];
    const local3and1 = differingShown(result.local, shownNames);
    expect(local3and1).toEqual({ files: 3, folders: 1 });
    expect(toSendText(local3and1, 'upload')).toBe(
      '3 files and 1 folder to upload: only here, newer, or another size.',
    );
    expect(toSendText({ files: 1, folders: 0 }, 'download')).toBe(
      '1 file to download: only here, newer, or another size.',
    );
    expect(toSendText({ files: 0, folders: 2 }, 'upload')).toBe(
      '2 folders to upload: only here, newer, or another size.',
    );
    expect(toSendText({ files: 0, folders: 0 }, 'download')).toBe(
      'Nothing to download: nothing here is missing there, newer, or of another size.',
    );
  });
});
