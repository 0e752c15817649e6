/**
 * A site's "Adjust server time" (FileZilla's name): minutes added to every time the server lists.
 * A server whose listing shows its own clock 2 hours ahead of UTC needs −2 h; a half-hour zone
 * (India, +5:30) needs −5 h 30 min. Quarter hours from −24 h to +24 h, as the sites file keeps it.
 */
import { SERVER_TIME_OFFSET_MAX, SERVER_TIME_OFFSET_STEP } from '../../../shared/contract/sites';

const MINUTE = 60_000;

/** A time as the server listed it, moved by the site's offset: what the user is shown. */
export function adjustedTime(listed: number | null, offsetMinutes: number): number | null {
  return listed === null ? null : listed + offsetMinutes * MINUTE;
}

export { shiftOfOffset } from '../../../shared/compare/compare-folders';

/** "+5 h 30 min", "−2 h", "+45 min", "None". A real minus sign, as people read it. */
export function offsetText(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'None';
  const sign = offsetMinutes < 0 ? '−' : '+';
  const size = Math.abs(offsetMinutes);
  const hours = Math.floor(size / 60);
  const minutes = size % 60;
  const parts = [hours > 0 ? `${hours} h` : '', minutes > 0 ? `${minutes} min` : ''];
  return `${sign}${parts.filter(Boolean).join(' ')}`;
}

/** Every offset a site may have, from −24 h to +24 h in quarter hours. */
export function offsetChoices(): number[] {
  const choices: number[] = [];
  for (let m = -SERVER_TIME_OFFSET_MAX; m <= SERVER_TIME_OFFSET_MAX; m += SERVER_TIME_OFFSET_STEP)
    choices.push(m);
  return choices;
}

/** The comparison's summary when the site's offset was applied rather than a guessed zone. */
export function siteOffsetText(offsetMinutes: number): string {
  return `The server’s times were moved by ${offsetText(offsetMinutes)}, as this site’s “Adjust server time” says, before comparing.`;
}
