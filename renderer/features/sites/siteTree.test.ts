import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SITE_SETTINGS,
  type SiteFolder,
  type SiteProfile,
} from '../../../shared/contract/sites';
import { folderPath, isInside, visibleRows } from './siteTree';

const folders: SiteFolder[] = [
  { id: 'w', name: 'Work', parentId: null },
  { id: 'c', name: 'Clients', parentId: 'w' },
  { id: 'e', name: 'Empty', parentId: null },
];
const site = (
  id: string,
  name: string,
  folderId: string | null,
  host = `${id}.test`,
): SiteProfile => ({
  ...DEFAULT_SITE_SETTINGS,
  id,
  name,
  folderId,
  host,
  user: 'u',
  hasPassword: false,
  hasPassphrase: false,
  passwordNotImported: false,
  bookmarks: [],
  revision: 1,
  createdAt: 0,
  updatedAt: 0,
});
const sites = [
  site('a', 'Acme', 'c', 'ftp.acme.test'),
  site('b', 'site 10', null),
  site('d', 'site 9', null),
  site('x', 'Build', 'w'),
];
const shape = (rows: ReturnType<typeof visibleRows>) =>
  rows.map((r) => `${'  '.repeat(r.level - 1)}${r.kind === 'folder' ? '+' : '-'}${r.name}`);

describe('the site tree', () => {
  it('lists folders first, then sites, by name with numbers in order', () => {
    expect(shape(visibleRows({ folders, sites }, new Set(), ''))).toEqual([
      '+Empty',
      '+Work',
      '  +Clients',
      '    -Acme',
      '  -Build',
      '-site 9',
      '-site 10',
    ]);
  });

  it('hides what is inside a closed folder', () => {
    expect(shape(visibleRows({ folders, sites }, new Set(['w']), ''))).toEqual([
      '+Empty',
      '+Work',
      '-site 9',
      '-site 10',
    ]);
  });

  it('searches names and hosts, showing the folders that lead to a match, open', () => {
    expect(shape(visibleRows({ folders, sites }, new Set(['w', 'c']), 'ACME.test'))).toEqual([
      '+Work',
      '  +Clients',
      '    -Acme',
    ]);
    expect(shape(visibleRows({ folders, sites }, new Set(), 'nothing'))).toEqual([]);
  });

  it('knows paths and which folders are inside which', () => {
    expect(folderPath(folders, 'c')).toEqual(['Work', 'Clients']);
    expect(isInside(folders, 'c', 'w')).toBe(true);
    expect(isInside(folders, 'w', 'c')).toBe(false);
    expect(isInside(folders, null, 'w')).toBe(false);
  });
});
