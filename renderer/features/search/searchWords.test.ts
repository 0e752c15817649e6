import { describe, expect, it } from 'vitest';
import type { SearchFinished, SearchHit } from '../../../shared/contract/search';
import { finishedLine, leftOutNotes, runningLine, shownFolder, sortHits } from './searchWords';

const end = (patch: Partial<SearchFinished>): SearchFinished => ({
  searchId: 's',
  outcome: 'done',
  folders: 1240,
  found: 37,
  unreadable: 0,
  tooDeep: 0,
  refusedNames: 0,
  unreadablePaths: [],
  ...patch,
});
const LIMITS = { folders: 20_000, results: 1_000 };

describe('what the search says', () => {
  it('while it runs', () => {
    expect(runningLine('/var/www/img', { folders: 1240, found: 37 })).toBe(
      'Searching /var/www/img … 1,240 folders, 37 found',
    );
  });

  it.each([
    [{}, 'Done: 37 found in 1,240 folders.'],
    [{ outcome: 'stopped' as const }, 'Stopped: 37 found in 1,240 folders searched so far.'],
    [
      { outcome: 'limit' as const, limit: 'folders' as const },
      /^Stopped after 20,000 folders, the most/,
    ],
    [{ outcome: 'limit' as const, limit: 'results' as const }, /^Stopped at 1,000 found, the most/],
  ])('once it ended %j', (patch, words) => {
    expect(finishedLine(end(patch), LIMITS)).toMatch(words);
  });

  it('what it left out, and why', () => {
    expect(leftOutNotes(end({}), 20)).toEqual([]);
    const notes = leftOutNotes(
      end({
        unreadable: 1,
        unreadablePaths: ['/srv/locked'],
        tooDeep: 12,
        refusedNames: 2,
        sharedConnection: true,
      }),
      20,
    );
    expect(notes).toEqual([
      '1 folder could not be read (no permission, or gone): /srv/locked.',
      'Not searched deeper than 20 levels of subfolders: 12 folders left out. Raise “Levels of subfolders” to look there.',
      '2 names the server listed could not be names of files (a slash or a NUL in them) and were left out.',
      expect.stringMatching(/would not open another connection/),
    ]);
  });
});

describe('sortHits', () => {
  const hit = (folder: string, name: string, size: number, modified: number | null): SearchHit => ({
    folder,
    name,
    kind: 'file',
    size,
    modified,
  });
  const hits = [
    hit('/b', 'img10.jpg', 5, 3),
    hit('/a', 'img2.jpg', 50, null),
    hit('/a', 'Img1.jpg', 7, 1),
  ];
  const names = (sorted: SearchHit[]) => sorted.map((h) => `${h.folder}/${h.name}`);

  it.each([
    ['name', true, ['/a/Img1.jpg', '/a/img2.jpg', '/b/img10.jpg']],
    ['name', false, ['/b/img10.jpg', '/a/img2.jpg', '/a/Img1.jpg']],
    ['folder', true, ['/a/Img1.jpg', '/a/img2.jpg', '/b/img10.jpg']],
    ['size', true, ['/b/img10.jpg', '/a/Img1.jpg', '/a/img2.jpg']],
    ['modified', true, ['/a/img2.jpg', '/a/Img1.jpg', '/b/img10.jpg']],
  ] as const)('by %s (ascending: %s)', (key, ascending, expected) => {
    expect(names(sortHits(hits, { key, ascending }))).toEqual(expected);
  });
});

describe('shownFolder', () => {
  it.each([
    ['/var/www/img/2024', '/var/www', 'www/img/2024'],
    ['/var/www', '/var/www', 'www'],
    ['/var/www', '/var/www/', 'www'],
    ['/var/wwwx/a', '/var/www', '/var/wwwx/a'],
    ['/img', '/', '/img'],
  ])('%s below %s shows as %s', (folder, root, shown) => {
    expect(shownFolder(folder, root)).toBe(shown);
  });
});
