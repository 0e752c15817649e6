/**
 * A FileZilla site's own bookmarks (<Bookmark> inside <Server>: Name, LocalDir, RemoteDir coded
 * as FileZilla codes server paths, SyncBrowsing) and its "Adjust server time" (<TimezoneOffset>,
 * in minutes). Paths from the file are checked by the same rules as bookmarks made in Ferry;
 * what does not fit is left out and said in the preview's notes.
 */
import type { BookmarkFields } from '../../../../shared/contract/bookmarks';
import { SERVER_TIME_OFFSET_MAX, SERVER_TIME_OFFSET_STEP } from '../../../../shared/contract/sites';
import { clampText } from '../text-limits';
import { checkBookmarks } from './bookmark-check';
import { decodeFileZillaPath } from './filezilla-path';
import { childElements, childText, type XmlElement } from './xml-lite';

export function fileZillaBookmarks(server: XmlElement): {
  bookmarks: BookmarkFields[];
  notes: string[];
} {
  return checkBookmarks(
    childElements(server, 'Bookmark').map((element) => ({
      name: childText(element, 'Name') ?? '',
      remoteDir: decodeFileZillaPath(childText(element, 'RemoteDir') ?? '').path,
      localDir: childText(element, 'LocalDir') ?? '',
      syncBrowsing: childText(element, 'SyncBrowsing') === '1',
    })),
  );
}

/** <TimezoneOffset> in minutes, as Ferry keeps it: within ±24 h, in quarter hours. */
export function fileZillaTimeOffset(text: string | undefined): { minutes: number; note?: string } {
  const raw = Number((text ?? '').trim() || '0');
  if (!Number.isInteger(raw)) {
    return {
      minutes: 0,
      note: `Its server time offset "${clampText(text ?? '', 20)}" could not be read; none is set.`,
    };
  }
  const limited = Math.max(-SERVER_TIME_OFFSET_MAX, Math.min(SERVER_TIME_OFFSET_MAX, raw));
  const minutes = Math.round(limited / SERVER_TIME_OFFSET_STEP) * SERVER_TIME_OFFSET_STEP || 0;
  if (minutes === raw) return { minutes };
  return {
    minutes,
    note: `Its server time offset of ${raw} minutes became ${minutes}: Ferry sets it in quarter hours within 24 hours.`,
  };
}
