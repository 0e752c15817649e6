/**
 * A small download (the one-request path of small-download.ts) on a server that stopped
 * answering: Cancel and Pause take effect at once, not after the connection's timeout nor the
 * grace a shared SFTP connection gets before it is given up. The cancelled file leaves no part
 * file; downloads of another session, on their own connections, finish intact.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { TransferQueue } from './transfer-queue';
import {
  connectTo,
  paramsFor,
  patterned,
  recorder,
  remoteRoot,
  row,
  sourceFor,
  waitFor,
  type ProtocolKind,
} from './testing';

const KINDS: ProtocolKind[] = ['sftp', 'ftps-explicit'];
/** Well under the connection timeout (10 s in these tests): the user sees it at once. */
const PROMPT_MS = 1000;

const small = patterned(10 * 1024, 3);
const others = [patterned(20 * 1024, 4), patterned(300_000, 5)];

const harness = harnessForSuite(KINDS, 'ferry-small-cancel-');

/**
 * A relay in front of a server that, once told to stall, forwards nothing more from the server
 * (the control connection for FTPS, the one connection for SFTP): every request then waits.
 */
async function stallingRelay(targetPort: number) {
  const sockets = new Set<Socket>();
  let stalled = false;
  const track = (socket: Socket): Socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    return socket;
  };
  const server = createServer((client) => {
    track(client);
    const upstream = track(connect({ host: '127.0.0.1', port: targetPort }));
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (!stalled) client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stall: () => void (stalled = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.each(KINDS)('%s, server stalled', (kind) => {
  const remote = (name: string) =>
    posix.join(remoteRoot(harness.servers, kind), kind, 'stall', name);

  const cases = [
    { how: 'cancel', shared: false },
    { how: 'pause', shared: false },
    // Over SFTP the stalled session's two jobs share its one connection: cancelling one must
    // not wait for the connection to be given up (the other job still has it).
    ...(kind === 'sftp' ? [{ how: 'cancel', shared: true } as const] : []),
  ] as const;
  for (const { how, shared } of cases) {
    const title = shared ? ' beside another on its connection' : '';
    it(`${how} of a small download${title} takes effect at once; other sessions finish`, async () => {
      await harness.servers.fixtures.writeFile(`${kind}/stall/small.bin`, small);
      await harness.servers.fixtures.writeFile(`${kind}/stall/small2.bin`, small);
      await harness.servers.fixtures.writeFile(`${kind}/stall/first.txt`, 'warms up');
      for (const [i, data] of others.entries()) {
        await harness.servers.fixtures.writeFile(`${kind}/stall/o${i}.bin`, data);
      }
      const folder = await mkdtemp(join(harness.scratch, `${how}-${kind}-`));
      const otherFolder = await mkdtemp(join(harness.scratch, `${how}-${kind}-other-`));
      const relay = await stallingRelay(paramsFor(harness.servers, kind).port);
      const stalledSource = sourceFor(harness.servers, kind, { port: relay.port });
      const directSource = sourceFor(harness.servers, kind);
      const queue = new TransferQueue({
        emit: recorder().emit,
        connections: (sessionId) => (sessionId === 'stalled' ? stalledSource : directSource),
        settings: { parallelTransfers: 2, retries: 0, defaultConflictAction: 'overwrite' },
      });
      try {
        // The connection is open and idle in the pool before the server stops answering.
        await queue.enqueue({
          sessionId: 'stalled',
          direction: 'download',
          items: [{ source: remote('first.txt'), targetFolder: folder }],
        });
        await queue.whenIdle();
        // As a listing gives them: the job asks the server nothing before its one READ.
        const names = shared ? ['small.bin', 'small2.bin'] : ['small.bin'];
        const lister = await connectTo(harness.servers, kind);
        const listing = await lister.list(posix.dirname(remote('small.bin')));
        await lister.close();
        relay.stall();
        const [id = '', besideId = ''] = await queue.enqueue({
          sessionId: 'stalled',
          direction: 'download',
          items: names.map((name) => ({
            source: remote(name),
            targetFolder: folder,
            sourceEntry: listing.entries.find((entry) => entry.name === name),
          })),
        });
        const otherIds = await queue.enqueue({
          sessionId: 'other',
          direction: 'download',
          items: others.map((_, i) => ({ source: remote(`o${i}.bin`), targetFolder: otherFolder })),
        });
        await waitFor(() => row(queue, id)?.state === 'active');
        if (shared) await waitFor(() => row(queue, besideId)?.state === 'active');
        // Its one request is out, and no answer comes.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(row(queue, id)?.state).toBe('active');

        const started = Date.now();
        if (how === 'cancel') queue.cancel(id);
        else queue.pause();
        const settled = how === 'cancel' ? 'cancelled' : 'queued';
        await waitFor(() => row(queue, id)?.state === settled);
        const ms = Date.now() - started;
        if (shared) queue.cancel(besideId); // stalled too: let the queue go idle
        if (how === 'pause') {
          // Paused, it waits in the queue: cancelled there, it is not tried on the stalled link.
          queue.cancel(id);
          queue.resume();
        }
        await queue.whenIdle();
        const idleMs = Date.now() - started;
        console.log(`${kind} small download ${how}: ${ms} ms, queue idle after ${idleMs} ms`);
        expect(ms).toBeLessThan(PROMPT_MS);
        expect(idleMs).toBeLessThan(PROMPT_MS * 2);

        expect(row(queue, id)?.state).toBe('cancelled');
        expect(await readdir(folder)).toEqual(['first.txt']);
        for (const [i, other] of otherIds.entries()) {
          expect(row(queue, other)?.state).toBe('done');
          expect(await sha256File(join(otherFolder, `o${i}.bin`))).toBe(
            sha256(others[i] as Buffer),
          );
        }
        expect(directSource.opened).toBeGreaterThan(0);
      } finally {
        await queue.dispose();
        await relay.close();
      }
    }, 60_000);
  }
});
