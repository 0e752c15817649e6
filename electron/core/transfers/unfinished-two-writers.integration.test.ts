/**
 * Two Ferry processes on one data folder (two browser editions, or one and the desktop app): two
 * real cores share `unfinished-transfers.json`. One finishing its transfers keeps the other's
 * unfinished ones in the list; both closing leaves both runs' files for the next start, which
 * offers them and finishes them whole (SHA-256). Real SFTP and FTPS servers.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { expect, it } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { FerryApp } from '../app';
import { SAVED_QUEUE_FILE } from './saved-queue';
import { paramsFor, patterned } from './testing';
import { appTrustingOnce } from './testing-app';

const harness = harnessForSuite(['sftp', 'ftps-explicit'], 'ferry-unfinished-writers-');

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Timed out waiting.');
}

const kept = (dataDir: string) => readFile(join(dataDir, SAVED_QUEUE_FILE), 'utf8').catch(() => '');

async function download(app: FerryApp, kind: 'sftp' | 'ftps-explicit', rel: string, to: string) {
  const session = await app.handlers['remote.connect'](paramsFor(harness.servers, kind));
  const [id = ''] = await app.handlers['transfers.enqueue']({
    sessionId: session.sessionId,
    direction: 'download',
    // FTP sees the test user's home as its root.
    sources: [kind === 'sftp' ? posix.join(harness.servers.root, rel) : `/${rel}`],
    targetFolder: to,
  });
  return id;
}

it('two cores on one data folder keep each other’s unfinished transfers', async () => {
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
  const target = await mkdtemp(join(harness.scratch, 'down-'));
  const big = patterned(2_000_000, 5);
  await harness.servers.fixtures.writeFile('big.bin', big);
  await harness.servers.fixtures.writeFile('small.bin', patterned(20_000, 6));

  const a = appTrustingOnce(dataDir).app;
  const b = appTrustingOnce(dataDir).app;
  try {
    await b.handlers['settings.set']({ downloadLimit: { value: 256, unit: 'KiB/s' } });
    // B's slow download is kept in the shared list while it runs.
    await download(b, 'ftps-explicit', 'big.bin', target);
    await waitUntil(async () => (await kept(dataDir)).includes('big.bin'));

    // A downloads a file and finishes: its list is empty, B's stays.
    await a.handlers['settings.set']({ downloadLimit: null });
    const small = await download(a, 'sftp', 'small.bin', target);
    await waitUntil(async () => {
      const rows = await a.handlers['transfers.list']({});
      return rows.find((row) => row.id === small)?.state === 'done';
    });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // A's list is written again
    expect(await kept(dataDir)).toContain('big.bin');
    expect(await kept(dataDir)).not.toContain('small.bin');
    // A process that still runs keeps its own: another start is offered nothing of it.
    expect((await a.handlers['transfers.unfinished']({})).files).toBe(0);
  } finally {
    await b.dispose();
    await a.dispose();
  }

  // Both closed: the next start offers B's download and finishes it.
  const { app: next } = appTrustingOnce(dataDir);
  try {
    await next.handlers['settings.set']({ downloadLimit: null });
    const unfinished = await next.handlers['transfers.unfinished']({});
    expect(unfinished.servers).toEqual([
      expect.objectContaining({ protocol: 'ftps-explicit', files: 1 }),
    ]);
    const session = await next.handlers['remote.connect'](
      paramsFor(harness.servers, 'ftps-explicit'),
    );
    const [id] = await next.handlers['transfers.restoreUnfinished']({
      serverId: unfinished.servers[0]?.id ?? '',
      sessionId: session.sessionId,
    });
    await waitUntil(async () => {
      const rows = await next.handlers['transfers.list']({});
      return rows.find((row) => row.id === id)?.state === 'done';
    });
    expect(await sha256File(join(target, 'big.bin'))).toBe(sha256(big));
  } finally {
    await next.dispose();
  }
});
