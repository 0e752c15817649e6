import { spawnSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { CURRENT_VERSION, type SitesDocument } from './document';
import { addSite, createFolder } from './site-ops';
import { BACKUP_FILE, SITES_FILE, SiteStore } from './site-store';
import { sampleDraft } from './testing/sample-site';

const noSecrets = { hasPassword: false, hasPassphrase: false, passwordNotImported: false };
const scratch = scratchPerTest('ferry-sites-');

async function documentOf(store: SiteStore): Promise<SitesDocument> {
  const state = await store.read();
  if (!state.ok) throw new Error(`store damaged: ${state.damaged.message}`);
  return state.document;
}

describe('the sites file', () => {
  it('round-trips folders and sites through the file, with a backup of the previous version', async () => {
    const store = new SiteStore(scratch.path);
    await store.update((doc) => {
      const folder = createFolder(doc, 'Clients', null, 'f1');
      addSite(
        doc,
        sampleDraft({
          name: 'Acme',
          folderId: folder.id,
          port: 2222,
          colour: 'green',
          notes: 'ünïcode ✓',
        }),
        's1',
        noSecrets,
        1000,
      );
    });
    await store.update((doc) =>
      addSite(doc, sampleDraft({ name: 'Second' }), 's2', noSecrets, 2000),
    );

    const fresh = await documentOf(new SiteStore(scratch.path));
    expect(fresh.version).toBe(CURRENT_VERSION);
    expect(fresh.folders).toEqual([{ id: 'f1', name: 'Clients', parentId: null }]);
    expect(fresh.sites.map((s) => s.name)).toEqual(['Acme', 'Second']);
    expect(fresh.sites[0]).toMatchObject({
      folderId: 'f1',
      port: 2222,
      colour: 'green',
      notes: 'ünïcode ✓',
    });
    // The backup is the version before the last change: one site.
    const backup = JSON.parse(
      await readFile(join(scratch.path, BACKUP_FILE), 'utf8'),
    ) as SitesDocument;
    expect(backup.sites.map((s) => s.name)).toEqual(['Acme']);
  });

  it('migrates a version-1 file (folder paths, explicit ports, askPassword)', async () => {
    const v1 = {
      version: 1,
      sites: [
        {
          id: 'a',
          name: 'Web',
          folder: 'Clients/Acme',
          protocol: 'sftp',
          host: 'web.test',
          port: 22,
          user: 'u',
          auth: 'password',
          askPassword: false,
          hasPassword: true,
        },
        {
          id: 'b',
          name: 'Files',
          folder: 'Clients',
          protocol: 'ftps-implicit',
          host: 'f.test',
          port: 2990,
          user: 'v',
          auth: 'password',
          askPassword: true,
          hasPassword: false,
          remoteDir: '/pub',
          notes: 'n',
        },
        {
          id: 'c',
          name: 'Top',
          folder: '',
          protocol: 'ftps-explicit',
          host: 't.test',
          port: 21,
          user: '',
          auth: 'agent',
          askPassword: false,
          hasPassword: false,
        },
      ],
    };
    const v1Text = JSON.stringify(v1);
    await writeFile(join(scratch.path, SITES_FILE), v1Text);
    const store = new SiteStore(scratch.path);
    const doc = await documentOf(store);
    const clients = doc.folders.find((f) => f.name === 'Clients');
    const acme = doc.folders.find((f) => f.name === 'Acme');
    expect(clients?.parentId).toBeNull();
    expect(acme?.parentId).toBe(clients?.id);
    expect(doc.sites.map((s) => [s.name, s.folderId, s.port, s.auth, s.hasPassword])).toEqual([
      ['Web', acme?.id, null, 'password', true],
      ['Files', clients?.id, 2990, 'ask', false],
      ['Top', null, null, 'agent', false],
    ]);
    expect(doc.sites[1]).toMatchObject({ remoteDir: '/pub', notes: 'n', passive: true });

    // The first change writes version 2 and keeps the version-1 text as the last good copy.
    await store.update(() => undefined);
    expect(JSON.parse(await readFile(join(scratch.path, SITES_FILE), 'utf8')).version).toBe(
      CURRENT_VERSION,
    );
    expect(await readFile(join(scratch.path, BACKUP_FILE), 'utf8')).toBe(v1Text);
  });

  it('keeps the old file intact when the process dies between write and rename', async () => {
    const store = new SiteStore(scratch.path);
    await store.update((doc) => addSite(doc, sampleDraft({ name: 'Kept' }), 'k', noSecrets, 1));
    const before = await readFile(join(scratch.path, SITES_FILE), 'utf8');

    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'testing/crash-during-write.ts'), scratch.path],
      { encoding: 'utf8' },
    );
    expect(child.signal).toBe('SIGKILL');
    // The new version reached the disk only under a temporary name.
    const leftovers = (await readdir(scratch.path)).filter((n) => n.endsWith('.tmp'));
    expect(leftovers).toHaveLength(1);
    expect(await readFile(join(scratch.path, leftovers[0] ?? ''), 'utf8')).toContain('Never saved');

    expect(await readFile(join(scratch.path, SITES_FILE), 'utf8')).toBe(before);
    const doc = await documentOf(new SiteStore(scratch.path));
    expect(doc.sites.map((s) => s.name)).toEqual(['Kept']);
  });

  it('reports a hand-broken file, changes nothing, and restores the last good copy on request', async () => {
    const store = new SiteStore(scratch.path);
    await store.update((doc) => addSite(doc, sampleDraft({ name: 'One' }), '1', noSecrets, 1));
    await store.update((doc) => addSite(doc, sampleDraft({ name: 'Two' }), '2', noSecrets, 2));
    const broken = (await readFile(join(scratch.path, SITES_FILE), 'utf8')).slice(0, 80);
    await writeFile(join(scratch.path, SITES_FILE), broken);

    const state = await store.read();
    expect(state.ok).toBe(false);
    if (state.ok) return;
    expect(state.damaged.reason).toBe('corrupt');
    expect(state.damaged.message).toMatch(/damaged/);
    expect(state.damaged.backup).toMatchObject({ sites: 1, folders: 0 });

    await expect(store.update(() => undefined)).rejects.toMatchObject({ code: 'store_corrupt' });
    expect(await readFile(join(scratch.path, SITES_FILE), 'utf8')).toBe(broken);

    await store.recover('restore-backup');
    expect((await documentOf(store)).sites.map((s) => s.name)).toEqual(['One']);
    // The damaged file is kept beside, not deleted.
    const aside = (await readdir(scratch.path)).filter((n) => n.startsWith('sites.damaged-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(scratch.path, aside[0] ?? ''), 'utf8')).toBe(broken);
  });

  it('starts a fresh list only when asked, keeping the damaged file', async () => {
    await writeFile(join(scratch.path, SITES_FILE), '{"version": 2, "sites": "oops"}');
    const store = new SiteStore(scratch.path);
    const state = await store.read();
    expect(state.ok ? undefined : state.damaged.backup).toBeUndefined();
    await expect(store.recover('restore-backup')).rejects.toMatchObject({ code: 'store_corrupt' });
    await store.recover('start-fresh');
    expect((await documentOf(store)).sites).toEqual([]);
    expect((await readdir(scratch.path)).some((n) => n.startsWith('sites.damaged-'))).toBe(true);
  });

  it('never touches a file from a newer Ferry', async () => {
    const newer = JSON.stringify({ version: CURRENT_VERSION + 1, whatever: true });
    await writeFile(join(scratch.path, SITES_FILE), newer);
    const store = new SiteStore(scratch.path);
    const state = await store.read();
    expect(state.ok ? undefined : state.damaged.reason).toBe('newer-version');
    await expect(store.update(() => undefined)).rejects.toMatchObject({ code: 'store_corrupt' });
    expect(await readFile(join(scratch.path, SITES_FILE), 'utf8')).toBe(newer);
  });

  it('refuses a change the file could not hold, in plain words, and keeps the file readable', async () => {
    const store = new SiteStore(scratch.path);
    await store.update((doc) => addSite(doc, sampleDraft({ name: 'Kept' }), 'k', noSecrets, 1));
    const before = await readFile(join(scratch.path, SITES_FILE), 'utf8');

    const tooLong = store.update((doc) => {
      doc.recent.push({
        name: 'x'.repeat(300),
        protocol: 'sftp',
        host: 'h.test',
        port: 22,
        user: 'u',
        at: 1,
      });
    });
    await expect(tooLong).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/not saved.*recent connection.*longer than 200 characters/),
      hint: expect.stringContaining('unchanged'),
    });
    await expect(
      store.update((doc) => addSite(doc, sampleDraft({ name: '' }), 'e', noSecrets, 1)),
    ).rejects.toMatchObject({ code: 'invalid_input' });

    expect(await readFile(join(scratch.path, SITES_FILE), 'utf8')).toBe(before);
    expect((await documentOf(new SiteStore(scratch.path))).sites.map((s) => s.name)).toEqual([
      'Kept',
    ]);
  });

  it('a deleted sites file with a backup beside it is reported, not silently emptied', async () => {
    const store = new SiteStore(scratch.path);
    await store.update((doc) => addSite(doc, sampleDraft({ name: 'A' }), 'a', noSecrets, 1));
    await store.update((doc) => addSite(doc, sampleDraft({ name: 'B' }), 'b', noSecrets, 1));
    await rm(join(scratch.path, SITES_FILE));
    const state = await store.read();
    expect(state.ok ? undefined : state.damaged.reason).toBe('missing');
    await store.recover('restore-backup');
    expect((await documentOf(store)).sites.map((s) => s.name)).toEqual(['A']);
  });
});
