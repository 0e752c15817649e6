/**
 * A site's "Adjust server time": the arithmetic, and what it does to a folder comparison — it
 * takes precedence over the guessed time zone, and fits the half-hour zones a guess never takes.
 */
import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../shared/types';
import { compareFolders, type CompareSide } from './compareFolders';
import {
  adjustedTime,
  offsetChoices,
  offsetText,
  shiftOfOffset,
  siteOffsetText,
} from './serverTimeOffset';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
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
const marks = (side: { marks: ReadonlyMap<string, string> }) => [...side.marks.values()];

/** Local times a few minutes apart, to the millisecond. */
const T = [0, 1, 2, 3].map((i) => Date.UTC(2026, 10, 26, 9, 5 + 7 * i, 17 + i, 250));
/** A LIST of a server whose clock is `minutes` ahead of UTC: its wall clock, to the minute. */
const listed = (time: number, minutes: number) =>
  Math.floor(time / MINUTE) * MINUTE + minutes * MINUTE;

function unchangedOn(serverAheadMinutes: number) {
  return {
    here: local(...T.map((t, i) => file(`f${i}.txt`, 100 + i, t))),
    there: ftp(...T.map((t, i) => file(`f${i}.txt`, 100 + i, listed(t, serverAheadMinutes)))),
  };
}

describe('the offset arithmetic', () => {
  it.each([
    [0, 'None'],
    [-120, '−2 h'],
    [330, '+5 h 30 min'],
    [-330, '−5 h 30 min'],
    [45, '+45 min'],
    [-1440, '−24 h'],
    [525, '+8 h 45 min'],
  ])('%i minutes reads "%s"', (minutes, text) => {
    expect(offsetText(minutes)).toBe(text);
  });

  it('offers every quarter hour from −24 h to +24 h', () => {
    const choices = offsetChoices();
    expect(choices).toHaveLength(193);
    expect(choices[0]).toBe(-1440);
    expect(choices.at(-1)).toBe(1440);
    expect(choices).toContain(-330);
    expect(choices).toContain(345);
    expect(choices).toContain(0);
  });

  it('adds the offset to a listed time, across midnight and the year’s end', () => {
    expect(adjustedTime(Date.UTC(2026, 10, 27, 0, 10), -30)).toBe(Date.UTC(2026, 10, 26, 23, 40));
    expect(adjustedTime(Date.UTC(2026, 11, 31, 23, 0), 90)).toBe(Date.UTC(2027, 0, 1, 0, 30));
    expect(adjustedTime(null, 60)).toBeNull();
    expect(shiftOfOffset(-330)).toBe(330 * MINUTE);
    expect(shiftOfOffset(0)).toBe(0);
  });
});

describe('comparing with a site’s offset', () => {
  it('a half-hour zone (+5:30): the same with the site’s −5 h 30 min, different without', () => {
    const { here, there } = unchangedOn(330);
    const guessed = compareFolders(here, there);
    // A guess takes whole hours only: half an hour off stays a real difference.
    expect(guessed.remoteTimeShift).toBeNull();
    expect(marks(guessed.local)).toEqual(['older', 'older', 'older', 'older']);

    const set = compareFolders(here, there, -330);
    expect(marks(set.local)).toEqual(['same', 'same', 'same', 'same']);
    expect(set.remoteTimeShift).toEqual({ by: 'site', minutes: -330 });
    expect(set.local.differing.size + set.remote.differing.size).toBe(0);
    expect(siteOffsetText(-330)).toBe(
      'The server’s times were moved by −5 h 30 min, as this site’s “Adjust server time” says, before comparing.',
    );
  });

  it('the site’s offset takes precedence over a time zone the times suggest', () => {
    const { here, there } = unchangedOn(120);
    expect(compareFolders(here, there).remoteTimeShift).toEqual({ by: 'detected', hours: 2 });
    const right = compareFolders(here, there, -120);
    expect(right.remoteTimeShift).toEqual({ by: 'site', minutes: -120 });
    expect(right.remoteHoursOff).toBe(0);
    expect(marks(right.local)).toEqual(['same', 'same', 'same', 'same']);
    // A wrong setting is the user's word too: nothing is guessed on top of it.
    const wrong = compareFolders(here, there, -60);
    expect(marks(wrong.local)).toEqual(['older', 'older', 'older', 'older']);
  });

  it('across midnight: a file listed 00:10 on the server’s next day is the local 23:40 one', () => {
    const localTime = Date.UTC(2026, 10, 26, 23, 40, 30);
    const result = compareFolders(
      local(file('late.txt', 5, localTime)),
      ftp(file('late.txt', 5, Date.UTC(2026, 10, 27, 0, 10))),
      -30,
    );
    expect(marks(result.local)).toEqual(['same']);
  });

  it('a file listed to the day only is that day of the server’s clock, moved by the offset', () => {
    // A server at +5:30 lists an old file as "Nov 26 2025": from Nov 25 18:30 to Nov 26 18:30 UTC.
    const day = Date.UTC(2025, 10, 26);
    const eveningBefore = Date.UTC(2025, 10, 25, 20, 0);
    const lateThatDay = Date.UTC(2025, 10, 26, 19, 0);
    const compare = (here: number, offset: number) =>
      marks(
        compareFolders(local(file('old.txt', 5, here)), ftp(file('old.txt', 5, day)), offset).local,
      );
    expect(compare(eveningBefore, -330)).toEqual(['same']);
    expect(compare(eveningBefore, 0)).toEqual(['older']);
    expect(compare(lateThatDay, -330)).toEqual(['newer']);
  });

  it('an SFTP server’s exact times move too, to the second', () => {
    const result = compareFolders(
      local(file('a.bin', 9, T[0] ?? 0), file('b.bin', 9, (T[1] ?? 0) + 2 * HOUR)),
      sftp(
        file('a.bin', 9, (T[0] ?? 0) + 45 * MINUTE),
        file('b.bin', 9, (T[1] ?? 0) + 45 * MINUTE),
      ),
      -45,
    );
    expect(marks(result.local)).toEqual(['same', 'newer']);
  });
});
