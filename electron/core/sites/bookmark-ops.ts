/**
 * A saved site's bookmarks, edited as plain functions on a SitesDocument like site-ops.ts: each
 * touches one bookmark of one site, so replaying it on a freshly read file (another window, the
 * `ferry` command) keeps everyone else's changes, bookmarks included.
 */
import {
  BOOKMARKS_MAX,
  type Bookmark,
  type BookmarkFields,
} from '../../../shared/contract/bookmarks';
import { FerryError } from '../../../shared/errors';
import type { SitesDocument } from './document';
import { findSite } from './site-ops';

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

function refuseTaken(bookmarks: readonly Bookmark[], name: string, exceptId?: string): void {
  if (bookmarks.some((b) => b.id !== exceptId && sameName(b.name, name))) {
    throw new FerryError(
      'already_exists',
      `This site already has a bookmark called "${name}".`,
      'Choose another name, or delete the old bookmark first.',
    );
  }
}

function findBookmark(doc: SitesDocument, siteId: string, bookmarkId: string): Bookmark {
  const bookmark = findSite(doc, siteId).bookmarks.find((b) => b.id === bookmarkId);
  if (!bookmark) {
    throw new FerryError(
      'not_found',
      'That bookmark no longer exists.',
      'It may have been deleted in another window.',
    );
  }
  return bookmark;
}

export function addBookmark(
  doc: SitesDocument,
  siteId: string,
  fields: BookmarkFields,
  id: string,
): Bookmark {
  const site = findSite(doc, siteId);
  refuseTaken(site.bookmarks, fields.name);
  if (site.bookmarks.length >= BOOKMARKS_MAX) {
    throw new FerryError(
      'invalid_input',
      `“${site.name}” already has ${BOOKMARKS_MAX} bookmarks, the most a site keeps.`,
      'Delete bookmarks you no longer use, then add this one again.',
    );
  }
  const bookmark: Bookmark = { id, ...fields };
  site.bookmarks.push(bookmark);
  return bookmark;
}

export function renameBookmark(
  doc: SitesDocument,
  siteId: string,
  bookmarkId: string,
  name: string,
): void {
  const bookmark = findBookmark(doc, siteId, bookmarkId);
  refuseTaken(findSite(doc, siteId).bookmarks, name, bookmarkId);
  bookmark.name = name;
}

export function deleteBookmark(doc: SitesDocument, siteId: string, bookmarkId: string): void {
  findBookmark(doc, siteId, bookmarkId);
  const site = findSite(doc, siteId);
  site.bookmarks = site.bookmarks.filter((b) => b.id !== bookmarkId);
}
