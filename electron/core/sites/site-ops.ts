/**
 * The edits the site manager makes, as plain functions on a SitesDocument. Each one changes only
 * the records it names, so replaying it on a freshly read file keeps everyone else's edits.
 */
import type { RecentConnection, SiteDraft, SiteProfile } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import type { SitesDocument } from './document';

const RECENT_LIMIT = 10;

/** What a site says about its secrets (never the secrets). */
export type SiteFlags = Pick<
  SiteProfile,
  | 'hasPassword'
  | 'hasPassphrase'
  | 'passwordNotImported'
  | 'hasProxyPassword'
  | 'hasJumpPassword'
  | 'hasJumpPassphrase'
>;

/** One collator for every comparison: `localeCompare` with options builds one per call (slow). */
const NAME_COLLATOR = new Intl.Collator(undefined, { sensitivity: 'accent' });

function sameName(a: string, b: string): boolean {
  return NAME_COLLATOR.compare(a, b) === 0;
}

export function findSite(doc: SitesDocument, siteId: string): SiteProfile {
  const site = doc.sites.find((s) => s.id === siteId);
  if (!site) {
    throw new FerryError(
      'not_found',
      'That site no longer exists.',
      'It may have been deleted in another window.',
    );
  }
  return site;
}

function requireFolder(doc: SitesDocument, folderId: string | null): void {
  if (folderId !== null && !doc.folders.some((f) => f.id === folderId)) {
    throw new FerryError(
      'not_found',
      'That folder no longer exists.',
      'It may have been deleted in another window.',
    );
  }
}

function nameTaken(doc: SitesDocument, name: string, parentId: string | null, exceptId?: string) {
  return (
    doc.sites.some((s) => s.folderId === parentId && s.id !== exceptId && sameName(s.name, name)) ||
    doc.folders.some((f) => f.parentId === parentId && f.id !== exceptId && sameName(f.name, name))
  );
}

function refuseTaken(doc: SitesDocument, name: string, parentId: string | null, exceptId?: string) {
  if (nameTaken(doc, name, parentId, exceptId)) {
    throw new FerryError(
      'already_exists',
      `"${name}" already exists in this folder.`,
      'Choose another name.',
    );
  }
}

/** `name`, or `name (2)`, `name (3)`… whichever is free in that folder. */
export function freeName(doc: SitesDocument, name: string, parentId: string | null): string {
  return freeNameFrom(doc, name, parentId, 1).name;
}

/** The first free of `name` (number 1) and `name (n)` for n ≥ 2, trying numbers from `from`. */
function freeNameFrom(doc: SitesDocument, name: string, parentId: string | null, from: number) {
  for (let n = from; ; n++) {
    const candidate = n === 1 ? name : `${name} (${n})`;
    if (!nameTaken(doc, candidate, parentId)) return { name: candidate, number: n };
  }
}

/**
 * freeName for many additions in one edit (an import): names are only added meanwhile, so a
 * number once taken stays taken and the next search starts after it. Without this, a file of a
 * thousand sites called "Server" would try half a million names, each against every site.
 */
export function freeNamesFor(
  doc: SitesDocument,
): (name: string, parentId: string | null) => string {
  const next = new Map<string, number>();
  return (name, parentId) => {
    const key = `${parentId ?? ''}\u0000${name}`;
    const given = freeNameFrom(doc, name, parentId, next.get(key) ?? 1);
    next.set(key, Math.max(2, given.number + 1));
    return given.name;
  };
}

export function addSite(
  doc: SitesDocument,
  draft: SiteDraft,
  id: string,
  flags: SiteFlags,
  now: number,
): SiteProfile {
  requireFolder(doc, draft.folderId);
  refuseTaken(doc, draft.name, draft.folderId);
  const site: SiteProfile = {
    ...draft,
    id,
    ...flags,
    bookmarks: [],
    revision: 1,
    createdAt: now,
    updatedAt: now,
  };
  doc.sites.push(site);
  return site;
}

/** Replaces one site's fields (last write wins for that site, others untouched). */
export function updateSite(
  doc: SitesDocument,
  draft: SiteDraft & { id: string },
  flags: Partial<SiteFlags>,
  now: number,
): SiteProfile {
  const current = findSite(doc, draft.id);
  requireFolder(doc, draft.folderId);
  refuseTaken(doc, draft.name, draft.folderId, draft.id);
  const next: SiteProfile = {
    ...current,
    ...draft,
    ...flags,
    revision: current.revision + 1,
    updatedAt: now,
  };
  doc.sites[doc.sites.indexOf(current)] = next;
  return next;
}

export function duplicateSite(
  doc: SitesDocument,
  siteId: string,
  newId: string,
  now: number,
): SiteProfile {
  const source = findSite(doc, siteId);
  const copy: SiteProfile = {
    ...source,
    id: newId,
    name: freeName(doc, `${source.name} (copy)`, source.folderId),
    revision: 1,
    createdAt: now,
    updatedAt: now,
  };
  doc.sites.push(copy);
  return copy;
}

export function deleteSite(doc: SitesDocument, siteId: string): SiteProfile {
  const site = findSite(doc, siteId);
  doc.sites = doc.sites.filter((s) => s.id !== siteId);
  return site;
}

export function createFolder(
  doc: SitesDocument,
  name: string,
  parentId: string | null,
  id: string,
) {
  requireFolder(doc, parentId);
  refuseTaken(doc, name, parentId);
  const folder = { id, name, parentId };
  doc.folders.push(folder);
  return folder;
}

/** The folder and every folder inside it, at any depth. */
function folderWithDescendants(doc: SitesDocument, folderId: string): Set<string> {
  const ids = new Set([folderId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const f of doc.folders) {
      if (f.parentId !== null && ids.has(f.parentId) && !ids.has(f.id)) {
        ids.add(f.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Deletes a folder with everything inside; returns the deleted sites (their secrets go too). */
export function deleteFolder(doc: SitesDocument, folderId: string): SiteProfile[] {
  requireFolder(doc, folderId);
  const ids = folderWithDescendants(doc, folderId);
  const removed = doc.sites.filter((s) => s.folderId !== null && ids.has(s.folderId));
  doc.folders = doc.folders.filter((f) => !ids.has(f.id));
  doc.sites = doc.sites.filter((s) => !removed.includes(s));
  return removed;
}

export function renameEntry(doc: SitesDocument, kind: 'site' | 'folder', id: string, name: string) {
  if (kind === 'site') {
    const site = findSite(doc, id);
    refuseTaken(doc, name, site.folderId, id);
    Object.assign(site, { name, revision: site.revision + 1, updatedAt: Date.now() });
    return;
  }
  requireFolder(doc, id);
  const folder = doc.folders.find((f) => f.id === id);
  if (!folder) return;
  refuseTaken(doc, name, folder.parentId, id);
  folder.name = name;
}

export function moveEntry(
  doc: SitesDocument,
  kind: 'site' | 'folder',
  id: string,
  parentId: string | null,
) {
  requireFolder(doc, parentId);
  if (kind === 'site') {
    const site = findSite(doc, id);
    if (site.folderId === parentId) return;
    refuseTaken(doc, site.name, parentId, id);
    Object.assign(site, { folderId: parentId, revision: site.revision + 1, updatedAt: Date.now() });
    return;
  }
  requireFolder(doc, id);
  const folder = doc.folders.find((f) => f.id === id);
  if (!folder || folder.parentId === parentId) return;
  if (parentId !== null && folderWithDescendants(doc, id).has(parentId)) {
    throw new FerryError(
      'invalid_input',
      'A folder cannot go inside itself.',
      'Drop it on another folder, or on the top level.',
    );
  }
  refuseTaken(doc, folder.name, parentId, id);
  folder.parentId = parentId;
}

/** Puts a connection at the top of the recent list (one entry per server and user). */
export function addRecent(doc: SitesDocument, entry: RecentConnection): void {
  const same = (r: RecentConnection) =>
    r.protocol === entry.protocol &&
    r.host.toLowerCase() === entry.host.toLowerCase() &&
    r.port === entry.port &&
    r.user === entry.user;
  doc.recent = [entry, ...doc.recent.filter((r) => !same(r))].slice(0, RECENT_LIMIT);
}

/** After the saved secrets were lost (a forgotten master password): no site claims one. */
export function clearSavedSecrets(doc: SitesDocument, now: number): number {
  let cleared = 0;
  doc.sites = doc.sites.map((site) => {
    if (!site.hasPassword && !site.hasPassphrase) return site;
    cleared++;
    return {
      ...site,
      hasPassword: false,
      hasPassphrase: false,
      revision: site.revision + 1,
      updatedAt: now,
    };
  });
  return cleared;
}
