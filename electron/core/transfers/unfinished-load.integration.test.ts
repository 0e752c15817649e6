/**
 * Keeping the unfinished transfers must not load the app while files move: with 10,000 files
 * queued, byte progress alone does not rebuild the kept list, and files finishing one after
 * another do not rewrite its multi-megabyte file every second. Prints the main thread's busy
 * time per second in both phases (the numbers in the review).
 */
import { statSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect, it, vi } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { FerryApp } from '../app';
import { SAVED_QUEUE_FILE } from './saved-queue';
import { paramsFor, patterned } from './testing';
import { appTrustingOnce } from './testing-app';
import { TransferQueue } from './transfer-queue';

const harness = harnessForSuite(['sftp'], 'ferry-unfinished-load-');
const MANY = 10_000;

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Timed out waiting.');
}

/** Over `ms`: the main thread's busy milliseconds per second, and how often the file was replaced. */
async function observe(
  path: string,
  ms: number,
): Promise<{ busyPerSecond: number; writes: number }> {
  const inode = () => {
    try {
      return statSync(path).ino;
    } catch {
      return 0;
    }
  };
  let last = inode();
  let writes = 0;
  const poll = setInterval(() => {
    const now = inode();
    if (now !== last) writes++;
    last = now;
  }, 50);
  const start = performance.eventLoopUtilization();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const used = performance.eventLoopUtilization(start);
  clearInterval(poll);
  return { busyPerSecond: (used.active / ms) * 1000, writes };
}

it('10,000 queued files: progress does not rebuild the kept list, finishing files do not rewrite it each second', async () => {
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
  const local = await mkdtemp(join(harness.scratch, 'up-'));
  await writeFile(join(local, 'big.bin'), patterned(8 * 1024 * 1024, 3));
  await mkdir(join(local, 'many'));
  for (let i = 0; i < MANY; i++) {
    await writeFile(join(local, 'many', `f${String(i).padStart(5, '0')}.txt`), `file ${i}\n`);
  }
  await harness.servers.fixtures.mkdir('load');
  // The folder's files fail first (the server refuses them) and wait, kept, for a retry.
  await harness.servers.fixtures.mkdir('load/many');
  await chmod(harness.servers.fixtures.abs('load/many'), 0o555);
  const params = paramsFor(harness.servers, 'sftp');
  const saved = join(dataDir, SAVED_QUEUE_FILE);
  const rebuilds = vi.spyOn(TransferQueue.prototype, 'unfinished');

  let app: FerryApp | undefined;
  try {
    app = appTrustingOnce(dataDir).app;
    const handlers = app.handlers;
    await handlers['settings.set']({
      uploadLimit: { value: 256, unit: 'KiB/s' },
      retries: 0,
    });
    const session = await handlers['remote.connect'](params);
    const target = posix.join(harness.servers.root, 'load');
    await handlers['transfers.enqueue']({
      sessionId: session.sessionId,
      direction: 'upload',
      sources: [join(local, 'many')],
      targetFolder: target,
    });
    // The folder's 10,000 files fail (kept for a retry), then a big file moves.
    await waitUntil(async () => {
      const rows = await handlers['transfers.list']({});
      return rows.filter((row) => row.parentId && row.state === 'failed').length === MANY;
    }, 120_000);
    const [bigId] = await handlers['transfers.enqueue']({
      sessionId: session.sessionId,
      direction: 'upload',
      sources: [join(local, 'big.bin')],
      targetFolder: target,
    });
    await waitUntil(async () => {
      const rows = await handlers['transfers.list']({});
      return (rows.find((row) => row.id === bigId)?.bytes ?? 0) > 0;
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    // Phase 1: only the big file's bytes move.
    const bigBytes = async () =>
      (await handlers['transfers.list']({})).find((row) => row.id === bigId)?.bytes ?? 0;
    const before = await bigBytes();
    rebuilds.mockClear();
    const moving = await observe(saved, 4000);
    // The big file moved meanwhile (at most 256 KiB/s; a busy machine may give it less), so
    // progress events came.
    expect((await bigBytes()) - before).toBeGreaterThan(64 * 1024);
    const rebuiltWhileMoving = rebuilds.mock.calls.length;

    // Phase 2: the server takes them now; retried, they finish one after another.
    await chmod(harness.servers.fixtures.abs('load/many'), 0o777);
    await handlers['settings.set']({ uploadLimit: { value: 2, unit: 'KiB/s' } });
    await handlers['transfers.cancel']({ jobId: bigId ?? '' });
    await handlers['transfers.retry']({});
    const finishing = await observe(saved, 5000);
    const after = await handlers['transfers.list']({});
    const done = after.filter((r) => r.state === 'done').length;
    console.info(
      `10k queue: bytes moving ${moving.busyPerSecond.toFixed(1)} ms/s busy, ${rebuiltWhileMoving} rebuilds, ${moving.writes} writes in 4 s; ` +
        `files finishing (${done} done) ${finishing.busyPerSecond.toFixed(1)} ms/s busy, ${finishing.writes} writes in 5 s`,
    );
    // At most the one write still owed for the changes before (the failures).
    expect(rebuiltWhileMoving).toBeLessThanOrEqual(1);
    expect(finishing.writes).toBeLessThanOrEqual(1);
    expect(done).toBeGreaterThan(0);
  } finally {
    await app?.dispose();
    rebuilds.mockRestore();
  }
}, 180_000);
