/**
 * Queue behaviour a user notices, against real servers: a wrong password is tried once, not once
 * per file; uploads keep permissions (never world-writable) and dates; downloads keep restrictive
 * permissions; pause stops the bytes and resume continues them; failed jobs can be retried; a big
 * tree starts moving before it is fully listed; progress events stay at a few per second.
 */
import { chmod, mkdtemp, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { startCuttingProxy } from '../../../e2e/hostile/cutting-proxy';
import type { TransferJob } from '../../../shared/contract/transfers';
import {
  connectTo,
  patterned,
  queueOver,
  remoteRoot,
  sourceFor,
  type ProtocolKind,
} from './testing';

const MiB = 1024 * 1024;

const harness = harnessForSuite(['sftp', 'ftp'], 'ferry-queue-');

const settings = { parallelTransfers: 4, retries: 3, defaultConflictAction: 'overwrite' as const };

it('tries a wrong password once, not once per file, and fails every job with it', async () => {
  const source = sourceFor(harness.servers, 'sftp', { password: 'wrong' });
  const { queue } = queueOver(source, settings);
  const local = await mkdtemp(join(harness.scratch, 'auth-'));
  const files = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const path = join(local, `f${i}.txt`);
      await writeFile(path, `file ${i}`);
      return path;
    }),
  );
  await queue.enqueue({
    sessionId: 's',
    direction: 'upload',
    items: files.map((file) => ({
      source: file,
      targetFolder: remoteRoot(harness.servers, 'sftp'),
    })),
  });
  await queue.whenIdle();
  expect(source.opened).toBe(1);
  expect(queue.list().map((row) => row.error?.code)).toEqual(Array(8).fill('auth_failed'));
  await queue.dispose();
});

describe.each<ProtocolKind>(['sftp', 'ftp'])('%s uploads', (kind) => {
  it('keep permission bits (but never world-writable) and the modification time', async () => {
    await harness.servers.fixtures.mkdir(`modes-${kind}`);
    const local = await mkdtemp(join(harness.scratch, 'modes-'));
    const cases = { 'script.sh': 0o755, 'private.key': 0o600, 'open.txt': 0o666 };
    const when = new Date('2021-03-04T05:06:07Z');
    for (const [name, mode] of Object.entries(cases)) {
      await writeFile(join(local, name), name);
      await chmod(join(local, name), mode);
      await utimes(join(local, name), when, when);
    }
    const { queue } = queueOver(sourceFor(harness.servers, kind), settings);
    await queue.enqueue({
      sessionId: 's',
      direction: 'upload',
      items: Object.keys(cases).map((name) => ({
        source: join(local, name),
        targetFolder: posix.join(remoteRoot(harness.servers, kind), `modes-${kind}`),
      })),
    });
    await queue.whenIdle();
    expect(queue.list().every((row) => row.state === 'done')).toBe(true);
    const onServer = async (name: string) =>
      stat(harness.servers.fixtures.abs(`modes-${kind}/${name}`));
    expect((await onServer('script.sh')).mode & 0o777).toBe(0o755);
    expect((await onServer('private.key')).mode & 0o777).toBe(0o600);
    expect((await onServer('open.txt')).mode & 0o777).toBe(0o664);
    if (kind === 'sftp') {
      // vsftpd lists no MFMT, so over FTP the date cannot be carried (setModified says so).
      expect((await onServer('script.sh')).mtime.toISOString()).toBe(when.toISOString());
    }
    await queue.dispose();
  });
});

describe.each<ProtocolKind>(['sftp', 'ftp'])('%s downloads', (kind) => {
  it('keep restrictive permission bits: a 0600 secret stays 0600, never world-writable', async () => {
    const cases = { 'private.key': 0o600, 'open.txt': 0o644, 'script.sh': 0o755, 'all.txt': 0o666 };
    for (const [name, mode] of Object.entries(cases)) {
      await chmod(
        await harness.servers.fixtures.writeFile(`down-modes-${kind}/${name}`, name),
        mode,
      );
    }
    const local = await mkdtemp(join(harness.scratch, 'down-modes-'));
    const { queue } = queueOver(sourceFor(harness.servers, kind), settings);
    await queue.enqueue({
      sessionId: 's',
      direction: 'download',
      items: [
        {
          source: posix.join(remoteRoot(harness.servers, kind), `down-modes-${kind}`),
          targetFolder: local,
        },
      ],
    });
    await queue.whenIdle();
    expect(queue.list().every((row) => row.state === 'done')).toBe(true);
    const here = async (name: string) =>
      (await stat(join(local, `down-modes-${kind}`, name))).mode & 0o777;
    expect(await here('private.key')).toBe(0o600);
    expect(await here('open.txt')).toBe(0o644);
    expect(await here('script.sh')).toBe(0o755);
    expect((await here('all.txt')) & 0o002).toBe(0);
    expect((await here('all.txt')) & 0o644).toBe(0o644);
    await queue.dispose();
  });
});

// A single picked file: over FTP the mode comes from the parent's listing (SIZE/MDTM have none).
it.each<ProtocolKind>(['sftp', 'ftp'])(
  '%s: a 0600 file downloaded over a 0644 one leaves it 0600',
  async (kind) => {
    const folder = `down-modes-single-${kind}`;
    await chmod(await harness.servers.fixtures.writeFile(`${folder}/secret.txt`, 'secret'), 0o600);
    const local = await mkdtemp(join(harness.scratch, 'down-single-'));
    await writeFile(join(local, 'secret.txt'), 'an older copy');
    await chmod(join(local, 'secret.txt'), 0o644);
    const { queue } = queueOver(sourceFor(harness.servers, kind), settings);
    await queue.enqueue({
      sessionId: 's',
      direction: 'download',
      items: [
        {
          source: posix.join(remoteRoot(harness.servers, kind), `${folder}/secret.txt`),
          targetFolder: local,
        },
      ],
    });
    await queue.whenIdle();
    expect(queue.list()[0]?.state).toBe('done');
    expect((await stat(join(local, 'secret.txt'))).mode & 0o777).toBe(0o600);
    await queue.dispose();
  },
);

it('pause stops the bytes, resume continues from where they stopped', async () => {
  const content = patterned(24 * MiB, 7);
  await harness.servers.fixtures.writeFile('pause/big.bin', content);
  const slow = await startCuttingProxy({
    targetPort: harness.servers.sftp?.port ?? 0,
    direction: 'download',
    cutAfterBytes: Infinity,
    times: 0,
    bytesPerSecond: 16 * MiB,
  });
  const { queue } = queueOver(sourceFor(harness.servers, 'sftp', { port: slow.port }), settings);
  try {
    const local = await mkdtemp(join(harness.scratch, 'pause-'));
    await queue.enqueue({
      sessionId: 's',
      direction: 'download',
      items: [{ source: posix.join(harness.servers.root, 'pause/big.bin'), targetFolder: local }],
    });
    const row = (): TransferJob | undefined => queue.list()[0];
    while ((row()?.bytes ?? 0) < 4 * MiB) {
      expect(row()?.state, JSON.stringify(row())).toMatch(/queued|active/);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    queue.pause();
    // Back in the queue once the interrupted download has let go of its file.
    await vi.waitFor(() => expect(row()?.state).toBe('queued'), { timeout: 10_000, interval: 20 });
    expect(queue.totals().paused).toBe(true);
    // READs asked for before the pause are still answered (nobody waits for them): let the
    // slow link carry them, until it has been quiet for several turns in a row.
    const pausedAt = await quietCount(() => slow.forwarded);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slow.forwarded).toBe(pausedAt);
    queue.resume();
    await queue.whenIdle();
    expect(row()?.state).toBe('done');
    expect(await sha256File(join(local, 'big.bin'))).toBe(sha256(content));
    // Resumed: far less than twice the file went over the wire.
    expect(slow.forwarded).toBeLessThan(content.length * 1.5);
  } finally {
    await queue.dispose();
    await slow.close();
  }
});

/**
 * Waits until `count()` has stayed the same for 5 samples 100 ms apart (each its own event-loop
 * turn, so sockets are read in between even on a starved machine), and returns it.
 */
async function quietCount(count: () => number): Promise<number> {
  let last = count();
  for (let same = 0, waited = 0; same < 5; waited += 100) {
    if (waited > 20_000) throw new Error(`still moving after 20 s: ${count()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = count();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

it('retries a failed job on request, and it then succeeds', async () => {
  const { queue } = queueOver(sourceFor(harness.servers, 'sftp'), settings);
  const local = await mkdtemp(join(harness.scratch, 'retry-'));
  const [id = ''] = await queue.enqueue({
    sessionId: 's',
    direction: 'download',
    items: [{ source: posix.join(harness.servers.root, 'retry/later.txt'), targetFolder: local }],
  });
  await queue.whenIdle();
  expect(queue.list()[0]?.state).toBe('failed');
  expect(queue.list()[0]?.error?.code).toBe('not_found');
  await harness.servers.fixtures.writeFile('retry/later.txt', 'here now');
  queue.retry(id);
  await queue.whenIdle();
  expect(queue.list()[0]?.state).toBe('done');
  queue.clearFinished();
  expect(queue.list()).toEqual([]);
  await queue.dispose();
});

it('starts moving a big tree before it has listed all of it, with few progress events', async () => {
  // A chain of 30 folders, 10 files each, on a server that takes 20 ms per listing: listing it
  // all takes at least 0.6 s, one folder after the other (each is found in its parent).
  let rel = 'walk';
  const contents = new Map<string, Buffer>();
  for (let level = 0; level < 30; level++) {
    rel = posix.join(rel, `level ${level}`);
    for (let file = 0; file < 10; file++) {
      const data = patterned(4096, level * 100 + file);
      const path = posix.join(rel, `f${file}.bin`);
      contents.set(path.slice('walk/'.length), data);
      await harness.servers.fixtures.writeFile(path, data);
    }
  }
  const slowListings = {
    open: async () => {
      const fs = await connectTo(harness.servers, 'sftp');
      const list = fs.list.bind(fs);
      fs.list = async (path) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return list(path);
      };
      return fs;
    },
  };
  const local = await mkdtemp(join(harness.scratch, 'tree-'));
  const { queue, events } = queueOver(slowListings, settings);
  // Watch the board: did a file finish while its folder still had subfolders to list?
  let doneWhileWalking = false;
  const setState = queue.board.setState.bind(queue.board);
  queue.board.setState = (job, state, details) => {
    if (job.type === 'file' && state === 'done' && (job.parent?.pendingWalks ?? 0) > 0) {
      doneWhileWalking = true;
    }
    setState(job, state, details);
  };
  const started = Date.now();
  const [id] = await queue.enqueue({
    sessionId: 's',
    direction: 'download',
    items: [
      { source: posix.join(remoteRoot(harness.servers, 'sftp'), 'walk'), targetFolder: local },
    ],
  });
  await queue.whenIdle();
  const seconds = (Date.now() - started) / 1000;
  expect(doneWhileWalking).toBe(true);
  for (const [path, data] of contents) {
    expect(await readFile(join(local, 'walk', ...path.split('/')))).toEqual(data);
  }
  const folderRows = events.events
    .filter((e) => e.name === 'transfer.updated')
    .flatMap((e) => (e.payload as { jobs: TransferJob[] }).jobs)
    .filter((row) => row.id === id);
  expect(folderRows.at(-1)?.files).toMatchObject({ total: 300, done: 300, walking: false });
  const updates = events.events.filter((e) => e.name === 'transfer.updated').length;
  expect(updates).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 3);
  await queue.dispose();
});
