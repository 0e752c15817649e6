/**
 * Closing a session closes every connection Ferry opened for it, against the real sshd: after a
 * download the transfer queue keeps connections ready for the next job; when the user
 * disconnects, or the session's connection drops, those go too instead of idling on the server.
 */
import { mkdtemp } from 'node:fs/promises';
import { type AddressInfo, type Socket, connect, createServer } from 'node:net';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import type { TrustPrompt } from '../../shared/contract/remote';
import { createApp, type FerryApp } from './app';
import { sftpParams } from './remote/sftp-testing';
import { recorder } from './transfers/testing';

const harness = harnessForSuite(['sftp'], 'ferry-app-sessions-');
beforeAll(async () => {
  for (let i = 0; i < 6; i++)
    await harness.servers.fixtures.writeFile(`pool/f${i}.txt`, `file ${i}`);
});

/** A relay to the SFTP server that counts the connections open through it, in order. */
async function countingRelay(targetPort: number) {
  const open: Socket[] = [];
  const server = createServer((inbound) => {
    const outbound = connect({ host: '127.0.0.1', port: targetPort });
    open.push(inbound);
    for (const socket of [inbound, outbound]) socket.on('error', () => undefined);
    inbound.on('close', () => {
      open.splice(open.indexOf(inbound), 1);
      outbound.destroy();
    });
    outbound.on('close', () => inbound.destroy());
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get open() {
      return open.length;
    },
    /** Drops the oldest connection still open, like a network failure would. */
    cutFirst: () => open[0]?.resetAndDestroy(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  for (let waited = 0; waited < ms && !check(); waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

/** An app connected through `relayPort`, after a download that leaves pooled connections. */
async function connectedAfterDownload(relayPort: number) {
  const events = recorder();
  const holder: { app?: FerryApp } = {};
  events.on('trust.prompt', (prompt: TrustPrompt) => {
    setTimeout(() => {
      void holder.app?.handlers['trust.respond']({
        promptId: prompt.promptId,
        decision: 'trust-once',
      });
    });
  });
  const app = createApp({
    edition: 'browser',
    dataDir: harness.scratch,
    version: 'test',
    emit: events.emit,
  });
  holder.app = app;
  const { handlers } = app;
  const session = await handlers['remote.connect']({
    ...sftpParams(harness.servers),
    port: relayPort,
  });
  await handlers['settings.set']({ parallelTransfers: 3 });
  const [id] = await handlers['transfers.enqueue']({
    sessionId: session.sessionId,
    direction: 'download',
    sources: [posix.join(harness.servers.root, 'pool')],
    targetFolder: await mkdtemp(join(harness.scratch, 'down-')),
  });
  let state: string | undefined;
  for (let waited = 0; waited < 10_000 && state !== 'done'; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    state = (await handlers['transfers.list']({})).find((row) => row.id === id)?.state;
  }
  expect(state).toBe('done');
  return { app, session, events };
}

describe('a closed session closes its transfer connections', () => {
  it('when the user disconnects', async () => {
    const relay = await countingRelay(harness.servers.sftp!.port);
    const { app, session } = await connectedAfterDownload(relay.port);
    try {
      // The browsing connection and at least one pooled transfer connection are open.
      expect(relay.open).toBeGreaterThanOrEqual(2);
      await app.handlers['remote.disconnect']({ sessionId: session.sessionId });
      expect(await eventually(() => relay.open === 0)).toBe(true);
    } finally {
      await app.dispose();
      await relay.close();
    }
  });

  it('when the session connection drops', async () => {
    const relay = await countingRelay(harness.servers.sftp!.port);
    const { app, session, events } = await connectedAfterDownload(relay.port);
    try {
      expect(relay.open).toBeGreaterThanOrEqual(2);
      relay.cutFirst(); // the browsing connection, opened first
      expect(
        await eventually(() =>
          events.events.some(
            (e) =>
              e.name === 'session.closed' &&
              (e.payload as { sessionId: string }).sessionId === session.sessionId,
          ),
        ),
      ).toBe(true);
      expect(await eventually(() => relay.open === 0)).toBe(true);
    } finally {
      await app.dispose();
      await relay.close();
    }
  });
});
