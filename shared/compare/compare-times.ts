/**
 * Modified times compared across two sides: how precise each side's times are, which copy is
 * newer, and whether a server's listed times are off by its time zone.
 */

/**
 * How precise a side's modified times are. `exact`: a file system or SFTP (seconds or better).
 * `listing`: an FTP listing, which says at best the minute (`LIST`: "Nov 26 14:05"), for older
 * files only the day ("Nov 26 2025"), and sometimes the second (`MLSD`): each time's precision
 * is read from the time itself.
 */
export type TimePrecision = 'exact' | 'listing';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The span a time stands for: a listing's "14:05" is any moment from 14:05:00 to 14:05:59. */
export function precisionOf(time: number, precision: TimePrecision): number {
  if (precision === 'exact') return SECOND;
  if (time % DAY === 0) return DAY;
  if (time % MINUTE === 0) return MINUTE;
  return SECOND;
}

/**
 * Which copy is newer: 'same' when the two times can stand for the same moment (each time
 * covers its precision, and no side is more precise than a second), or when a time is unknown.
 * `bShift` is taken off `b` once its precision is read (a server's time zone, in whole hours).
 */
export function newerSide(
  a: number | null,
  aPrecision: TimePrecision,
  b: number | null,
  bPrecision: TimePrecision,
  bShift = 0,
): 'a' | 'b' | 'same' {
  if (a === null || b === null) return 'same';
  const aStart = Math.floor(a / SECOND) * SECOND;
  const bListed = Math.floor(b / SECOND) * SECOND;
  const aEnd = aStart + precisionOf(aStart, aPrecision);
  const bStart = bListed - bShift;
  const bEnd = bStart + precisionOf(bListed, bPrecision);
  if (aStart >= bEnd) return 'a';
  if (bStart >= aEnd) return 'b';
  return 'same';
}

/** Two copies of one file, of the same size, with known times: `listed` is the server's. */
export interface SameSizePair {
  here: number;
  listed: number;
}

/** Time zones run from UTC−12 to UTC+14: a server's clock is at most 14 hours off ours. */
const MOST_HOURS_OFF = 14;
/** Fewer pairs than this say too little: two files could differ by an hour by chance. */
const FEWEST_PAIRS = 3;

/**
 * An FTP `LIST` gives the server's wall-clock time without a zone, and it is read as UTC: a server
 * whose clock runs in another zone makes every unchanged file look hours newer or older. When
 * every same-size pair is off by the same whole number of hours (within what the listing can say)
 * and at least three pairs tell more than the day, that is taken as the server's time zone.
 * Answers those hours (listed minus actual; 0 for none).
 */
export function listingHoursOff(
  pairs: readonly SameSizePair[],
  herePrecision: TimePrecision,
  listedPrecision: TimePrecision,
): number {
  if (listedPrecision !== 'listing') return 0;
  // A time listed to the day fits many offsets: it may confirm one, never suggest one.
  const telling = pairs.filter(
    (pair) => precisionOf(Math.floor(pair.listed / SECOND) * SECOND, listedPrecision) < DAY,
  );
  const [first] = telling;
  if (!first || telling.length < FEWEST_PAIRS) return 0;
  const hours = Math.round((first.listed - first.here) / HOUR);
  if (hours === 0 || Math.abs(hours) > MOST_HOURS_OFF) return 0;
  const fits = pairs.every(
    (pair) =>
      newerSide(pair.here, herePrecision, pair.listed, listedPrecision, hours * HOUR) === 'same',
  );
  return fits ? hours : 0;
}

/** "The server’s times look 2 hours off (its time zone); compared with that in mind." */
export function hoursOffText(hours: number): string {
  const size = Math.abs(hours);
  return `The server’s times look ${size} ${size === 1 ? 'hour' : 'hours'} off (its time zone); compared with that in mind.`;
}
