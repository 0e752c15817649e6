/**
 * The queue survives closing Ferry: a real queue runs against real servers (SFTP from a saved
 * site, FTPS from a quick connection), the app is disposed mid-transfer, a new app starts on the
 * same data folder, says what was not finished, restores it, and every file arrives whole
 * (SHA-256). The kept list never holds the password.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { TransferJob } from '../../../shared/contract/transfers';
import type { FerryApp } from '../app';
import { sampleDraftFor } from '../sites/testing/sample-site';
import { SAVED_QUEUE_FILE, serialise } from './saved-queue';
import type { SavedServer } from './saved-queue-format';
import { paramsFor, treeManifest, twoFolderTree, writeTree } from './testing';
import { appTrustingOnce } from './testing-app';

const harness = harnessForSuite(['sftp', 'ftps-explicit'], 'ferry-unfinished-');
const tree = twoFolderTree(8, 400_000);
const slow = { value: 1, unit: 'MiB/s' } as const;

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Timed out waiting.');
}

/** Waits until part of the bytes moved (some files done, one under way), then closes the app. */
async function closeMidway(app: FerryApp, rootId: string): Promise<void> {
  await waitUntil(async () => {
    const rows = await app.handlers['transfers.list']({});
    const root = rows.find((row) => row.id === rootId);
    const done = rows.filter((row) => row.parentId === rootId && row.state === 'done').length;
    return done >= 2 && (root?.bytes ?? 0) > 1_200_000;
  });
  const before = await app.handlers['transfers.list']({});
  expect(before.find((row) => row.id === rootId)?.state).toBe('active');
  await app.dispose();
}

async function allDone(app: FerryApp, ids: string[]): Promise<TransferJob[]> {
  let rows: TransferJob[] = [];
  await waitUntil(async () => {
    rows = await app.handlers['transfers.list']({});
    return ids.every((id) => rows.find((row) => row.id === id)?.state === 'done');
  });
  return rows;
}

it('a folder download from a saved site (SFTP) continues after a restart, every file whole', async () => {
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
  const target = await mkdtemp(join(harness.scratch, 'down-'));
  await writeTree(harness.servers.fixtures.abs('tree-down'), tree);
  const expected = await treeManifest(harness.servers.fixtures.abs('tree-down'));
  const params = paramsFor(harness.servers, 'sftp');
  const password = params.password ?? '';

  const first = appTrustingOnce(dataDir).app;
  await first.handlers['settings.set']({ downloadLimit: slow, parallelTransfers: 2 });
  const site = await first.handlers['sites.save']({
    site: sampleDraftFor(params, { name: 'Build server', protocol: 'sftp' }),
  });
  const session = await first.handlers['sites.connect']({ siteId: site.id, password });
  const [rootId = ''] = await first.handlers['transfers.enqueue']({
    sessionId: session.sessionId,
    direction: 'download',
    sources: [posix.join(harness.servers.root, 'tree-down')],
    targetFolder: target,
  });
  await closeMidway(first, rootId);

  const kept = await readFile(join(dataDir, SAVED_QUEUE_FILE), 'utf8');
  expect(kept).not.toContain(password);
  // The interrupted downloads' part files stay, to be continued.
  const parts = (await readdir(join(target, 'tree-down'), { recursive: true })).filter((name) =>
    name.endsWith('.ferry-part'),
  );
  expect(parts.length).toBeGreaterThan(0);

  const { app: second } = appTrustingOnce(dataDir);
  try {
    await second.handlers['settings.set']({ downloadLimit: null });
    const unfinished = await second.handlers['transfers.unfinished']({});
    expect(unfinished.servers).toEqual([
      expect.objectContaining({ site: { id: site.id, name: 'Build server' }, protocol: 'sftp' }),
    ]);
    expect(unfinished.files).toBeGreaterThan(0);
    expect(unfinished.files).toBeLessThanOrEqual(tree.files.length - 2);

    const again = await second.handlers['sites.connect']({ siteId: site.id, password });
    const ids = await second.handlers['transfers.restoreUnfinished']({
      serverId: unfinished.servers[0]?.id ?? '',
      sessionId: again.sessionId,
    });
    // The files come back under their folder's row, which counts those done before too.
    expect(ids).toHaveLength(1);
    const restored = await second.handlers['transfers.list']({});
    const folder = restored.find((row) => row.id === ids[0]);
    expect(folder).toMatchObject({ kind: 'folder', name: 'tree-down' });
    expect(folder?.files?.total).toBe(tree.files.length);
    expect(folder?.files?.done).toBe(tree.files.length - unfinished.files);
    const files = restored.filter((row) => row.kind === 'file');
    expect(files).toHaveLength(unfinished.files);
    expect(files.every((row) => row.parentId === folder?.id)).toBe(true);
    const rows = await allDone(second, ids);
    expect(rows.find((row) => row.id === ids[0])?.files).toMatchObject({
      total: tree.files.length,
      done: tree.files.length,
    });
    expect(await treeManifest(join(target, 'tree-down'))).toEqual(expected);
    expect(await second.handlers['transfers.unfinished']({})).toEqual({ files: 0, servers: [] });
  } finally {
    await second.dispose();
  }
  // Everything finished: nothing is kept for the next start.
  expect(existsSync(join(dataDir, SAVED_QUEUE_FILE))).toBe(false);
});

it('a folder upload over a quick FTPS connection continues after a restart, every file whole', async () => {
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
  const local = await mkdtemp(join(harness.scratch, 'up-'));
  await writeTree(join(local, 'tree-up'), tree);
  const expected = await treeManifest(join(local, 'tree-up'));
  await harness.servers.fixtures.mkdir('uploads');
  const params = paramsFor(harness.servers, 'ftps-explicit');

  const first = appTrustingOnce(dataDir).app;
  await first.handlers['settings.set']({ uploadLimit: slow, parallelTransfers: 2 });
  const session = await first.handlers['remote.connect'](params);
  const [rootId = ''] = await first.handlers['transfers.enqueue']({
    sessionId: session.sessionId,
    direction: 'upload',
    sources: [join(local, 'tree-up')],
    targetFolder: '/uploads',
  });
  await closeMidway(first, rootId);
  expect(await readFile(join(dataDir, SAVED_QUEUE_FILE), 'utf8')).not.toContain(
    params.password ?? '',
  );

  const { app: second } = appTrustingOnce(dataDir);
  try {
    await second.handlers['settings.set']({ uploadLimit: null });
    const unfinished = await second.handlers['transfers.unfinished']({});
    const server = unfinished.servers[0];
    expect(server).toMatchObject({ protocol: 'ftps-explicit', port: params.port });
    expect(server?.site).toBeUndefined();

    // A connection to another server is not where these files were going.
    const elsewhere = await second.handlers['remote.connect'](paramsFor(harness.servers, 'sftp'));
    await expect(
      second.handlers['transfers.restoreUnfinished']({
        serverId: server?.id ?? '',
        sessionId: elsewhere.sessionId,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });

    const again = await second.handlers['remote.connect'](params);
    const ids = await second.handlers['transfers.restoreUnfinished']({
      serverId: server?.id ?? '',
      sessionId: again.sessionId,
    });
    // One row for the folder upload, as before the restart.
    expect(ids).toHaveLength(1);
    const rows = await allDone(second, ids);
    expect(rows.find((row) => row.id === ids[0])).toMatchObject({
      kind: 'folder',
      name: 'tree-up',
      source: join(local, 'tree-up'),
      target: '/uploads/tree-up',
      files: { total: tree.files.length, done: tree.files.length },
    });
    expect(await treeManifest(harness.servers.fixtures.abs('uploads/tree-up'))).toEqual(expected);
  } finally {
    await second.dispose();
  }
});

it('a folder not listed yet when Ferry closed is listed again on restore, every file whole', async () => {
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
  const target = await mkdtemp(join(harness.scratch, 'down-'));
  await writeTree(harness.servers.fixtures.abs('tree-walk'), tree);
  const expected = await treeManifest(harness.servers.fixtures.abs('tree-walk/d1'));
  const params = paramsFor(harness.servers, 'sftp');
  // What a run that closed while listing tree-walk left: its folder d1 (d0 was done).
  await mkdir(join(target, 'tree-walk'));
  const saved: SavedServer = {
    protocol: 'sftp',
    host: params.host,
    port: params.port,
    user: params.user,
    jobs: [
      {
        kind: 'folder',
        direction: 'download',
        source: posix.join(harness.servers.root, 'tree-walk', 'd1'),
        folder: target,
        path: ['tree-walk', 'd1'],
        size: null,
      },
    ],
  };
  await writeFile(join(dataDir, SAVED_QUEUE_FILE), serialise([saved]));

  const { app } = appTrustingOnce(dataDir);
  try {
    const { servers } = await app.handlers['transfers.unfinished']({});
    const session = await app.handlers['remote.connect'](params);
    const ids = await app.handlers['transfers.restoreUnfinished']({
      serverId: servers[0]?.id ?? '',
      sessionId: session.sessionId,
    });
    await allDone(app, ids);
    expect(await treeManifest(join(target, 'tree-walk', 'd1'))).toEqual(expected);
  } finally {
    await app.dispose();
  }
});
