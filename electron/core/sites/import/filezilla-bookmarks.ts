/**
 * A FileZilla site's own bookmarks (<Bookmark> inside <Server>: Name, LocalDir, RemoteDir coded
 * as FileZilla codes server paths, SyncBrowsing) and its "Adjust server time" (<TimezoneOffset>,
 * in minutes). Paths from the file are checked by the same rules as bookmarks made in Ferry;
 * what does not fit is left out and said in the preview's notes.
 */
import {
  BOOKMARKS_MAX,
  bookmarkFields,
  type BookmarkFields,
} from '../../../../shared/contract/bookmarks';
import { SERVER_TIME_OFFSET_MAX, SERVER_TIME_OFFSET_STEP } from '../../../../shared/contract/sites';
import { clampText } from '../text-limits';
import { decodeFileZillaPath } from './filezilla-path';
import { childElements, childText, type XmlElement } from './xml-lite';

const quoted = (name: string) => `“${clampText(name, 60)}”`;

export function fileZillaBookmarks(server: XmlElement): {
  bookmarks: BookmarkFields[];
  notes: string[];
} {
  const bookmarks: BookmarkFields[] = [];
  const notes: string[] = [];
  const taken = new Set<string>();
  for (const element of childElements(server, 'Bookmark')) {
    const name = (childText(element, 'Name') ?? '').trim();
    if (name === '') continue;
    const remote = decodeFileZillaPath(childText(element, 'RemoteDir') ?? '');
    if (remote.path === undefined) {
      notes.push(`Bookmark ${quoted(name)} has no server folder Ferry can open and was left out.`);
      continue;
    }
    let localDir = (childText(element, 'LocalDir') ?? '').trim();
    if (isNetworkPath(localDir)) {
      notes.push(
        `Bookmark ${quoted(name)} comes without its local folder ${quoted(localDir)}: it is on another computer, which opening the bookmark would make this one contact (and log in to) unasked. If you trust it, open it in the local pane and bookmark it again.`,
      );
      localDir = '';
    }
    const parsed = bookmarkFields.safeParse({
      name,
      remoteDir: remote.path,
      localDir,
      syncBrowsing: localDir !== '' && childText(element, 'SyncBrowsing') === '1',
    });
    const key = name.toLocaleLowerCase();
    if (!parsed.success || taken.has(key) || bookmarks.length >= BOOKMARKS_MAX) {
      const why = parsed.success
        ? taken.has(key)
          ? 'another bookmark has its name'
          : `a site keeps at most ${BOOKMARKS_MAX}`
        : (parsed.error.issues[0]?.message.toLowerCase() ?? 'it is not valid');
      notes.push(`Bookmark ${quoted(name)} was left out: ${why}.`);
      continue;
    }
    taken.add(key);
    bookmarks.push(parsed.data);
  }
  if (bookmarks.length > 0) {
    notes.push(
      bookmarks.length === 1
        ? 'Its bookmark comes along.'
        : `Its ${bookmarks.length} bookmarks come along.`,
    );
  }
  return { bookmarks, notes };
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

/**
 * `\\host\share`, `//host/share`, `\\?\UNC\…`: a folder on another computer. Windows opens it
 * by connecting to that host with the user's credentials, so a file from elsewhere must not
 * choose one.
 */
function isNetworkPath(path: string): boolean {
  return /^[\\/]{2}/.test(path);
}
