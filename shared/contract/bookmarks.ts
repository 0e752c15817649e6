/**
 * Bookmarks, as in FileZilla's site manager: a named remote folder, optionally with a local
 * folder and synchronized browsing, kept with one saved site. A bookmark's paths are user data
 * from a file: each side's path is checked by its own rule, and the two are never interchanged
 * (the remote folder only ever goes to the server's pane, the local one to this computer's).
 */
import { z } from 'zod';
import { method } from './define';

const id = z.string().min(1).max(100);

/** Most bookmarks one site keeps: a list this long is already hard to choose from. */
export const BOOKMARKS_MAX = 500;
export const BOOKMARK_NAME_MAX = 200;
const PATH_MAX = 4096;

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

export const bookmarkName = z
  .string()
  .trim()
  .min(1, 'A bookmark needs a name')
  .max(BOOKMARK_NAME_MAX)
  .refine((name) => !hasControlCharacters(name), 'A name has no control characters');

/** A folder on the server: absolute, in the server's own `/` form. */
export const bookmarkRemoteDir = z
  .string()
  .min(1, 'A bookmark needs a remote folder')
  .max(PATH_MAX)
  .refine((p) => p.startsWith('/'), 'A remote folder starts with /')
  .refine((p) => !hasControlCharacters(p), 'A folder has no control characters');

/** `/home/me`, `C:\Users\me`, `\\server\share`: a folder on this computer, from its root. */
export function isAbsoluteLocalPath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\[^\\/])/.test(path);
}

/** A folder on this computer, or '' for none (the local pane stays where it is). */
export const bookmarkLocalDir = z
  .string()
  .max(PATH_MAX)
  .refine((p) => p === '' || isAbsoluteLocalPath(p), 'A local folder is a full path')
  .refine((p) => !hasControlCharacters(p), 'A folder has no control characters');

const bookmarkShape = z.object({
  name: bookmarkName,
  remoteDir: bookmarkRemoteDir,
  localDir: bookmarkLocalDir,
  /** Opening the bookmark switches synchronized browsing on (needs both folders). */
  syncBrowsing: z.boolean(),
});

const syncNeedsBothFolders = {
  message: 'Synchronized browsing needs a local folder too',
  path: ['syncBrowsing'],
};

/** What the user gives when adding a bookmark. */
export const bookmarkFields = bookmarkShape.refine(
  (b) => !b.syncBrowsing || b.localDir !== '',
  syncNeedsBothFolders,
);
export type BookmarkFields = z.output<typeof bookmarkFields>;

/** A bookmark as the sites file keeps it. */
export const storedBookmark = bookmarkShape
  .extend({ id })
  .refine((b) => !b.syncBrowsing || b.localDir !== '', syncNeedsBothFolders);
export type Bookmark = z.output<typeof storedBookmark>;

export const bookmarkList = z.array(storedBookmark).max(BOOKMARKS_MAX);

export const bookmarkMethods = {
  /** Adds a bookmark to a saved site; refuses a name the site already has. */
  'sites.bookmark.add': method<Bookmark>()(z.object({ siteId: id, bookmark: bookmarkFields })),
  'sites.bookmark.rename': method<void>()(
    z.object({ siteId: id, bookmarkId: id, name: bookmarkName }),
  ),
  'sites.bookmark.delete': method<void>()(z.object({ siteId: id, bookmarkId: id })),
  /**
   * A quick connection was just saved as a site (to keep bookmarks): its session belongs to the
   * site from now on, so a reloaded page shows its tab as the site's. Refused unless the site is
   * for the session's own server and user.
   */
  'sites.session.adopt': method<void>()(z.object({ sessionId: id, siteId: id })),
};
