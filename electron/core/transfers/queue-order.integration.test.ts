/**
 * The user's order of the queue, against a real FTPS server through the app's handlers: with one
 * transfer at a time, files moved up, down, to the top or bottom arrive in that order (told by
 * when each landed on disk, not by the rows), a folder's files go where the folder was moved, and
 * the order survives closing Ferry and restoring the unfinished transfers. Every file whole
 * (SHA-256).
 */
import { mkdtemp, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { expect, it } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { TransferJob } from '../../../shared/contract/transfers';
import type { FerryApp } from '../app';
import { paramsFor, patterned } from './testing';
import { appTrustingOnce } from './testing-app';

// FTPS: one connection per transfer, so "one at a time" is exactly that (SFTP carries several
// files at once on one connection).
const harness = harnessForSuite(['ftps-explicit'], 'ferry-queue-order-');

/** The harness user's folder, as FTP names it (chrooted). */
const root = '/';

/** Files on the server, in `folder`; answers each name's checksum. */
async function serverFiles(folder: string, names: string[]): Promise<Map<string, string>> {
  const sums = new Map<string, string>();
  for (const [i, name] of names.entries()) {
    const data = patterned(150_000 + i * 1000, i + 1);
    await harness.servers.fixtures.writeFile(`${folder}/${name}`, data);
    sums.set(name, sha256(data));
  }
  return sums;
}

/** The names in the order they landed in `dir` (the rename that completes each download). */
async function arrivalOrder(dir: string, names: string[]): Promise<string[]> {
  const landed = await Promise.all(
    names.map(async (name) => ({
      name,
      at: (await stat(join(dir, name), { bigint: true })).ctimeNs,
    })),
  );
  return landed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map(({ name }) => name);
}

async function whenAllDone(app: FerryApp, ids: string[]): Promise<TransferJob[]> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const rows = await app.handlers['transfers.list']({});
    if (ids.every((id) => rows.find((row) => row.id === id)?.state === 'done')) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('Timed out waiting for the transfers.');
}

/** Top-level rows' names in the start order the panel shows. */
async function shownOrder(app: FerryApp): Promise<string[]> {
  const rows = await app.handlers['transfers.list']({});
  return rows
    .filter((row) => row.parentId === undefined)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((row) => row.name);
}

const LANDING_PACE = { value: 512, unit: 'KiB/s' } as const;

async function oneAtATime(dataDir: string): Promise<{ app: FerryApp; sessionId: string }> {
  const { app } = appTrustingOnce(dataDir);
  // Each 150 KB file then takes ~0.3 s, so the files land far apart: the order told by their
  // times on disk (ctime, which moves in kernel ticks of 4 ms here) cannot tie.
  await app.handlers['settings.set']({ parallelTransfers: 1, downloadLimit: LANDING_PACE });
  const { sessionId } = await app.handlers['remote.connect'](
    paramsFor(harness.servers, 'ftps-explicit'),
  );
  return { app, sessionId };
}

it('starts files in the order the user moved them to, one at a time', async () => {
  const names = ['a.bin', 'b.bin', 'c.bin', 'd.bin', 'e.bin'];
  const sums = await serverFiles('order-files', names);
  const target = await mkdtemp(join(harness.scratch, 'down-'));
  const { app, sessionId } = await oneAtATime(await mkdtemp(join(harness.scratch, 'data-')));
  try {
    await app.handlers['transfers.pause']({});
    const ids = await app.handlers['transfers.enqueue']({
      sessionId,
      direction: 'download',
      sources: names.map((name) => posix.join(root, 'order-files', name)),
      targetFolder: target,
    });
    const id = (name: string) => ids[names.indexOf(name)] ?? '';
    await app.handlers['transfers.move']({ jobIds: [id('e.bin')], to: 'top' });
    await app.handlers['transfers.move']({ jobIds: [id('b.bin')], to: 'bottom' });
    await app.handlers['transfers.move']({ jobIds: [id('c.bin')], to: 'up' });
    await app.handlers['transfers.move']({ jobIds: [id('d.bin')], to: 'down' });
    const expected = ['e.bin', 'c.bin', 'a.bin', 'b.bin', 'd.bin'];
    expect(await shownOrder(app)).toEqual(expected);

    await app.handlers['transfers.resume']({});
    await whenAllDone(app, ids);
    expect(await arrivalOrder(target, names)).toEqual(expected);
    for (const name of names) expect(await sha256File(join(target, name))).toBe(sums.get(name));
  } finally {
    await app.dispose();
  }
});

it('changes what starts next while a transfer moves; the moving one keeps its place', async () => {
  const names = ['slow.bin', 'b.bin', 'c.bin', 'd.bin'];
  const sums = await serverFiles('order-running', names);
  const target = await mkdtemp(join(harness.scratch, 'down-'));
  const { app, sessionId } = await oneAtATime(await mkdtemp(join(harness.scratch, 'data-')));
  try {
    // 150 KB at 100 KiB/s: the first file moves for over a second.
    await app.handlers['settings.set']({ downloadLimit: { value: 100, unit: 'KiB/s' } });
    const ids = await app.handlers['transfers.enqueue']({
      sessionId,
      direction: 'download',
      sources: names.map((name) => posix.join(root, 'order-running', name)),
      targetFolder: target,
    });
    const [slow = '', , , last = ''] = ids;
    const rows = async () => app.handlers['transfers.list']({});
    for (let waited = 0; (await rows()).find((r) => r.id === slow)?.state !== 'active';) {
      if ((waited += 10) > 10_000) throw new Error('The first download did not start.');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await app.handlers['transfers.move']({ jobIds: [slow], to: 'bottom' }); // moving: stays
    await app.handlers['transfers.move']({ jobIds: [last], to: 'top' });
    expect(await shownOrder(app)).toEqual(['slow.bin', 'd.bin', 'b.bin', 'c.bin']);
    await app.handlers['settings.set']({ downloadLimit: LANDING_PACE });
    await whenAllDone(app, ids);
    expect(await arrivalOrder(target, names)).toEqual(['slow.bin', 'd.bin', 'b.bin', 'c.bin']);
    for (const name of names) expect(await sha256File(join(target, name))).toBe(sums.get(name));
  } finally {
    await app.dispose();
  }
});

it('moves a folder’s files with the folder', async () => {
  const loose = ['x.bin', 'y.bin'];
  const inside = ['1.bin', '2.bin', '3.bin'];
  await serverFiles('order-folder', loose);
  const sums = await serverFiles('order-folder/photos', inside);
  const target = await mkdtemp(join(harness.scratch, 'down-'));
  const { app, sessionId } = await oneAtATime(await mkdtemp(join(harness.scratch, 'data-')));
  try {
    await app.handlers['transfers.pause']({});
    const at = (name: string) => posix.join(root, 'order-folder', name);
    const ids = await app.handlers['transfers.enqueue']({
      sessionId,
      direction: 'download',
      sources: [...loose, 'photos'].map(at),
      targetFolder: target,
    });
    const photos = ids[2] ?? '';
    await app.handlers['transfers.move']({ jobIds: [photos], to: 'top' });
    expect(await shownOrder(app)).toEqual(['photos', 'x.bin', 'y.bin']);
    await app.handlers['transfers.resume']({});
    await whenAllDone(app, ids);

    const local = [...inside.map((name) => join('photos', name)), ...loose];
    const order = await arrivalOrder(target, local);
    expect(order.slice(0, 3).sort()).toEqual(inside.map((name) => join('photos', name)));
    expect(order.slice(3)).toEqual(loose);
    for (const name of inside) {
      expect(await sha256File(join(target, 'photos', name))).toBe(sums.get(name));
    }
  } finally {
    await app.dispose();
  }
});

it('keeps the order across closing Ferry and restoring the unfinished transfers', async () => {
  const names = ['p.bin', 'q.bin', 'r.bin', 's.bin'];
  const sums = await serverFiles('order-restart', names);
  const target = await mkdtemp(join(harness.scratch, 'down-'));
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));

  const first = await oneAtATime(dataDir);
  await first.app.handlers['transfers.pause']({});
  const ids = await first.app.handlers['transfers.enqueue']({
    sessionId: first.sessionId,
    direction: 'download',
    sources: names.map((name) => posix.join(root, 'order-restart', name)),
    targetFolder: target,
  });
  await first.app.handlers['transfers.move']({ jobIds: [ids[3] ?? '', ids[2] ?? ''], to: 'top' });
  const expected = ['r.bin', 's.bin', 'p.bin', 'q.bin'];
  expect(await shownOrder(first.app)).toEqual(expected);
  await first.app.dispose();

  const second = await oneAtATime(dataDir);
  try {
    const { servers } = await second.app.handlers['transfers.unfinished']({});
    const restored = await second.app.handlers['transfers.restoreUnfinished']({
      serverId: servers[0]?.id ?? '',
      sessionId: second.sessionId,
    });
    expect(restored).toHaveLength(names.length);
    await whenAllDone(second.app, restored);
    expect(await shownOrder(second.app)).toEqual(expected);
    expect(await arrivalOrder(target, names)).toEqual(expected);
    for (const name of names) expect(await sha256File(join(target, name))).toBe(sums.get(name));
  } finally {
    await second.app.dispose();
  }
});
