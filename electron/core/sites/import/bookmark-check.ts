/**
 * Bookmarks from an imported file (FileZilla's, Ferry's own export), checked by the same rules as
 * bookmarks made in Ferry. What does not fit is left out and said in the preview's notes; a local
 * folder on another computer is dropped (see isNetworkPath).
 */
import {
  BOOKMARKS_MAX,
  bookmarkFields,
  type BookmarkFields,
} from '../../../../shared/contract/bookmarks';
import { clampText } from '../text-limits';

/** One bookmark as the file has it; `remoteDir` undefined: no server folder Ferry can open. */
export interface FoundBookmark {
  name: string;
  remoteDir: string | undefined;
  localDir: string;
  syncBrowsing: boolean;
}

export const quoted = (name: string) => `“${clampText(name, 60)}”`;

/**
 * `\\host\share`, `//host/share`, `\\?\UNC\…`: a folder on another computer. Windows opens it
 * by connecting to that host with the user's credentials, so a file from elsewhere must not
 * choose one.
 */
export function isNetworkPath(path: string): boolean {
  return /^[\\/]{2}/.test(path);
}

/**
 * A site's key file or local start folder on another computer is left out (set to '') and said
 * in `notes`, whichever client's file it came from: using it would make this computer contact
 * that host, and log in to it with the user's Windows credentials, unasked.
 */
export function leaveOutNetworkPath(
  draft: { keyFile: string; localDir: string; jumpKeyFile?: string },
  field: 'keyFile' | 'localDir' | 'jumpKeyFile',
  notes: string[],
): void {
  const path = draft[field] ?? '';
  if (!isNetworkPath(path.trim())) return;
  const words = {
    keyFile: 'key file',
    localDir: 'local folder',
    jumpKeyFile: 'SSH tunnel key file',
  }[field];
  notes.push(
    `Its ${words} ${quoted(path)} is on another computer, which using it would make this one contact (and log in to) unasked: it was left out.`,
  );
  draft[field] = '';
}

export function checkBookmarks(found: FoundBookmark[]): {
  bookmarks: BookmarkFields[];
  notes: string[];
} {
  const bookmarks: BookmarkFields[] = [];
  const notes: string[] = [];
  const taken = new Set<string>();
  for (const bookmark of found) {
    const name = bookmark.name.trim();
    if (name === '') continue;
    if (bookmark.remoteDir === undefined) {
      notes.push(`Bookmark ${quoted(name)} has no server folder Ferry can open and was left out.`);
      continue;
    }
    let localDir = bookmark.localDir.trim();
    if (isNetworkPath(localDir)) {
      notes.push(
        `Bookmark ${quoted(name)} comes without its local folder ${quoted(localDir)}: it is on another computer, which opening the bookmark would make this one contact (and log in to) unasked. If you trust it, open it in the local pane and bookmark it again.`,
      );
      localDir = '';
    }
    const parsed = bookmarkFields.safeParse({
      name,
      remoteDir: bookmark.remoteDir,
      localDir,
      syncBrowsing: localDir !== '' && bookmark.syncBrowsing,
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
