/**
 * Site manager → Export…: the saved sites as Ferry's own sites file (import/ferry-format.ts), for
 * another computer or a colleague. All sites, one folder with everything in it (the folder at the
 * file's top), or one site.
 */
import type { SitesExport } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import type { SitesDocument } from './document';
import {
  FERRY_EXPORT_FORMAT,
  FERRY_EXPORT_VERSION,
  SITE_SETTING_KEYS,
  type ExportedFolder,
  type ExportedSite,
  type FerryExportFile,
} from './import/ferry-format';

export type ExportScope = { kind: 'site' | 'folder'; id: string };

export function exportSites(
  doc: SitesDocument,
  scope?: ExportScope,
  now = new Date(),
): SitesExport {
  const { folders, sites } = chosen(doc, scope);
  const file: FerryExportFile = {
    format: FERRY_EXPORT_FORMAT,
    version: FERRY_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    folders,
    sites: sites.map((site) => exportedSite(site)),
  };
  return {
    fileName: `ferry-sites-${now.toISOString().slice(0, 10)}.json`,
    content: `${JSON.stringify(file, null, 2)}\n`,
    sites: sites.length,
    folders: folders.length,
  };
}

type Site = SitesDocument['sites'][number];

/** Settings and bookmarks only: which secrets exist, revisions and ids stay here. */
function exportedSite(site: Site): ExportedSite {
  const settings: Record<string, unknown> = {};
  for (const key of SITE_SETTING_KEYS) settings[key] = site[key];
  return {
    name: site.name,
    folderId: site.folderId,
    ...settings,
    bookmarks: site.bookmarks.map(({ name, remoteDir, localDir, syncBrowsing }) => ({
      name,
      remoteDir,
      localDir,
      syncBrowsing,
    })),
  };
}

function chosen(
  doc: SitesDocument,
  scope: ExportScope | undefined,
): { folders: ExportedFolder[]; sites: Site[] } {
  const folders = doc.folders.map(({ id, name, parentId }) => ({ id, name, parentId }));
  if (!scope) return { folders, sites: doc.sites };
  if (scope.kind === 'site') {
    const site = doc.sites.find((s) => s.id === scope.id);
    if (!site) throw gone('site');
    return { folders: [], sites: [{ ...site, folderId: null }] };
  }
  const top = folders.find((f) => f.id === scope.id);
  if (!top) throw gone('folder');
  const inside = new Set([top.id]);
  // Parents come in any order: repeat until no folder joins (the sites file has no cycles).
  for (let grew = true; grew;) {
    grew = false;
    for (const folder of folders) {
      if (!inside.has(folder.id) && folder.parentId !== null && inside.has(folder.parentId)) {
        inside.add(folder.id);
        grew = true;
      }
    }
  }
  return {
    folders: folders
      .filter((f) => inside.has(f.id))
      .map((f) => (f.id === top.id ? { ...f, parentId: null } : f)),
    sites: doc.sites.filter((s) => s.folderId !== null && inside.has(s.folderId)),
  };
}

function gone(kind: 'site' | 'folder'): FerryError {
  return new FerryError(
    'not_found',
    `That ${kind} no longer exists.`,
    'It may have been deleted in another window. Choose what to export again.',
  );
}
