import { readFile, rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors';
import { sitesHarness, type SitesHarness } from './testing/sites-harness';
import { sampleDraft } from './testing/sample-site';

const fileZilla = new URL('./import/fixtures/sitemanager.xml', import.meta.url);

let harness: SitesHarness | undefined;
async function make(options?: Parameters<typeof sitesHarness>[0]) {
  harness = await sitesHarness(options);
  return harness;
}
afterEach(async () => {
  if (harness) await rm(harness.dataDir, { recursive: true, force: true });
  harness = undefined;
});

describe('site manager', () => {
  it('creates, edits, duplicates, renames, moves and deletes, telling other windows each time', async () => {
    const h = await make();
    const folder = await h.call('sites.folder.create', { name: 'Clients', parentId: null });
    const site = await h.call('sites.save', {
      site: sampleDraft({ name: 'Acme', folderId: folder.id }),
    });
    const edited = await h.call('sites.save', {
      site: { ...sampleDraft({ name: 'Acme', folderId: folder.id }), id: site.id, port: 2222 },
    });
    expect(edited).toMatchObject({ port: 2222, revision: 2 });
    const copy = await h.call('sites.duplicate', { siteId: site.id });
    expect(copy).toMatchObject({ name: 'Acme (copy)', port: 2222, folderId: folder.id });
    await h.call('sites.rename', { kind: 'site', id: copy.id, name: 'Acme staging' });
    await h.call('sites.move', { kind: 'site', id: copy.id, parentId: null });
    await h.call('sites.delete', { siteId: site.id });
    const list = await h.call('sites.list', {});
    expect(list.sites.map((s) => [s.name, s.folderId])).toEqual([['Acme staging', null]]);
    expect(h.events.filter((e) => e === 'sites.changed').length).toBeGreaterThanOrEqual(6);
  });

  it('refuses two entries with one name in a folder, and a folder inside itself', async () => {
    const h = await make();
    await h.call('sites.save', { site: sampleDraft({ name: 'Web' }) });
    await expect(
      h.call('sites.save', { site: sampleDraft({ name: 'web' }) }),
    ).rejects.toMatchObject({ code: 'already_exists' });
    const outer = await h.call('sites.folder.create', { name: 'Outer', parentId: null });
    const inner = await h.call('sites.folder.create', { name: 'Inner', parentId: outer.id });
    await expect(
      h.call('sites.move', { kind: 'folder', id: outer.id, parentId: inner.id }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('deleting a folder deletes what is inside, at any depth', async () => {
    const h = await make();
    const outer = await h.call('sites.folder.create', { name: 'Outer', parentId: null });
    const inner = await h.call('sites.folder.create', { name: 'Inner', parentId: outer.id });
    await h.call('sites.save', { site: sampleDraft({ name: 'Deep', folderId: inner.id }) });
    await h.call('sites.save', { site: sampleDraft({ name: 'Kept' }) });
    await h.call('sites.folder.delete', { folderId: outer.id });
    const list = await h.call('sites.list', {});
    expect(list.folders).toEqual([]);
    expect(list.sites.map((s) => s.name)).toEqual(['Kept']);
  });

  it('two windows editing different sites from the same old list both keep their change', async () => {
    const h = await make();
    const a = await h.call('sites.save', { site: sampleDraft({ name: 'A' }) });
    const b = await h.call('sites.save', { site: sampleDraft({ name: 'B' }) });
    // Both windows loaded the list before either saved; they save at the same moment.
    const [windowOne, windowTwo] = [await h.call('sites.list', {}), await h.call('sites.list', {})];
    const siteA = windowOne.sites.find((s) => s.id === a.id);
    const siteB = windowTwo.sites.find((s) => s.id === b.id);
    if (!siteA || !siteB) throw new Error('sites missing');
    await Promise.all([
      h.call('sites.save', { site: { ...siteA, host: 'a.changed.test' } }),
      h.call('sites.save', { site: { ...siteB, notes: 'edited in window two' } }),
      h.call('sites.folder.create', { name: 'Made meanwhile', parentId: null }),
    ]);
    const after = await h.call('sites.list', {});
    expect(after.sites.find((s) => s.id === a.id)?.host).toBe('a.changed.test');
    expect(after.sites.find((s) => s.id === b.id)?.notes).toBe('edited in window two');
    expect(after.folders.map((f) => f.name)).toEqual(['Made meanwhile']);
  });

  it('without any protection, passwords are not saved and are asked at connect', async () => {
    const h = await make();
    expect((await h.call('sites.list', {})).protection).toEqual({ kind: 'none' });
    await expect(
      h.call('sites.save', { site: sampleDraft(), secrets: { password: 'pw' } }),
    ).rejects.toMatchObject({ code: 'secret_unavailable' });
    const site = await h.call('sites.save', { site: sampleDraft({ name: 'Asks' }) });
    await expect(h.call('sites.connect', { siteId: site.id })).rejects.toMatchObject({
      code: 'secret_unavailable',
    });
    const session = await h.call('sites.connect', { siteId: site.id, password: 'typed' });
    expect(h.connects.at(-1)).toMatchObject({
      protocol: 'sftp',
      host: 'example.test',
      port: 22,
      user: 'alice',
      password: 'typed',
    });
    expect(session).toMatchObject({ siteId: site.id, home: '/home/alice' });
    // The site shows up in the recent list.
    expect((await h.call('sites.list', {})).recent[0]).toMatchObject({
      siteId: site.id,
      name: 'Asks',
    });
  });

  it('connects with the site’s settings: preset or own port, key file, agent, FTP options', async () => {
    const h = await make();
    const ftps = await h.call('sites.save', {
      site: sampleDraft({
        name: 'F',
        protocol: 'ftps-implicit',
        auth: 'agent',
        passive: false,
        minTlsVersion: 'TLSv1.3',
        remoteDir: '/pub',
        transferConcurrency: 3,
      }),
    });
    const session = await h.call('sites.connect', { siteId: ftps.id });
    expect(h.connects.at(-1)).toEqual({
      protocol: 'ftps-implicit',
      host: 'example.test',
      port: 990,
      user: 'alice',
      passive: false,
      minTlsVersion: 'TLSv1.3',
      useAgent: true,
    });
    expect(session).toMatchObject({ initialRemoteDir: '/pub', transferConcurrency: 3 });
    const key = await h.call('sites.save', {
      site: sampleDraft({ name: 'K', port: 2222, auth: 'key', keyFile: '/home/me/.ssh/id' }),
    });
    await h.call('sites.connect', { siteId: key.id });
    expect(h.connects.at(-1)).toEqual({
      protocol: 'sftp',
      host: 'example.test',
      port: 2222,
      user: 'alice',
      privateKeyPath: '/home/me/.ssh/id',
    });
  });

  it('“Test connection” connects with the form’s values and disconnects; errors keep their code', async () => {
    const h = await make();
    const result = await h.call('sites.test', {
      site: sampleDraft({ auth: 'agent', host: 'test.example' }),
    });
    expect(result).toEqual({ home: '/home/alice' });
    expect(h.disconnects).toEqual(['s1']);
    const failing = await make({
      connectFails: new FerryError('connection_refused', 'Nothing listens there.'),
    });
    await expect(
      failing.call('sites.test', { site: sampleDraft({ auth: 'agent' }) }),
    ).rejects.toMatchObject({ code: 'connection_refused' });
  });

  it('quick connections land in the recent list, newest first, one entry per server', async () => {
    const h = await make();
    const params = { protocol: 'sftp' as const, host: 'q.test', port: 22, user: 'me' };
    await h.recordRecent(params);
    await h.recordRecent({ ...params, host: 'other.test' });
    await h.recordRecent(params);
    expect((await h.call('sites.list', {})).recent.map((r) => r.name)).toEqual([
      'me@q.test',
      'me@other.test',
    ]);
    await h.call('sites.recent.clear', {});
    expect((await h.call('sites.list', {})).recent).toEqual([]);
  });

  it('a quick connection with the longest user and host still lands in a readable recent list', async () => {
    const h = await make();
    const user = 'u'.repeat(255);
    const host = `${'h'.repeat(250)}.test`;
    await h.recordRecent({ protocol: 'sftp', host, port: 22, user });
    const list = await h.call('sites.list', {});
    expect(list.damaged).toBeUndefined();
    expect(list.recent).toHaveLength(1);
    expect(list.recent[0]).toMatchObject({ host, user });
    expect(list.recent[0]?.name.length).toBeLessThanOrEqual(200);
    expect(list.recent[0]?.name).toMatch(/^u+…$/);
  });

  it('an import with over-long values keeps the file readable: shortens names, refuses the rest', async () => {
    const h = await make();
    const server = (name: string, host: string, user = 'u', comments = '') =>
      `<Server><Name>${name}</Name><Host>${host}</Host><Protocol>1</Protocol><User>${user}</User>` +
      `<Comments>${comments}</Comments></Server>`;
    const content =
      `<?xml version="1.0"?><FileZilla3><Servers><Folder>${'F'.repeat(300)}` +
      server('N'.repeat(300), 'long-name.test', 'u', 'c'.repeat(20_000)) +
      `</Folder>` +
      server('Huge host', `${'h'.repeat(300)}.test`) +
      server('Huge user', 'ok.test', 'x'.repeat(300)) +
      server('Fine', 'fine.test') +
      `</Servers></FileZilla3>`;

    const preview = await h.call('sites.import.preview', { format: 'filezilla', content });
    expect(preview.items.filter((i) => i.refused).map((i) => [i.name, i.refused])).toEqual([
      ['Huge host', 'Its host is longer than 255 characters.'],
      ['Huge user', 'Its user is longer than 255 characters.'],
    ]);
    const summary = await h.call('sites.import.commit', { format: 'filezilla', content, skip: [] });
    expect(summary).toMatchObject({ imported: 2, foldersCreated: 1 });
    expect(summary.refused.map((r) => r.name)).toEqual(['Huge host', 'Huge user']);

    const list = await h.call('sites.list', {});
    expect(list.damaged).toBeUndefined();
    expect(list.sites.map((s) => s.host)).toEqual(['long-name.test', 'fine.test']);
    const long = list.sites[0];
    expect(long?.name.length).toBeLessThanOrEqual(200);
    expect(long?.name.startsWith('NNNN')).toBe(true);
    expect(long?.notes.length).toBe(10_000);
    expect(list.folders[0]?.name.length).toBeLessThanOrEqual(200);
  });

  it('imports FileZilla sites after a preview, passwords into the vault, never into the preview', async () => {
    const h = await make();
    await h.call('sites.secrets.useMasterPassword', { masterPassword: 'a long master pw' });
    const content = await readFile(fileZilla, 'utf8');
    const preview = await h.call('sites.import.preview', { format: 'filezilla', content });
    expect(JSON.stringify(preview)).not.toContain('s3cr3t');
    expect(preview.items.filter((i) => i.refused).map((i) => i.name)).toEqual([
      'Web (HTTPS)',
      'Bucket',
    ]);
    const skip = preview.items.filter((i) => i.name === 'Key login').map((i) => i.index);
    const summary = await h.call('sites.import.commit', { format: 'filezilla', content, skip });
    expect(summary).toMatchObject({
      imported: 5,
      foldersCreated: 2,
      passwordsStored: 2,
      passwordsDropped: 0,
      withoutPassword: ['Acme uploads'],
    });
    expect(summary.refused.map((r) => r.name)).toEqual(['Web (HTTPS)', 'Bucket']);
    const list = await h.call('sites.list', {});
    const work = list.folders.find((f) => f.name === 'Work');
    const clients = list.folders.find((f) => f.name === 'Clients');
    expect(clients?.parentId).toBe(work?.id);
    const web = list.sites.find((s) => s.name === 'Web server');
    expect(web).toMatchObject({ folderId: work?.id, hasPassword: true, remoteDir: '/home/debian' });
    expect(list.sites.find((s) => s.name === 'Acme uploads')).toMatchObject({
      passwordNotImported: true,
      hasPassword: false,
    });
    await h.call('sites.connect', { siteId: web?.id ?? '' });
    expect(h.connects.at(-1)?.password).toBe('s3cr3t-Ünïcode');
    // A second import merges into the same folders and keeps names unique.
    await h.call('sites.import.commit', { format: 'filezilla', content, skip: [] });
    const again = await h.call('sites.list', {});
    expect(again.folders.filter((f) => f.name === 'Work')).toHaveLength(1);
    expect(again.sites.filter((s) => s.name.startsWith('Web server')).map((s) => s.name)).toEqual([
      'Web server',
      'Web server (2)',
    ]);
  });

  it('without protection an import keeps the sites, drops the passwords and says so', async () => {
    const h = await make();
    const content = await readFile(fileZilla, 'utf8');
    const summary = await h.call('sites.import.commit', { format: 'filezilla', content, skip: [] });
    expect(summary).toMatchObject({ imported: 6, passwordsStored: 0, passwordsDropped: 2 });
    expect(summary.withoutPassword).toEqual(
      expect.arrayContaining(['Web server', 'Legacy FTP', 'Acme uploads']),
    );
  });

  it('exports settings without secrets', async () => {
    const h = await make();
    await h.call('sites.secrets.useMasterPassword', { masterPassword: 'a long master pw' });
    await h.call('sites.save', {
      site: sampleDraft({ name: 'Exported' }),
      secrets: { password: 'never-exported' },
    });
    const { fileName, content } = await h.call('sites.export', {});
    expect(fileName).toMatch(/^ferry-sites-\d{4}-\d{2}-\d{2}\.json$/);
    expect(content).not.toContain('never-exported');
    expect(JSON.parse(content)).toMatchObject({
      format: 'ferry-sites',
      sites: [{ name: 'Exported', host: 'example.test' }],
    });
  });

  it('forgets a site’s secrets when it is deleted or its login stops using them', async () => {
    const h = await make();
    await h.call('sites.secrets.useMasterPassword', { masterPassword: 'a long master pw' });
    const site = await h.call('sites.save', {
      site: sampleDraft({ name: 'S' }),
      secrets: { password: 'pw' },
    });
    const asked = await h.call('sites.save', {
      site: { ...sampleDraft({ name: 'S', auth: 'ask' }), id: site.id },
    });
    expect(asked.hasPassword).toBe(false);
    await expect(h.call('sites.connect', { siteId: site.id })).rejects.toMatchObject({
      code: 'secret_unavailable',
    });
    const vault = await readFile(`${h.dataDir}/secrets.vault.json`, 'utf8');
    expect(JSON.parse(vault).entries).toEqual({});
  });
});
