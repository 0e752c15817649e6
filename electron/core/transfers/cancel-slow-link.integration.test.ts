/**
 * On a slow link (~200 kB/s, see testing-slow-link.ts) Cancel and Pause take effect at once:
 * the job says so within a second or two, not after the bytes already queued have crawled out.
 * A cancelled download leaves no part file; jobs sharing the SFTP connection finish intact; a
 * paused upload resumes from what the server really has and ends with the right checksum.
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { patterned, queueOver, remoteRoot, row, waitFor, type ProtocolKind } from './testing';
import { slowLinkSource } from './testing-slow-link';

const KINDS: ProtocolKind[] = ['sftp', 'ftp', 'ftps-explicit'];
const BYTES_PER_SECOND = 200 * 1000;
/** Far more than the link moves during a test: the big transfer never finishes by itself. */
const BIG = 8 * 1024 * 1024;
/** How long a user may wait for Cancel or Pause to show. */
const PROMPT_MS = 1500;

const big = patterned(BIG, 7);
/** Big enough to stream (not the one-round-trip small-file path), small enough to finish. */
const companions = [0, 1].map((i) => patterned(300_000 + i * 7_001, 20 + i));

const harness = harnessForSuite(KINDS, 'ferry-cancel-');

async function slowQueue(kind: ProtocolKind, direction: 'upload' | 'download') {
  const link = await slowLinkSource(harness.servers, kind, direction, BYTES_PER_SECOND);
  // One slot: over SFTP every job shares one connection, so a cancel must spare the others.
  const { queue } = queueOver(
    link.source,
    { parallelTransfers: 1, retries: 2 },
    { retryBaseMs: 20 },
  );
  return {
    queue,
    source: link.source,
    close: async () => {
      await queue.dispose();
      await link.close();
    },
  };
}

/** Acts on the job once a few hundred kB moved; returns how long until `settled` holds. */
async function timeUntil(act: () => void, settled: () => boolean): Promise<number> {
  const started = Date.now();
  act();
  await waitFor(settled, 30_000);
  return Date.now() - started;
}

describe.each(KINDS)('%s at ~200 kB/s', (kind) => {
  const remoteFolder = (name: string) => posix.join(remoteRoot(harness.servers, kind), kind, name);

  it('cancels an upload at once; the other uploads finish intact', async () => {
    const local = await mkdtemp(join(harness.scratch, `up-${kind}-`));
    await writeFile(join(local, 'big.bin'), big);
    for (const [i, data] of companions.entries()) await writeFile(join(local, `c${i}.bin`), data);
    await harness.servers.fixtures.mkdir(`${kind}/up`);
    await writeFile(join(local, 'first.txt'), 'warms the connection up');
    const { queue, source, close } = await slowQueue(kind, 'upload');
    try {
      // Once a connection is open, the SFTP jobs that follow share it.
      await queue.enqueue({
        sessionId: 's',
        direction: 'upload',
        items: [{ source: join(local, 'first.txt'), targetFolder: remoteFolder('up') }],
      });
      await queue.whenIdle();
      const [bigId = '', ...otherIds] = await queue.enqueue({
        sessionId: 's',
        direction: 'upload',
        items: ['big.bin', 'c0.bin', 'c1.bin'].map((name) => ({
          source: join(local, name),
          targetFolder: remoteFolder('up'),
        })),
      });
      await waitFor(() => (row(queue, bigId)?.bytes ?? 0) > 150_000);
      const ms = await timeUntil(
        () => queue.cancel(bigId),
        () => row(queue, bigId)?.state === 'cancelled',
      );
      console.log(`${kind} upload cancel took ${ms} ms`);
      expect(ms).toBeLessThan(PROMPT_MS);
      const cancelledAt = Date.now();
      if (kind === 'sftp') {
        // They were running beside it on the same connection, and it stays theirs.
        expect(otherIds.map((id) => row(queue, id)?.state)).toEqual(['active', 'active']);
      }
      await queue.whenIdle();
      const othersMs = Date.now() - cancelledAt;
      console.log(`${kind} the other uploads finished ${othersMs} ms after`);
      // What they still had to send takes ~3 s at this speed; the cancelled file's queued
      // bytes must not stand in front of them for long (4 MiB would be 20 s).
      expect(othersMs).toBeLessThan(8000);
      if (kind === 'sftp') expect(source.opened).toBe(1);
      for (const [i, id] of otherIds.entries()) {
        expect(row(queue, id)?.state).toBe('done');
        expect(await sha256File(harness.servers.fixtures.abs(`${kind}/up/c${i}.bin`))).toBe(
          sha256(companions[i] as Buffer),
        );
      }
    } finally {
      await close();
    }
  }, 90_000);

  it('cancels a download at once, leaves no part file; the other downloads finish intact', async () => {
    await harness.servers.fixtures.writeFile(`${kind}/down/big.bin`, big);
    for (const [i, data] of companions.entries()) {
      await harness.servers.fixtures.writeFile(`${kind}/down/c${i}.bin`, data);
    }
    await harness.servers.fixtures.writeFile(`${kind}/down/first.txt`, 'warms the connection up');
    const folder = await mkdtemp(join(harness.scratch, `down-${kind}-`));
    const { queue, source, close } = await slowQueue(kind, 'download');
    try {
      await queue.enqueue({
        sessionId: 's',
        direction: 'download',
        items: [{ source: remoteFolder('down/first.txt'), targetFolder: folder }],
      });
      await queue.whenIdle();
      const [id = '', ...otherIds] = await queue.enqueue({
        sessionId: 's',
        direction: 'download',
        items: ['big.bin', 'c0.bin', 'c1.bin'].map((name) => ({
          source: remoteFolder(`down/${name}`),
          targetFolder: folder,
        })),
      });
      await waitFor(() => (row(queue, id)?.bytes ?? 0) > 150_000);
      const ms = await timeUntil(
        () => queue.cancel(id),
        () => row(queue, id)?.state === 'cancelled',
      );
      console.log(`${kind} download cancel took ${ms} ms`);
      expect(ms).toBeLessThan(PROMPT_MS);
      const cancelledAt = Date.now();
      await queue.whenIdle();
      const othersMs = Date.now() - cancelledAt;
      console.log(`${kind} the other downloads finished ${othersMs} ms after`);
      expect(othersMs).toBeLessThan(8000);
      if (kind === 'sftp') expect(source.opened).toBe(1);
      for (const [i, other] of otherIds.entries()) {
        expect(row(queue, other)?.state).toBe('done');
        expect(await sha256File(join(folder, `c${i}.bin`))).toBe(sha256(companions[i] as Buffer));
      }
      expect((await readdir(folder)).sort()).toEqual(['c0.bin', 'c1.bin', 'first.txt']);
    } finally {
      await close();
    }
  }, 90_000);

  it('cancels a small-file upload (one round trip) at once', async () => {
    const local = await mkdtemp(join(harness.scratch, `small-${kind}-`));
    // Just under the one-round-trip limit: over a second of the link's time.
    await writeFile(join(local, 'small.bin'), patterned(250 * 1024, 5));
    await writeFile(join(local, 'first.txt'), 'warms the connection up');
    await writeFile(join(local, 'c0.bin'), companions[0] as Buffer);
    await harness.servers.fixtures.mkdir(`${kind}/small`);
    const { queue, close } = await slowQueue(kind, 'upload');
    try {
      await queue.enqueue({
        sessionId: 's',
        direction: 'upload',
        items: [{ source: join(local, 'first.txt'), targetFolder: remoteFolder('small') }],
      });
      await queue.whenIdle();
      const [id = '', otherId = ''] = await queue.enqueue({
        sessionId: 's',
        direction: 'upload',
        items: ['small.bin', 'c0.bin'].map((name) => ({
          source: join(local, name),
          targetFolder: remoteFolder('small'),
        })),
      });
      await waitFor(() => row(queue, id)?.state !== 'queued');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const ms = await timeUntil(
        () => queue.cancel(id),
        () => row(queue, id)?.state === 'cancelled',
      );
      console.log(`${kind} small upload cancel took ${ms} ms`);
      expect(ms).toBeLessThan(PROMPT_MS / 3);
      await queue.whenIdle();
      expect(row(queue, otherId)?.state).toBe('done');
      expect(await sha256File(harness.servers.fixtures.abs(`${kind}/small/c0.bin`))).toBe(
        sha256(companions[0] as Buffer),
      );
    } finally {
      await close();
    }
  }, 90_000);

  it('closing the session or quitting mid-upload takes effect at once', async () => {
    const local = await mkdtemp(join(harness.scratch, `quit-${kind}-`));
    await writeFile(join(local, 'big.bin'), big);
    await harness.servers.fixtures.mkdir(`${kind}/quit`);
    for (const how of ['closeSession', 'dispose'] as const) {
      const { queue, close } = await slowQueue(kind, 'upload');
      try {
        const [id = ''] = await queue.enqueue({
          sessionId: 's',
          direction: 'upload',
          items: [{ source: join(local, 'big.bin'), targetFolder: remoteFolder('quit') }],
        });
        await waitFor(() => (row(queue, id)?.bytes ?? 0) > 150_000);
        const started = Date.now();
        if (how === 'closeSession') {
          queue.cancelAll(); // what closing a tab does before it lets the session go
          await queue.closeSession('s');
        } else await queue.dispose();
        const ms = Date.now() - started;
        console.log(`${kind} ${how} took ${ms} ms`);
        expect(ms).toBeLessThan(PROMPT_MS);
      } finally {
        await close();
      }
    }
  }, 90_000);

  it('pauses an upload at once and resumes it to the right checksum', async () => {
    const size = 1_000_000;
    const data = patterned(size, 99);
    const local = await mkdtemp(join(harness.scratch, `pause-${kind}-`));
    await writeFile(join(local, 'paused.bin'), data);
    await harness.servers.fixtures.mkdir(`${kind}/pause`);
    const { queue, close } = await slowQueue(kind, 'upload');
    try {
      const [id = ''] = await queue.enqueue({
        sessionId: 's',
        direction: 'upload',
        items: [{ source: join(local, 'paused.bin'), targetFolder: remoteFolder('pause') }],
      });
      await waitFor(() => (row(queue, id)?.bytes ?? 0) > 200_000);
      const ms = await timeUntil(
        () => queue.pause(),
        () => row(queue, id)?.state === 'queued',
      );
      console.log(`${kind} upload pause took ${ms} ms`);
      expect(ms).toBeLessThan(PROMPT_MS);
      queue.resume();
      await queue.whenIdle();
      expect(row(queue, id)?.state).toBe('done');
      expect(await sha256File(harness.servers.fixtures.abs(`${kind}/pause/paused.bin`))).toBe(
        sha256(data),
      );
    } finally {
      await close();
    }
  }, 90_000);

  it('Cancel all right after Pause cancels the job that was still pausing', async () => {
    const local = await mkdtemp(join(harness.scratch, `pause-cancel-${kind}-`));
    await writeFile(join(local, 'big.bin'), big);
    await harness.servers.fixtures.mkdir(`${kind}/pause-cancel`);
    const { queue, close } = await slowQueue(kind, 'upload');
    try {
      const [id = ''] = await queue.enqueue({
        sessionId: 's',
        direction: 'upload',
        items: [{ source: join(local, 'big.bin'), targetFolder: remoteFolder('pause-cancel') }],
      });
      await waitFor(() => (row(queue, id)?.bytes ?? 0) > 100_000);
      // Before the pause has stopped the transfer, the user cancels everything.
      queue.pause();
      queue.cancelAll();
      await queue.whenIdle();
      expect(row(queue, id)?.state).toBe('cancelled');
    } finally {
      await close();
    }
  }, 90_000);
});
