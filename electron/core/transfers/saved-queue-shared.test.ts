/**
 * Several Ferry processes on one data folder share the kept list: each writes only its own
 * entries, a running process's entries are never offered to another, and an earlier run's (closed
 * or died) are offered to exactly one next start.
 */
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SavedQueue, SAVED_QUEUE_FILE } from './saved-queue';
import type { SavedJob, SavedQueueFile, SavedServer } from './saved-queue-format';
import { thisProcess } from './owner-process';
import { serialise } from './saved-queue-shared';

const server = (name: string): SavedServer => ({
  protocol: 'sftp',
  host: '127.0.0.1',
  port: 2222,
  user: 'ferry',
  jobs: [job(name)],
});
const job = (name: string): SavedJob => ({
  direction: 'download',
  source: `/remote/${name}`,
  folder: '/home/me/Downloads',
  path: [name],
  size: 10,
});

function listOn(dataDir: string, live: SavedServer[] = []): SavedQueue {
  return new SavedQueue({ dataDir, live: () => live, log: () => undefined });
}

async function namesIn(dir: string): Promise<string[]> {
  const text = await readFile(join(dir, SAVED_QUEUE_FILE), 'utf8').catch(() => '{"servers":[]}');
  const file = JSON.parse(text) as SavedQueueFile;
  return file.servers.flatMap((s) => s.jobs.map((j) => j.path.join('/'))).sort();
}

const offered = (list: SavedQueue) => list.pending().flatMap((s) => s.jobs.map((j) => j.path[0]));

it('two processes keep each other’s entries; one finishing its transfers drops only its own', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-shared-'));
  const liveA = [server('a.txt')];
  const liveB = [server('b.txt')];
  const a = listOn(dir, liveA);
  const b = listOn(dir, liveB);
  await Promise.all([a.loaded, b.loaded]);
  await Promise.all([a.saveNow(), b.saveNow()]);
  expect(await namesIn(dir)).toEqual(['a.txt', 'b.txt']);

  liveA.length = 0; // A finished its transfers
  await a.saveNow();
  expect(await namesIn(dir)).toEqual(['b.txt']);

  // A third start sees B's list as B's (it still runs): nothing to offer.
  const c = listOn(dir);
  await c.loaded;
  expect(offered(c)).toEqual([]);
  await c.close();
  expect(await namesIn(dir)).toEqual(['b.txt']);

  await b.close();
  const next = listOn(dir);
  const other = listOn(dir);
  await Promise.all([next.loaded, other.loaded]);
  // Offered once: to whichever started first, never to both.
  expect([...offered(next), ...offered(other)]).toEqual(['b.txt']);
});

it('many writes at once from two lists lose nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-shared-'));
  const liveA: SavedServer[] = [];
  const liveB: SavedServer[] = [];
  const a = listOn(dir, liveA);
  const b = listOn(dir, liveB);
  const writes: Promise<void>[] = [];
  for (let i = 0; i < 10; i++) {
    liveA.push(server(`a${i}`));
    liveB.push(server(`b${i}`));
    writes.push(a.saveNow(), b.saveNow());
  }
  await Promise.all(writes);
  expect(await namesIn(dir)).toHaveLength(20);
});

it('the entries of a process that died without closing are an earlier run’s', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-shared-'));
  const dead = { host: hostname(), pid: 2 ** 22 + 12_345, token: 'gone' };
  const alive = { host: hostname(), pid: process.pid, token: 'still-running' };
  await writeFile(
    join(dir, SAVED_QUEUE_FILE),
    serialise([
      { ...server('crashed.txt'), owner: dead },
      { ...server('running.txt'), owner: alive },
    ]),
  );
  const list = listOn(dir);
  await list.loaded;
  expect(offered(list)).toEqual(['crashed.txt']);
  await list.close();
  expect(await namesIn(dir)).toEqual(['crashed.txt', 'running.txt']);
});

it('a pid now used by another process, or from before a restart of the computer, is not the owner', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-shared-'));
  const me = thisProcess();
  // This test runs on Linux, where /proc tells a process's boot and start.
  expect(me.boot).toBeDefined();
  expect(me.started).toBeDefined();
  await writeFile(
    join(dir, SAVED_QUEUE_FILE),
    serialise([
      { ...server('reused.txt'), owner: { ...me, started: (me.started ?? 0) + 1, token: 'x' } },
      { ...server('rebooted.txt'), owner: { ...me, boot: 'another-boot', token: 'y' } },
      { ...server('running.txt'), owner: { ...me, token: 'z' } },
    ]),
  );
  const list = listOn(dir);
  await list.loaded;
  expect(offered(list)).toEqual(['reused.txt', 'rebooted.txt']);
});
