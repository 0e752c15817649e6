/** FileZilla's per-site bookmarks and "Adjust server time" come along with an imported site. */
import { rm } from 'node:fs/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { sitesHarness } from '../testing/sites-harness';
import { fileZillaTimeOffset } from './filezilla-bookmarks';
import { parseFileZillaSites } from './filezilla';

const server = (inner: string) =>
  `<?xml version="1.0"?><FileZilla3><Servers><Server><Host>h.test</Host><Protocol>1</Protocol><User>u</User><Name>Shop</Name>${inner}</Server></Servers></FileZilla3>`;

const withBookmarks = server(`
  <TimezoneOffset>-330</TimezoneOffset>
  <Bookmark><Name>Docs</Name><LocalDir>/home/me/docs</LocalDir><RemoteDir>1 0 3 var 3 www 4 docs</RemoteDir><SyncBrowsing>1</SyncBrowsing></Bookmark>
  <Bookmark><Name>Logs</Name><RemoteDir>1 0 3 var 3 log</RemoteDir><SyncBrowsing>1</SyncBrowsing></Bookmark>
  <Bookmark><Name>Only here</Name><LocalDir>/home/me</LocalDir></Bookmark>
  <Bookmark><Name>Relative</Name><LocalDir>docs</LocalDir><RemoteDir>1 0 3 var</RemoteDir></Bookmark>
  <Bookmark><Name>docs</Name><RemoteDir>1 0 3 tmp</RemoteDir></Bookmark>
  <Bookmark><Name>VMS</Name><RemoteDir>2 4 DISK 4 USER</RemoteDir></Bookmark>
`);

const withNetworkFolders = server(`
  <Bookmark><Name>Share</Name><LocalDir>\\\\files.example\\site</LocalDir><RemoteDir>1 0 3 www</RemoteDir><SyncBrowsing>1</SyncBrowsing></Bookmark>
  <Bookmark><Name>Slashes</Name><LocalDir>//files.example/site</LocalDir><RemoteDir>1 0 3 www</RemoteDir></Bookmark>
  <Bookmark><Name>Long</Name><LocalDir>\\\\?\\UNC\\files.example\\site</LocalDir><RemoteDir>1 0 3 www</RemoteDir></Bookmark>
  <Bookmark><Name>Drive</Name><LocalDir>C:\\Users\\me\\site</LocalDir><RemoteDir>1 0 3 www</RemoteDir></Bookmark>
`);

describe('a FileZilla site’s bookmarks and time offset', () => {
  it('come along checked; what Ferry cannot use is left out and said', () => {
    const [site] = parseFileZillaSites(withBookmarks);
    expect(site?.draft?.serverTimeOffsetMinutes).toBe(-330);
    expect(site?.bookmarks).toEqual([
      { name: 'Docs', remoteDir: '/var/www/docs', localDir: '/home/me/docs', syncBrowsing: true },
      // Synchronized browsing needs both folders: FileZilla ignores it without one, so does Ferry.
      { name: 'Logs', remoteDir: '/var/log', localDir: '', syncBrowsing: false },
    ]);
    expect(site?.notes).toEqual([
      'Bookmark “Only here” has no server folder Ferry can open and was left out.',
      'Bookmark “Relative” was left out: a local folder is a full path.',
      'Bookmark “docs” was left out: another bookmark has its name.',
      'Bookmark “VMS” has no server folder Ferry can open and was left out.',
      'Its 2 bookmarks come along.',
    ]);
  });

  it('come without a local folder on another computer (opening one would log in to it unasked)', () => {
    const [site] = parseFileZillaSites(withNetworkFolders);
    expect(site?.bookmarks?.map((b) => [b.name, b.localDir, b.syncBrowsing])).toEqual([
      ['Share', '', false],
      ['Slashes', '', false],
      ['Long', '', false],
      ['Drive', 'C:\\Users\\me\\site', false],
    ]);
    expect(site?.notes[0]).toBe(
      'Bookmark “Share” comes without its local folder “\\\\files.example\\site”: it is on another computer, which opening the bookmark would make this one contact (and log in to) unasked. If you trust it, open it in the local pane and bookmark it again.',
    );
    expect(site?.notes).toHaveLength(4);
  });

  it.each([
    [undefined, 0, undefined],
    ['0', 0, undefined],
    ['330', 330, undefined],
    ['-45', -45, undefined],
    [
      '10',
      15,
      'Its server time offset of 10 minutes became 15: Ferry sets it in quarter hours within 24 hours.',
    ],
    [
      '-2000',
      -1440,
      'Its server time offset of -2000 minutes became -1440: Ferry sets it in quarter hours within 24 hours.',
    ],
    ['x', 0, 'Its server time offset "x" could not be read; none is set.'],
  ])('TimezoneOffset %s is %i minutes', (text, minutes, note) => {
    expect(fileZillaTimeOffset(text)).toEqual(note ? { minutes, note } : { minutes });
  });

  it('an import stores them with the site, in the sites file', async () => {
    const h = await sitesHarness();
    onTestFinished(() => rm(h.dataDir, { recursive: true, force: true }));
    const summary = await h.call('sites.import.commit', {
      format: 'filezilla',
      content: withBookmarks,
      skip: [],
    });
    expect(summary.imported).toBe(1);
    const [site] = (await h.call('sites.list', {})).sites;
    expect(site?.serverTimeOffsetMinutes).toBe(-330);
    expect(site?.bookmarks.map((b) => [b.name, b.remoteDir, b.localDir, b.syncBrowsing])).toEqual([
      ['Docs', '/var/www/docs', '/home/me/docs', true],
      ['Logs', '/var/log', '', false],
    ]);
    // Each has an id of its own, for renaming and deleting later.
    expect(new Set(site?.bookmarks.map((b) => b.id)).size).toBe(2);
  });
});
