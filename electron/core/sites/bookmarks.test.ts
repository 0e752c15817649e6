/**
 * Bookmarks and the server time offset in the sites file: kept with their site, checked as user
 * data, safe with several writers, and older files brought up to them.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BookmarkFields } from '../../../shared/contract/bookmarks';
import { FerryError } from '../../../shared/errors';
import { CURRENT_VERSION, parseSitesFile } from './document';
import { BACKUP_FILE, SITES_FILE, SiteStore } from './site-store';
import { sampleDraft } from './testing/sample-site';
import { sitesHarness, type SitesHarness } from './testing/sites-harness';

const harnesses: SitesHarness[] = [];
async function make(dataDir?: string) {
  const harness = await sitesHarness(dataDir ? { dataDir } : {});
  harnesses.push(harness);
  return harness;
}
afterEach(async () => {
  for (const h of harnesses.splice(0))
    await rm(h.dataDir, { recursive: true, force: true }).catch(() => undefined);
});

const docs: BookmarkFields = {
  name: 'Docs',
  remoteDir: '/var/www/docs',
  localDir: '/home/me/site/docs',
  syncBrowsing: true,
};

async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FerryError)) throw new Error(`expected a FerryError, got ${error}`);
  return error;
}

describe('bookmarks', () => {
  it('are added, renamed and deleted with their site, and survive the site form saving it', async () => {
    const h = await make();
    const site = await h.call('sites.save', { site: sampleDraft({ name: 'Acme' }) });
    expect(site.bookmarks).toEqual([]);
    const added = await h.call('sites.bookmark.add', { siteId: site.id, bookmark: docs });
    await h.call('sites.bookmark.add', {
      siteId: site.id,
      bookmark: { name: 'Logs', remoteDir: '/var/log', localDir: '', syncBrowsing: false },
    });
    // The form saves the site without its bookmarks: they stay.
    await h.call('sites.save', { site: { ...sampleDraft({ name: 'Acme' }), id: site.id } });
    await h.call('sites.bookmark.rename', {
      siteId: site.id,
      bookmarkId: added.id,
      name: 'Documentation',
    });
    let [saved] = (await h.call('sites.list', {})).sites;
    expect(saved?.bookmarks.map((b) => [b.name, b.remoteDir, b.localDir, b.syncBrowsing])).toEqual([
      ['Documentation', '/var/www/docs', '/home/me/site/docs', true],
      ['Logs', '/var/log', '', false],
    ]);
    // Bookmarks are not the form's: they do not count as a change someone else made to it.
    expect(saved?.revision).toBe(2);

    await h.call('sites.bookmark.delete', { siteId: site.id, bookmarkId: added.id });
    [saved] = (await h.call('sites.list', {})).sites;
    expect(saved?.bookmarks.map((b) => b.name)).toEqual(['Logs']);
    // A copy of the site takes its bookmarks along.
    const copy = await h.call('sites.duplicate', { siteId: site.id });
    expect(copy.bookmarks.map((b) => b.name)).toEqual(['Logs']);
  });

  it('refuses a name the site already has, and a bookmark or site that is gone', async () => {
    const h = await make();
    const site = await h.call('sites.save', { site: sampleDraft() });
    await h.call('sites.bookmark.add', { siteId: site.id, bookmark: docs });
    const taken = await rejection(
      h.call('sites.bookmark.add', { siteId: site.id, bookmark: { ...docs, name: 'docs' } }),
    );
    expect(taken.code).toBe('already_exists');
    expect(taken.message).toContain('already has a bookmark called "docs"');
    expect(
      (await rejection(h.call('sites.bookmark.delete', { siteId: site.id, bookmarkId: 'x' }))).code,
    ).toBe('not_found');
    expect(
      (await rejection(h.call('sites.bookmark.add', { siteId: 'gone', bookmark: docs }))).code,
    ).toBe('not_found');
  });

  it.each([
    ['a remote folder that is not absolute', { remoteDir: 'var/www' }],
    ['an empty remote folder', { remoteDir: '' }],
    ['a local folder that is not a full path', { localDir: 'site/docs' }],
    ['a remote folder with a control character', { remoteDir: '/var/\nwww' }],
    ['a name of spaces only', { name: '   ' }],
    ['synchronized browsing without a local folder', { localDir: '', syncBrowsing: true }],
  ] as const)('refuses %s before it reaches the file', async (_what, change) => {
    const h = await make();
    const site = await h.call('sites.save', { site: sampleDraft() });
    await expect(
      h.call('sites.bookmark.add', { siteId: site.id, bookmark: { ...docs, ...change } }),
    ).rejects.toThrow();
    const [saved] = (await h.call('sites.list', {})).sites;
    expect(saved?.bookmarks).toEqual([]);
  });

  it('takes local folders of every system this computer may be', async () => {
    const h = await make();
    const site = await h.call('sites.save', { site: sampleDraft() });
    for (const [i, localDir] of ['C:\\Users\\me', 'D:/work', '\\\\server\\share', '/'].entries()) {
      await h.call('sites.bookmark.add', {
        siteId: site.id,
        bookmark: { ...docs, name: `b${i}`, localDir },
      });
    }
    const [saved] = (await h.call('sites.list', {})).sites;
    expect(saved?.bookmarks).toHaveLength(4);
  });

  it('two windows adding bookmarks to one site at once lose none', async () => {
    const a = await make();
    const b = await make(a.dataDir);
    const site = await a.call('sites.save', { site: sampleDraft({ name: 'Shared' }) });
    const add = (h: SitesHarness, tag: string, i: number) =>
      h.call('sites.bookmark.add', {
        siteId: site.id,
        bookmark: { ...docs, name: `${tag} ${i}`, remoteDir: `/${tag}/${i}` },
      });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => [add(a, 'a', i), add(b, 'b', i)]).flat(),
    );
    const [saved] = (await a.call('sites.list', {})).sites;
    expect(saved?.bookmarks).toHaveLength(20);
    expect(new Set(saved?.bookmarks.map((x) => x.id)).size).toBe(20);
  });
});

describe('the server time offset', () => {
  it('is saved in quarter hours from −24 h to +24 h, and refused otherwise', async () => {
    const h = await make();
    const site = await h.call('sites.save', {
      site: sampleDraft({ serverTimeOffsetMinutes: -330 }),
    });
    expect(site.serverTimeOffsetMinutes).toBe(-330);
    for (const minutes of [-1440, 1440, 45]) {
      const saved = await h.call('sites.save', {
        site: { ...sampleDraft({ serverTimeOffsetMinutes: minutes }), id: site.id },
      });
      expect(saved.serverTimeOffsetMinutes).toBe(minutes);
    }
    for (const minutes of [10, 1455, -1455, 0.5]) {
      await expect(
        h.call('sites.save', {
          site: { ...sampleDraft({ serverTimeOffsetMinutes: minutes }), id: site.id },
        }),
      ).rejects.toThrow();
    }
  });
});

describe('a version-2 sites file', () => {
  const v2 = {
    version: 2,
    folders: [],
    recent: [],
    sites: [
      {
        id: 's1',
        name: 'Old',
        folderId: null,
        protocol: 'ftps-explicit',
        host: 'old.test',
        port: null,
        user: 'u',
        auth: 'password',
        keyFile: '',
        localDir: '/home/u',
        remoteDir: '/pub',
        passive: true,
        minTlsVersion: 'TLSv1.2',
        transferConcurrency: 2,
        colour: 'blue',
        notes: 'kept',
        hasPassword: true,
        hasPassphrase: false,
        passwordNotImported: false,
        revision: 4,
        createdAt: 1,
        updatedAt: 2,
      },
    ],
  };

  it('loads with no bookmarks and no offset, and is written as version 3 with the old text kept', async () => {
    const h = await make();
    const text = JSON.stringify(v2);
    await writeFile(join(h.dataDir, SITES_FILE), text);
    const [site] = (await h.call('sites.list', {})).sites;
    expect(site).toMatchObject({
      name: 'Old',
      remoteDir: '/pub',
      transferConcurrency: 2,
      notes: 'kept',
      revision: 4,
      hasPassword: true,
      bookmarks: [],
      serverTimeOffsetMinutes: 0,
    });
    await h.call('sites.bookmark.add', { siteId: 's1', bookmark: docs });
    const written = JSON.parse(await readFile(join(h.dataDir, SITES_FILE), 'utf8'));
    expect(written.version).toBe(CURRENT_VERSION);
    expect(written.sites[0].bookmarks).toHaveLength(1);
    expect(await readFile(join(h.dataDir, BACKUP_FILE), 'utf8')).toBe(text);
  });

  it('a version-3 file with a bookmark that is not a folder path reads as damaged and is left alone', async () => {
    const h = await make();
    const bad = {
      ...v2,
      version: 3,
      sites: [
        {
          ...v2.sites[0],
          serverTimeOffsetMinutes: 0,
          bookmarks: [
            { id: 'b', name: 'x', remoteDir: '../etc', localDir: '', syncBrowsing: false },
          ],
        },
      ],
    };
    const text = JSON.stringify(bad);
    expect(parseSitesFile(text)).toEqual({ ok: false, reason: 'corrupt' });
    await writeFile(join(h.dataDir, SITES_FILE), text);
    const state = await new SiteStore(h.dataDir).read();
    expect(state.ok).toBe(false);
    await expect(h.call('sites.bookmark.add', { siteId: 's1', bookmark: docs })).rejects.toThrow();
    expect(await readFile(join(h.dataDir, SITES_FILE), 'utf8')).toBe(text);
  });
});
