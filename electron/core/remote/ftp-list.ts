import { type FileInfo, FileType } from 'basic-ftp';
import type { EntryKind, FileEntry } from '../../../shared/types';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Parses the date column of a Unix-style LIST line (basic-ftp leaves it raw). Recent entries
 * show `Mon DD HH:MM` without a year: it is the latest such date not in the future (a day of
 * slack for clock and zone differences). Servers usually write these in UTC (vsftpd's
 * default); where a server uses local time the date is off by its zone, which LIST cannot tell.
 * Returns milliseconds since the epoch, or null for anything else.
 */
export function parseListDate(raw: string, now: Date = new Date()): number | null {
  const text = raw.trim().replace(/\s+/g, ' ');
  const iso = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2})$/.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi] = iso.map(Number) as number[];
    return checked(Date.UTC(y ?? 0, (mo ?? 0) - 1, d ?? 0, h ?? 0, mi ?? 0), mo, d);
  }
  const unix = /^([A-Za-z]{3}) (\d{1,2}) (?:(\d{4})|(\d{1,2}):(\d{2}))$/.exec(text);
  if (!unix) return null;
  const month = MONTHS.indexOf((unix[1] ?? '').toLowerCase());
  const day = Number(unix[2]);
  if (month === -1) return null;
  if (unix[3] !== undefined) return checked(Date.UTC(Number(unix[3]), month, day), month + 1, day);
  const hour = Number(unix[4]);
  const minute = Number(unix[5]);
  if (hour > 23 || minute > 59) return null;
  const latest = now.getTime() + 24 * 60 * 60 * 1000;
  let year = now.getUTCFullYear();
  let time = Date.UTC(year, month, day, hour, minute);
  if (time > latest) {
    year -= 1;
    time = Date.UTC(year, month, day, hour, minute);
  }
  return checked(time, month + 1, day);
}

/**
 * The time in an MDTM reply ("213 YYYYMMDDhhmmss[.sss]", UTC per RFC 3659), in milliseconds
 * since the epoch; null when the reply carries no such time.
 */
export function parseMdtmReply(message: string): number | null {
  const match = /^213 (\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3})\d*)?\s*$/.exec(
    message.trim(),
  );
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1, 7).map(Number) as number[];
  const ms = Number((match[7] ?? '0').padEnd(3, '0'));
  if ((h ?? 0) > 23 || (mi ?? 0) > 59 || (s ?? 0) > 60) return null;
  return checked(Date.UTC(y ?? 0, (mo ?? 0) - 1, d ?? 0, h ?? 0, mi ?? 0, s ?? 0, ms), mo, d);
}

/** The byte count in a SIZE reply ("213 <bytes>"); undefined when there is none. */
export function parseSizeReply(message: string): number | undefined {
  const match = /^213 (\d+)\s*$/.exec(message.trim());
  if (!match?.[1]) return undefined;
  const size = Number(match[1]);
  return Number.isSafeInteger(size) ? size : undefined;
}

/** Rejects dates that Date.UTC silently rolled over (Feb 31 → Mar 3). */
function checked(time: number, month: number | undefined, day: number | undefined): number | null {
  const date = new Date(time);
  return date.getUTCMonth() + 1 === month && date.getUTCDate() === day ? time : null;
}

function kindOf(info: FileInfo): EntryKind {
  switch (info.type) {
    case FileType.File:
      return 'file';
    case FileType.Directory:
      return 'folder';
    case FileType.SymbolicLink:
      return 'symlink';
    default:
      return 'other';
  }
}

export function toFileEntry(info: FileInfo, now: Date = new Date()): FileEntry {
  const kind = kindOf(info);
  const permissions = info.permissions;
  const entry: FileEntry = {
    name: info.name,
    kind,
    size: kind === 'folder' ? 0 : Math.max(0, Number.isFinite(info.size) ? info.size : 0),
    modified: info.modifiedAt
      ? info.modifiedAt.getTime()
      : info.rawModifiedAt
        ? parseListDate(info.rawModifiedAt, now)
        : null,
    mode: permissions
      ? permissions.user * 0o100 + permissions.group * 0o10 + permissions.world
      : null,
    hidden: info.name.startsWith('.'),
  };
  if (info.user) entry.owner = info.user;
  if (info.group) entry.group = info.group;
  if (info.link) entry.target = info.link;
  return entry;
}
