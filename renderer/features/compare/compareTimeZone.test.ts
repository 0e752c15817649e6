/**
 * An FTP server whose LIST shows its own time zone's clock: Ferry reads those times as UTC, so
 * unchanged files look hours newer or older. compareFolders takes a shift by the same whole hours
 * on every same-size file as the server's time zone, and never a mix of differences.
 */
import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../shared/types';
import { compareFolders, type CompareSide } from './compareFolders';
import { hoursOffText } from './compareTimes';

const HOUR = 3_600_000;
const file = (name: string, size: number, modified: number | null): FileEntry => ({
  name,
  kind: 'file',
  size,
  modified,
  mode: 0o644,
  hidden: false,
});
const local = (...entries: FileEntry[]): CompareSide => ({ entries, precision: 'exact' });
const ftp = (...entries: FileEntry[]): CompareSide => ({ entries, precision: 'listing' });
const sftp = (...entries: FileEntry[]): CompareSide => ({ entries, precision: 'exact' });
const marksOf = (side: { marks: ReadonlyMap<string, string> }) => Object.fromEntries(side.marks);

/** Local files' times, to the millisecond, a few minutes apart. */
const T = [0, 1, 2, 3].map((i) => Date.UTC(2026, 10, 26, 9, 5 + 7 * i, 17 + i, 250));
/** How a LIST shows a moment on a server whose clock is `hours` ahead of UTC: to the minute. */
const listed = (time: number, hours: number) => Math.floor(time / 60_000) * 60_000 + hours * HOUR;

/** Four files, each on both sides with the same bytes; the server's listed clock `hours` ahead. */
function unchanged(hours: number) {
  return {
    here: T.map((t, i) => file(`f${i}.txt`, 100 + i, t)),
    there: T.map((t, i) => file(`f${i}.txt`, 100 + i, listed(t, hours))),
  };
}

describe('a server listing times in its own time zone', () => {
  it('two hours ahead: unchanged files are the same, and nothing is offered', () => {
    const { here, there } = unchanged(2);
    const result = compareFolders(local(...here), ftp(...there));
    expect(result.remoteHoursOff).toBe(2);
    expect(Object.values(marksOf(result.local))).toEqual(['same', 'same', 'same', 'same']);
    expect(Object.values(marksOf(result.remote))).toEqual(['same', 'same', 'same', 'same']);
    expect(result.local.differing.size + result.remote.differing.size).toBe(0);
  });

  it('five hours behind, and a file of another size is judged by the shifted time', () => {
    const { here, there } = unchanged(-5);
    // Changed on the server an hour before the local copy: its listing reads 4 h before it.
    const changedAt = Date.UTC(2026, 10, 26, 11, 0, 0);
    const result = compareFolders(
      local(...here, file('report.pdf', 10, changedAt)),
      ftp(...there, file('report.pdf', 12, listed(changedAt - HOUR, -5))),
    );
    expect(result.remoteHoursOff).toBe(-5);
    expect(marksOf(result.local)['f0.txt']).toBe('same');
    expect(marksOf(result.local)['report.pdf']).toBe('size');
    // The local copy is the newer one: offered for upload, not for download.
    expect([...result.local.differing]).toEqual(['report.pdf']);
    expect([...result.remote.differing]).toEqual([]);
  });

  it('an old file listed to the day is compared in the server’s zone too', () => {
    const { here, there } = unchanged(3);
    // 2025-03-01 22:30 UTC is 01:30 on 2 March on the server: listed as "Mar 2 2025".
    const old = Date.UTC(2025, 2, 1, 22, 30);
    const result = compareFolders(
      local(...here, file('old.txt', 5, old)),
      ftp(...there, file('old.txt', 5, Date.UTC(2025, 2, 2))),
    );
    expect(result.remoteHoursOff).toBe(3);
    expect(marksOf(result.local)['old.txt']).toBe('same');
  });

  it('a mix is not a time zone: one file the same, three two hours apart stay newer there', () => {
    const { here, there } = unchanged(2);
    const mixed = [...there.slice(0, 3), file('f3.txt', 103, listed(T[3] ?? 0, 0))];
    const result = compareFolders(local(...here), ftp(...mixed));
    expect(result.remoteHoursOff).toBe(0);
    expect(marksOf(result.remote)).toEqual({
      'f0.txt': 'newer',
      'f1.txt': 'newer',
      'f2.txt': 'newer',
      'f3.txt': 'same',
    });
    expect([...result.remote.differing].sort()).toEqual(['f0.txt', 'f1.txt', 'f2.txt']);
  });

  it('differences of several sizes, not whole hours, or beyond any zone are no time zone', () => {
    const { here } = unchanged(0);
    const cases: Record<string, number[]> = {
      '2, 2 and 3 hours': [2, 2, 3, 2],
      'an hour and a half': [1.5, 1.5, 1.5, 1.5],
      '15 hours': [15, 15, 15, 15],
    };
    for (const [what, hours] of Object.entries(cases)) {
      const there = T.map((t, i) => file(`f${i}.txt`, 100 + i, listed(t, hours[i] ?? 0)));
      const result = compareFolders(local(...here), ftp(...there));
      expect(result.remoteHoursOff, what).toBe(0);
      expect(result.remote.differing.size, what).toBe(4);
    }
  });

  it('two files say too little; times listed to the day only say nothing', () => {
    const { here, there } = unchanged(2);
    const two = compareFolders(local(...here.slice(0, 2)), ftp(...there.slice(0, 2)));
    expect(two.remoteHoursOff).toBe(0);
    expect(Object.values(marksOf(two.remote))).toEqual(['newer', 'newer']);

    const days = [1, 2, 3].map((d) => Date.UTC(2025, 2, d));
    const byDay = compareFolders(
      local(...days.map((d, i) => file(`o${i}`, 1, d + 20 * HOUR))),
      ftp(...days.map((d, i) => file(`o${i}`, 1, d + 24 * HOUR))),
    );
    expect(byDay.remoteHoursOff).toBe(0);
  });

  it('SFTP times are not zoned: hours apart there are real differences', () => {
    const { here, there } = unchanged(2);
    const result = compareFolders(local(...here), sftp(...there));
    expect(result.remoteHoursOff).toBe(0);
    expect(result.remote.differing.size).toBe(4);
  });

  it('says so in plain words', () => {
    expect(hoursOffText(2)).toBe(
      'The server’s times look 2 hours off (its time zone); compared with that in mind.',
    );
    expect(hoursOffText(-1)).toBe(
      'The server’s times look 1 hour off (its time zone); compared with that in mind.',
    );
  });
});
