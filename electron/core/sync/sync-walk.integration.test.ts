/**
 * The synchronization walk on its own, against the real sshd: links on either side are never
 * followed, sent or deleted (a link to a folder outside could otherwise empty it); a tree over
 * the limits gives no plan at all rather than a partial one that could delete what it missed.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { SYNC_LIMITS, type SyncOptions } from '../../../shared/contract/sync';
import type { RemoteFs } from '../remote/remote-fs';
import { connectTo } from '../transfers/testing';
import { walkSync, type SyncWalk } from './sync-walk';

const harness = harnessForSuite(['sftp'], 'ferry-sync-walk-');
let fs: RemoteFs;
let local: string;

beforeAll(async () => {
  local = join(harness.scratch, 'here');
  await mkdir(join(local, 'a/b/c'), { recursive: true });
  await writeFile(join(local, 'a/b/c/deep.txt'), 'deep');
  await mkdir(join(harness.scratch, 'elsewhere'), { recursive: true });
  await writeFile(join(harness.scratch, 'elsewhere/precious.txt'), 'not ours');
  await symlink(join(harness.scratch, 'elsewhere'), join(local, 'link-here'));
  const { fixtures } = harness.servers;
  await fixtures.mkdir('there/a/b/c');
  await fixtures.writeFile('outside/precious.txt', 'not ours either');
  await fixtures.symlink(fixtures.abs('outside'), 'there/link-there');
  await fixtures.symlink(fixtures.abs('outside/precious.txt'), 'there/file-link');
  fs = await connectTo(harness.servers, 'sftp');
});
afterAll(async () => {
  await fs?.close();
});

const OPTIONS: SyncOptions = {
  direction: 'upload',
  deleteExtra: true,
  compareBy: 'timeAndSize',
  recursive: true,
};

function walk(over: Partial<SyncWalk> = {}) {
  return walkSync({
    fs,
    localRoot: local,
    remoteRoot: posix.join(harness.servers.root, 'there'),
    options: OPTIONS,
    exclude: undefined,
    serverTimeOffsetMinutes: 0,
    limits: { ...SYNC_LIMITS },
    signal: new AbortController().signal,
    comparing: () => undefined,
    ...over,
  });
}

it('leaves links alone on both sides, even with delete on', async () => {
  const result = await walk();
  expect(result.outcome).toBe('done');
  expect(result.items.map((i) => `${i.action} ${i.path}`)).toEqual(['upload a/b/c/deep.txt']);
  expect(result.leftAlone.map((a) => `${a.path}: ${a.why}`).sort()).toEqual([
    'file-link: link',
    'link-here: link',
    'link-there: link',
  ]);
});

it('gives no plan past the folder or depth limit', async () => {
  const tooMany = await walk({ limits: { ...SYNC_LIMITS, folders: 2 } });
  expect(tooMany).toMatchObject({ outcome: 'limit', items: [] });
  const tooDeep = await walk({ limits: { ...SYNC_LIMITS, depth: 2 } });
  expect(tooDeep).toMatchObject({ outcome: 'limit', items: [] });
  const stopped = new AbortController();
  stopped.abort();
  expect(await walk({ signal: stopped.signal })).toMatchObject({ outcome: 'stopped', items: [] });
});
