/**
 * Export… then Import… into an empty data folder (another computer): the same folders, sites,
 * settings and bookmarks come back, and nothing secret or trusted travels.
 */
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteProfile, SitesSnapshot } from '../../../shared/contract/sites';
import { CURRENT_VERSION } from './document';
import { sampleDraft } from './testing/sample-site';
import { sitesHarness, type SitesHarness } from './testing/sites-harness';

const harnesses: SitesHarness[] = [];
async function make() {
  const harness = await sitesHarness();
  harnesses.push(harness);
  await harness.call('sites.secrets.useMasterPassword', { masterPassword: 'a long master pw' });
  return harness;
}
afterEach(async () => {
  for (const h of harnesses.splice(0)) await rm(h.dataDir, { recursive: true, force: true });
});

const SECRETS = ['site-Pässword-1', 'key-passphrase-2', 'proxy-password-3'];

/** Sites with every kind of setting, in nested folders, with bookmarks. */
async function fillSites(h: SitesHarness) {
  const work = await h.call('sites.folder.create', { name: 'Work', parentId: null });
  const clients = await h.call('sites.folder.create', { name: 'Clients', parentId: work.id });
  await h.call('sites.folder.create', { name: 'Empty', parentId: null });
  const web = await h.call('sites.save', {
    site: sampleDraft({
      name: 'Web server',
      folderId: clients.id,
      protocol: 'ftps-explicit',
      host: 'ftp.example.test',
      port: 2121,
      user: 'deploy',
      passive: false,
      minTlsVersion: 'TLSv1.3',
      transferConcurrency: 3,
      colour: 'green',
      notes: 'Line one\nLine two\twith a tab',
      localDir: '/home/me/site',
      remoteDir: '/var/www',
      serverTimeOffsetMinutes: -150,
    }),
    secrets: { password: SECRETS[0] },
  });
  await h.call('sites.bookmark.add', {
    siteId: web.id,
    bookmark: {
      name: 'Docs',
      remoteDir: '/var/www/docs',
      localDir: '/home/me/docs',
      syncBrowsing: true,
    },
  });
  await h.call('sites.bookmark.add', {
    siteId: web.id,
    bookmark: { name: 'Logs', remoteDir: '/var/log', localDir: '', syncBrowsing: false },
  });
  await h.call('sites.save', {
    site: sampleDraft({
      name: 'Key box',
      folderId: work.id,
      protocol: 'sftp',
      host: 'ssh.example.test',
      auth: 'key',
      keyFile: '/home/me/.ssh/id_ed25519',
    }),
    secrets: { passphrase: SECRETS[1] },
  });
  await h.call('sites.save', {
    site: sampleDraft({ name: 'Agent', protocol: 'sftp', auth: 'agent', port: 2222 }),
  });
  await h.call('sites.save', {
    site: sampleDraft({
      name: 'Behind a proxy',
      folderId: work.id,
      proxyMode: 'socks5',
      proxyHost: 'proxy.example.test',
      proxyPort: 1081,
      proxyUser: 'pxuser',
    }),
    secrets: { password: SECRETS[0], proxyPassword: SECRETS[2] },
  });
  await h.call('sites.save', {
    site: sampleDraft({ name: 'Direct', proxyMode: 'none', host: 'direct.example.test' }),
  });
  await h.call('sites.save', {
    site: sampleDraft({ name: 'Asks', protocol: 'ftps-implicit', auth: 'ask', colour: 'purple' }),
  });
  await h.call('sites.save', {
    site: sampleDraft({
      name: 'Old mirror',
      protocol: 'ftp',
      host: 'mirror.example.test',
      nameEncoding: 'windows-1252',
      plainFtpAcknowledgedFor: 'mirror.example.test:21',
    }),
  });
}

/** What must arrive on the other computer: everything but ids, secrets, times and trust. */
function comparable(snapshot: SitesSnapshot) {
  const folderPath = (id: string | null): string => {
    const folder = snapshot.folders.find((f) => f.id === id);
    return folder ? `${folderPath(folder.parentId)}/${folder.name}` : '';
  };
  const site = (s: SiteProfile) => {
    const { id: _i, folderId, revision: _r, createdAt: _c, updatedAt: _u, ...rest } = s;
    const { hasPassword: _p, hasPassphrase: _q, passwordNotImported: _n, ...flagless } = rest;
    const {
      hasProxyPassword: _x,
      hasJumpPassword: _j,
      hasJumpPassphrase: _k,
      ...settings
    } = flagless;
    return {
      ...settings,
      folder: folderPath(folderId),
      plainFtpAcknowledgedFor: null,
      bookmarks: s.bookmarks.map(({ id: _b, ...b }) => b),
    };
  };
  return {
    folders: snapshot.folders.map((f) => folderPath(f.id)).sort(),
    sites: snapshot.sites.map(site).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

describe('Ferry’s own sites file', () => {
  it('brings every site back, with its folders, settings and bookmarks, and no secret', async () => {
    const here = await make();
    await fillSites(here);
    const exported = await here.call('sites.export', {});
    expect(exported).toMatchObject({ sites: 7, folders: 3 });
    // The sites file's version: a Ferry that knows fewer site settings refuses it in words.
    expect(JSON.parse(exported.content)).toMatchObject({
      format: 'ferry-sites',
      version: CURRENT_VERSION,
    });
    for (const secret of SECRETS) expect(exported.content).not.toContain(secret);
    expect(exported.content).not.toMatch(
      /hasPassword|hasPassphrase|revision|mirror\.example\.test:21/,
    );

    const there = await make();
    const preview = await there.call('sites.import.preview', {
      format: 'ferry',
      content: exported.content,
    });
    expect(preview.items.every((i) => !i.refused && !i.withPassword)).toBe(true);
    const web = preview.items.find((i) => i.name === 'Web server');
    expect(web).toMatchObject({
      folderPath: ['Work', 'Clients'],
      protocol: 'ftps-explicit',
      port: 2121,
    });
    expect(web?.notes).toContain('No password in the file: Ferry asks when you connect.');
    const summary = await there.call('sites.import.commit', {
      format: 'ferry',
      content: exported.content,
      skip: [],
    });
    expect(summary).toMatchObject({ imported: 7, passwordsStored: 0, refused: [] });

    const before = await here.call('sites.list', {});
    const after = await there.call('sites.list', {});
    // The whole tree arrives, the empty folder too.
    expect(comparable(after)).toEqual(comparable(before));
    expect(summary.foldersCreated).toBe(3);
    expect(
      after.sites.every(
        (s) =>
          !s.hasPassword &&
          !s.hasPassphrase &&
          !s.hasProxyPassword &&
          !s.hasJumpPassword &&
          !s.hasJumpPassphrase,
      ),
    ).toBe(true);
    expect(after.sites.find((s) => s.name === 'Behind a proxy')).toMatchObject({
      proxyMode: 'socks5',
      proxyHost: 'proxy.example.test',
      proxyPort: 1081,
      proxyUser: 'pxuser',
    });
    // The plain-FTP consent was given on the other computer: asked again here.
    expect(after.sites.find((s) => s.name === 'Old mirror')).toMatchObject({
      plainFtpAcknowledgedFor: null,
      nameEncoding: 'windows-1252',
    });
  });

  it('exports one folder with everything in it, or one site; a clashing name gets " (2)"', async () => {
    const here = await make();
    await fillSites(here);
    const { folders, sites } = await here.call('sites.list', {});
    const work = folders.find((f) => f.name === 'Work')!;
    const folder = await here.call('sites.export', { scope: { kind: 'folder', id: work.id } });
    expect(folder).toMatchObject({ sites: 3, folders: 2 });
    const one = sites.find((s) => s.name === 'Agent')!;
    const single = await here.call('sites.export', { scope: { kind: 'site', id: one.id } });
    expect(single).toMatchObject({ sites: 1, folders: 0 });

    // Imported back into the same manager: Work merges by name, the sites are renamed.
    await here.call('sites.import.commit', { format: 'ferry', content: folder.content, skip: [] });
    await here.call('sites.import.commit', { format: 'ferry', content: single.content, skip: [] });
    const names = (await here.call('sites.list', {})).sites.map((s) => s.name).sort();
    expect(names).toEqual(
      expect.arrayContaining(['Agent', 'Agent (2)', 'Key box', 'Key box (2)', 'Web server (2)']),
    );
    await expect(
      here.call('sites.export', { scope: { kind: 'site', id: 'gone' } }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a file of a thousand sites with one name imports in moments, each named apart', async () => {
    const h = await make();
    const same = { name: 'Server', folderId: null, host: 'h.test', user: 'u' };
    const content = JSON.stringify({
      format: 'ferry-sites',
      version: 3,
      folders: [],
      sites: Array.from({ length: 1000 }, () => same),
    });
    const started = Date.now();
    const summary = await h.call('sites.import.commit', { format: 'ferry', content, skip: [] });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(summary.imported).toBe(1000);
    const names = new Set((await h.call('sites.list', {})).sites.map((s) => s.name));
    expect(names.size).toBe(1000);
    expect(names.has('Server (1000)')).toBe(true);
  });
});
