/**
 * Synchronize folders through the app, as the page uses it, against the real sshd and vsftpd:
 * a website folder here and its copy on the server, with files new, changed and deleted on each
 * side. The preview lists exactly what differs, with why; Run makes the two trees equal byte for
 * byte (checksums); with "delete" on, what is only on the server goes, with it off it stays. An
 * unreadable server folder is named and left out (never taken for empty), and the exclusion list
 * keeps its names out of both the transfers and the deletions.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { SyncOptions, SyncPlanned } from '../../../shared/contract/sync';
import { appTrustingOnce } from '../transfers/testing-app';
import { paramsFor, remoteRoot, treeManifest, type ProtocolKind } from '../transfers/testing';

const KINDS: ProtocolKind[] = ['sftp', 'ftps-explicit'];
const harness = harnessForSuite(KINDS, 'ferry-sync-');

/** A whole minute a day ago: recent enough that an FTP listing shows the time, not the year. */
const BASE = Math.floor((Date.now() - 86_400_000) / 60_000) * 60_000;
const at = (ms: number) => new Date(ms);

let n = 0;
let local: string;
let serverRel: string;

/** Writes a file with its modified time (`offsetMin` minutes after BASE). */
async function put(path: string, text: string, offsetMin = 0) {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  await utimes(path, at(BASE + offsetMin * 60_000), at(BASE + offsetMin * 60_000));
}

beforeEach(async () => {
  n++;
  local = join(harness.scratch, `site-${n}`);
  serverRel = `site-${n}`;
  const server = harness.servers.fixtures.abs(serverRel);
  await harness.servers.fixtures.mkdir(`${serverRel}/locked`);
  const both = async (path: string, text: string, offsetMin = 0) => {
    await put(join(local, path), text, offsetMin);
    await put(join(server, path), text, offsetMin);
  };
  await both('index.html', '<h1>same</h1>');
  await both('about.html', '<p>same size</p>');
  await put(join(local, 'css/site.css'), 'body { color: red; margin: 0 }'); // changed here
  await put(join(server, 'css/site.css'), 'body { color: blue }');
  await put(join(local, 'js/app.js'), 'run(1)', 120); // newer here, same size
  await put(join(server, 'js/app.js'), 'run(0)');
  await put(join(local, 'notes.txt'), 'draft A'); // newer on the server: left alone
  await put(join(server, 'notes.txt'), 'draft B', 180);
  await put(join(local, 'new.txt'), 'brand new');
  await put(join(local, 'img/logo.svg'), '<svg/>');
  await put(join(local, 'img/icons/a.svg'), '<svg a/>');
  await put(join(local, '.git/HEAD'), 'ref: main'); // excluded
  await put(join(server, 'old.txt'), 'remove me');
  await put(join(server, 'gone/page.html'), 'old page');
  await put(join(server, 'cache.tmp'), 'excluded: stays');
  await put(join(local, 'locked/secret.txt'), 'here only, but the server folder is unreadable');
  // The harness runs as root: hand what it wrote on the server side to the test user.
  execFileSync('chown', ['-R', `${harness.servers.user.name}:`, server]);
  await harness.servers.fixtures.makeUnreadable(`${serverRel}/locked`);
  // Only on the server, holding a folder nobody may read: never deleted as a whole.
  await harness.servers.fixtures.writeFile(`${serverRel}/private/readme.txt`, 'keep');
  await harness.servers.fixtures.makeUnreadable(`${serverRel}/private/keys`);
});

async function open(kind: ProtocolKind) {
  const { app, events } = appTrustingOnce(await mkdtemp(join(harness.scratch, 'data-')));
  await app.handlers['settings.set']({ excludedNames: ['.git', '*.tmp'] });
  const session = await app.handlers['remote.connect'](paramsFor(harness.servers, kind));
  const remote = posix.join(remoteRoot(harness.servers, kind), serverRel);
  const start = async (options: SyncOptions) => {
    const planned = new Promise<SyncPlanned>((resolve) =>
      events.on('sync.planned', (p: SyncPlanned) => resolve(p)),
    );
    const { syncId } = await app.handlers['sync.start']({
      pageId: 'page-sync-1',
      sessionId: session.sessionId,
      localRoot: local,
      remoteRoot: remote,
      options,
    });
    return { syncId, planned };
  };
  const plan = async (options: SyncOptions) => (await start(options)).planned;
  const settled = async () => {
    for (let i = 0; i < 3000; i++) {
      const rows = await app.handlers['transfers.list']({});
      if (rows.every((r) => r.state !== 'queued' && r.state !== 'active')) return rows;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('The transfers did not finish.');
  };
  return { app, start, plan, settled };
}

const UPLOAD: SyncOptions = {
  direction: 'upload',
  deleteExtra: true,
  compareBy: 'timeAndSize',
  recursive: true,
};

/** Checksums of a tree, without what the test leaves out on purpose. */
async function manifest(root: string, without: string[]) {
  const { files } = await treeManifest(root);
  return Object.fromEntries(
    Object.entries(files).filter(([path]) => !without.some((w) => path.startsWith(w))),
  );
}

describe.each(KINDS)('%s', (kind) => {
  it('previews exactly what differs, then makes the server match (delete on)', async () => {
    const { app, plan, settled } = await open(kind);
    try {
      const planned = await plan(UPLOAD);
      expect(planned.outcome).toBe('done');
      expect(
        planned.items.map(({ action, reason, path, kind: k, files }) => ({
          action,
          reason,
          path,
          kind: k,
          files,
        })),
      ).toEqual([
        { action: 'upload', reason: 'sizeDiffers', path: 'css/site.css', kind: 'file', files: 1 },
        { action: 'deleteRemote', reason: 'onlyRemote', path: 'gone', kind: 'folder', files: 1 },
        { action: 'upload', reason: 'onlyLocal', path: 'img', kind: 'folder', files: 2 },
        { action: 'upload', reason: 'newerLocal', path: 'js/app.js', kind: 'file', files: 1 },
        { action: 'upload', reason: 'onlyLocal', path: 'new.txt', kind: 'file', files: 1 },
        { action: 'deleteRemote', reason: 'onlyRemote', path: 'old.txt', kind: 'file', files: 1 },
      ]);
      expect(planned.unreadable).toEqual(['server: private/keys', 'server: locked']);
      expect(planned.leftAlone).toEqual([{ path: 'notes.txt', why: 'newerThere' }]);
      expect(planned.excluded).toBe(2); // .git here, cache.tmp there

      const result = await app.handlers['sync.run']({
        syncId: planned.syncId,
        itemIds: planned.items.map((i) => i.id),
      });
      expect(result).toMatchObject({ queued: 4, deleted: 2, failed: [] });
      const rows = await settled();
      expect(rows.filter((r) => !r.parentId).every((r) => r.state === 'done')).toBe(true);

      const server = harness.servers.fixtures.abs(serverRel);
      const here = await manifest(local, ['.git', 'locked', 'notes.txt']);
      const there = await manifest(server, ['cache.tmp', 'locked', 'notes.txt', 'private']);
      expect((await treeManifest(server)).files['private/readme.txt']).toBeDefined();
      expect(there).toEqual(here);
      expect(Object.keys(there)).toContain('img/icons/a.svg');
      // Comparing again: nothing left to do (the uploads kept their times).
      const again = await plan(UPLOAD);
      expect(again.items).toEqual([]);
      // Excluded and newer-there files stay as they were; the plan is used once.
      expect((await treeManifest(server)).files['cache.tmp']).toBeDefined();
      await expect(
        app.handlers['sync.run']({ syncId: planned.syncId, itemIds: [] }),
      ).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await app.dispose();
    }
  });

  it('never deletes a folder holding a link (links are left alone), nor one that gained one', async () => {
    const f = harness.servers.fixtures;
    await f.writeFile(`${serverRel}/linked/page.html`, 'page');
    await f.symlink('page.html', `${serverRel}/linked/home.html`);
    const { app, plan } = await open(kind);
    try {
      const planned = await plan(UPLOAD);
      expect(planned.items.some((i) => i.path.startsWith('linked'))).toBe(false);
      const gone = planned.items.find((i) => i.path === 'gone');
      await f.symlink('page.html', `${serverRel}/gone/home.html`);
      const result = await app.handlers['sync.run']({
        syncId: planned.syncId,
        itemIds: [gone?.id ?? ''],
      });
      expect(result.failed[0]?.error.message).toBe(
        'The folder "gone" on the server has changed since the comparison (it now holds links, which are left alone): left as it is.',
      );
      const there = (await treeManifest(f.abs(serverRel))).files;
      expect(there['gone/page.html']).toBeDefined();
      expect(there['linked/page.html']).toBeDefined();
    } finally {
      await app.dispose();
    }
  });

  it('leaves a folder to delete that gained a file since the comparison, saying so', async () => {
    const { app, plan } = await open(kind);
    try {
      const planned = await plan(UPLOAD);
      const gone = planned.items.find((i) => i.path === 'gone');
      const old = planned.items.find((i) => i.path === 'old.txt');
      expect(gone).toMatchObject({ action: 'deleteRemote', files: 1 });
      // Someone uploads into it meanwhile: not what the user ticked to delete.
      await harness.servers.fixtures.writeFile(`${serverRel}/gone/added-later.html`, 'new work');
      const result = await app.handlers['sync.run']({
        syncId: planned.syncId,
        itemIds: [gone?.id ?? '', old?.id ?? ''],
      });
      expect(result).toMatchObject({ deleted: 1 });
      expect(result.failed).toEqual([
        {
          path: 'gone',
          error: expect.objectContaining({
            code: 'already_exists',
            message:
              'The folder "gone" on the server has changed since the comparison (it now holds 2 files, the preview showed 1 file): left as it is.',
            hint: expect.stringMatching(/^Compare again/),
          }),
        },
      ]);
      const there = (await treeManifest(harness.servers.fixtures.abs(serverRel))).files;
      expect(there['gone/added-later.html']).toBeDefined();
      expect(there['gone/page.html']).toBeDefined();
      expect(there['old.txt']).toBeUndefined();
    } finally {
      await app.dispose();
    }
  });

  it('keeps what is only on the server when delete is off, and runs only the ticked items', async () => {
    const { app, plan, settled } = await open(kind);
    try {
      const planned = await plan({ ...UPLOAD, deleteExtra: false });
      expect(planned.items.some((i) => i.action === 'deleteRemote')).toBe(false);
      const ticked = planned.items.filter((i) => i.path !== 'new.txt');
      await app.handlers['sync.run']({ syncId: planned.syncId, itemIds: ticked.map((i) => i.id) });
      await settled();
      const server = harness.servers.fixtures.abs(serverRel);
      const there = (await treeManifest(server)).files;
      expect(there['old.txt']).toBeDefined();
      expect(there['gone/page.html']).toBeDefined();
      expect(there['new.txt']).toBeUndefined(); // unticked
      expect(there['css/site.css']).toBe((await treeManifest(local)).files['css/site.css']);
    } finally {
      await app.dispose();
    }
  });
});

describe.each(KINDS)('%s, mirror', (kind) => {
  it('replaces the newer copy on the server with the older one here, saying so', async () => {
    const { app, plan, settled } = await open(kind);
    try {
      const planned = await plan({ ...UPLOAD, deleteExtra: false, mirror: true });
      expect(planned.items.find((i) => i.path === 'notes.txt')).toMatchObject({
        action: 'upload',
        reason: 'replacesNewerRemote',
      });
      expect(planned.leftAlone).toEqual([]);
      await app.handlers['sync.run']({
        syncId: planned.syncId,
        itemIds: planned.items.map((i) => i.id),
      });
      const rows = await settled();
      expect(rows.filter((r) => !r.parentId).every((r) => r.state === 'done')).toBe(true);
      const server = harness.servers.fixtures.abs(serverRel);
      expect((await treeManifest(server)).files['notes.txt']).toBe(
        (await treeManifest(local)).files['notes.txt'],
      );
      // The older copy kept its time: comparing again finds the two the same.
      const again = await plan({ ...UPLOAD, deleteExtra: false, mirror: true });
      expect(again.items).toEqual([]);
    } finally {
      await app.dispose();
    }
  });
});

it('download, mirror: the newer copy here is replaced by the server’s older one (sftp)', async () => {
  const { app, plan, settled } = await open('sftp');
  try {
    const planned = await plan({
      ...UPLOAD,
      direction: 'download',
      deleteExtra: false,
      mirror: true,
    });
    expect(planned.items.find((i) => i.path === 'js/app.js')).toMatchObject({
      action: 'download',
      reason: 'replacesNewerLocal',
    });
    await app.handlers['sync.run']({
      syncId: planned.syncId,
      itemIds: planned.items.map((i) => i.id),
    });
    await settled();
    const server = harness.servers.fixtures.abs(serverRel);
    expect((await treeManifest(local)).files['js/app.js']).toBe(
      (await treeManifest(server)).files['js/app.js'],
    );
  } finally {
    await app.dispose();
  }
});

it('both ways: the newer copy wins on each side, nothing is deleted, a copy changed on both sides is left alone (sftp)', async () => {
  const { app, plan, settled } = await open('sftp');
  try {
    const planned = await plan({ ...UPLOAD, direction: 'both' });
    const byPath = Object.fromEntries(planned.items.map((i) => [i.path, i.action]));
    expect(byPath).toEqual({
      gone: 'download',
      img: 'upload',
      'js/app.js': 'upload',
      'new.txt': 'upload',
      'notes.txt': 'download',
      'old.txt': 'download',
      private: 'download',
    });
    // Another size, the same time: no telling which copy is the right one.
    expect(planned.leftAlone).toEqual([{ path: 'css/site.css', why: 'bothChanged' }]);
    await app.handlers['sync.run']({
      syncId: planned.syncId,
      itemIds: planned.items.map((i) => i.id),
    });
    await settled();
    const server = harness.servers.fixtures.abs(serverRel);
    expect(await manifest(server, ['cache.tmp', 'locked', 'css', 'private'])).toEqual(
      await manifest(local, ['.git', 'locked', 'css', 'private']),
    );
  } finally {
    await app.dispose();
    await rm(local, { recursive: true, force: true });
  }
});

it('download with delete: this computer matches the server, what is only here goes (sftp)', async () => {
  const { app, plan, settled } = await open('sftp');
  try {
    const planned = await plan({ ...UPLOAD, direction: 'download' });
    const deleted = planned.items.filter((i) => i.action === 'deleteLocal').map((i) => i.path);
    expect(deleted).toEqual(['img', 'new.txt']);
    expect(planned.leftAlone).toEqual([{ path: 'js/app.js', why: 'newerThere' }]);
    const result = await app.handlers['sync.run']({
      syncId: planned.syncId,
      itemIds: planned.items.map((i) => i.id),
    });
    expect(result).toMatchObject({ deleted: 2, failed: [] });
    await settled();
    const server = harness.servers.fixtures.abs(serverRel);
    const skip = ['cache.tmp', '.git', 'locked', 'js', 'private'];
    expect(await manifest(local, skip)).toEqual(await manifest(server, skip));
    // The excluded file here stays; so does the newer copy here.
    expect((await treeManifest(local)).files['.git/HEAD']).toBeDefined();
    expect((await treeManifest(local)).files['js/app.js']).toBeDefined();
  } finally {
    await app.dispose();
  }
});

it('download with delete leaves a local folder whose file changed since the comparison (sftp)', async () => {
  const { app, plan } = await open('sftp');
  try {
    const planned = await plan({ ...UPLOAD, direction: 'download' });
    const img = planned.items.find((i) => i.path === 'img');
    expect(img).toMatchObject({ action: 'deleteLocal', files: 2 });
    await writeFile(join(local, 'img/logo.svg'), '<svg>edited meanwhile</svg>');
    const result = await app.handlers['sync.run']({
      syncId: planned.syncId,
      itemIds: [img?.id ?? ''],
    });
    expect(result.failed[0]?.error.message).toBe(
      'The folder "img" on this computer has changed since the comparison (files in it have changed size): left as it is.',
    );
    expect((await treeManifest(local)).files['img/logo.svg']).toBeDefined();
  } finally {
    await app.dispose();
  }
});

it('Stop ends a comparison with no plan; a missing folder fails in plain words (sftp)', async () => {
  const { app, start, plan } = await open('sftp');
  try {
    for (let i = 0; i < 60; i++) await mkdir(join(local, 'many', `d${i}`), { recursive: true });
    for (let i = 0; i < 60; i++) await harness.servers.fixtures.mkdir(`${serverRel}/many/d${i}`);
    const { syncId, planned } = await start(UPLOAD);
    await app.handlers['sync.stop']({ syncId });
    const stopped = await planned;
    expect(stopped).toMatchObject({ outcome: 'stopped', items: [] });
    await expect(app.handlers['sync.run']({ syncId, itemIds: [] })).rejects.toMatchObject({
      code: 'not_found',
    });

    await rm(local, { recursive: true, force: true });
    const failed = await plan(UPLOAD);
    expect(failed.outcome).toBe('failed');
    expect(failed.error?.code).toBe('not_found');
  } finally {
    await app.dispose();
  }
});
