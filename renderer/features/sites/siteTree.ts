import type { SiteFolder, SiteProfile } from '../../../shared/contract/sites';

export type TreeRow =
  | {
      kind: 'folder';
      id: string;
      name: string;
      level: number;
      parentId: string | null;
      expanded: boolean;
      empty: boolean;
    }
  | {
      kind: 'site';
      id: string;
      name: string;
      level: number;
      parentId: string | null;
      site: SiteProfile;
    };

interface TreeSource {
  folders: SiteFolder[];
  sites: SiteProfile[];
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });

/** Does the site match what the user typed in the search box (name, host or user)? */
export function siteMatches(site: SiteProfile, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return [site.name, site.host, site.user].some((text) => text.toLowerCase().includes(q));
}

/**
 * The rows the tree shows, top to bottom: folders first, then sites, each by name. While
 * searching, only matching sites and the folders leading to them show, all open.
 */
export function visibleRows(
  source: TreeSource,
  collapsed: ReadonlySet<string>,
  query: string,
): TreeRow[] {
  const searching = query.trim() !== '';
  const matching = source.sites.filter((s) => siteMatches(s, query));
  const keepFolder = new Set<string>();
  if (searching) {
    const parentOf = new Map(source.folders.map((f) => [f.id, f.parentId]));
    for (const site of matching) {
      for (
        let id = site.folderId;
        id !== null && !keepFolder.has(id);
        id = parentOf.get(id) ?? null
      ) {
        keepFolder.add(id);
      }
    }
  }
  const rows: TreeRow[] = [];
  const walk = (parentId: string | null, level: number) => {
    const folders = source.folders.filter(
      (f) => f.parentId === parentId && (!searching || keepFolder.has(f.id)),
    );
    for (const folder of folders.sort(byName)) {
      const expanded = searching || !collapsed.has(folder.id);
      const empty =
        !source.folders.some((f) => f.parentId === folder.id) &&
        !source.sites.some((s) => s.folderId === folder.id);
      rows.push({
        kind: 'folder',
        id: folder.id,
        name: folder.name,
        level,
        parentId,
        expanded,
        empty,
      });
      if (expanded) walk(folder.id, level + 1);
    }
    for (const site of matching.filter((s) => s.folderId === parentId).sort(byName)) {
      rows.push({ kind: 'site', id: site.id, name: site.name, level, parentId, site });
    }
  };
  walk(null, 1);
  return rows;
}

/** The folder and its path from the top, e.g. ["Work", "Clients"]. */
export function folderPath(folders: SiteFolder[], folderId: string | null): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  for (let id = folderId; id !== null && !seen.has(id);) {
    seen.add(id);
    const folder = folders.find((f) => f.id === id);
    if (!folder) break;
    path.unshift(folder.name);
    id = folder.parentId;
  }
  return path;
}

/** Whether `candidate` is `folderId` or inside it (a folder cannot be dropped there). */
export function isInside(
  folders: SiteFolder[],
  candidate: string | null,
  folderId: string,
): boolean {
  const seen = new Set<string>();
  for (let id = candidate; id !== null && !seen.has(id);) {
    if (id === folderId) return true;
    seen.add(id);
    id = folders.find((f) => f.id === id)?.parentId ?? null;
  }
  return false;
}
