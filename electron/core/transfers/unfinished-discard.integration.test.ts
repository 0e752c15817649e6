/**
 * Discarding unfinished uploads that were replacing a file on the server: their hidden temporary
 * file goes too, through a session to that same server, by the exact name Ferry recorded (a
 * look-alike name nobody recorded stays), and the file it would have replaced stays whole. While
 * the server is out of reach, Discard says which partial files are still there, keeps their names,
 * and the next session to that server deletes them (also after a restart). Real SFTP server.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join, posix } from 'node:path';
import { expect, it } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { FerryApp } from '../app';
import { SAVED_QUEUE_FILE } from './saved-queue';
import { paramsFor, patterned } from './testing';
import { appTrustingOnce } from './testing-app';

const harness = harnessForSuite(['sftp'], 'ferry-unfinished-discard-');
const OLD = patterned(200_000, 3);

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Timed out waiting.');
}

/** The server folder's names (its real listing on disk). */
const listing = (rel: string) => readdir(harness.servers.fixtures.abs(rel));
const temps = async (rel: string) =>
  (await listing(rel)).filter((name) => name.endsWith('.ferry-part')).sort();

/**
 * A run that was closed mid-upload, replacing `report.bin` in `rel` on the server (through
 * `port`): the upload's temporary file is left there, and the kept list names it.
 */
async function interruptedUpload(dataDir: string, rel: string, port?: number): Promise<string> {
  const local = await mkdtemp(join(harness.scratch, 'up-'));
  await writeFile(join(local, 'report.bin'), patterned(3_000_000, 9));
  await harness.servers.fixtures.writeFile(`${rel}/report.bin`, OLD);
  const params = { ...paramsFor(harness.servers, 'sftp'), ...(port ? { port } : {}) };
  const { app } = appTrustingOnce(dataDir);
  await app.handlers['settings.set']({
    uploadLimit: { value: 512, unit: 'KiB/s' },
    defaultConflictAction: 'overwrite',
  });
  const session = await app.handlers['remote.connect'](params);
  await app.handlers['transfers.enqueue']({
    sessionId: session.sessionId,
    direction: 'upload',
    sources: [join(local, 'report.bin')],
    targetFolder: posix.join(harness.servers.root, rel),
  });
  await waitUntil(async () => (await temps(rel)).length === 1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await app.dispose();
  const [temp = ''] = await temps(rel);
  expect(await readFile(join(dataDir, SAVED_QUEUE_FILE), 'utf8')).toContain(temp);
  return temp;
}

async function discardAll(app: FerryApp) {
  const unfinished = await app.handlers['transfers.unfinished']({});
  expect(unfinished.files).toBe(1);
  return app.handlers['transfers.discardUnfinished']({});
}

it('Discard deletes the upload’s temporary file on the server by its recorded name, once connected', async () => {
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
  const temp = await interruptedUpload(dataDir, 'site-a');
  // A look-alike of Ferry's names that no job recorded: never Ferry's to delete.
  const decoy = '.report.bin.0123456789ab.ferry-part';
  await harness.servers.fixtures.writeFile(`site-a/${decoy}`, 'not Ferry’s');

  const { app } = appTrustingOnce(dataDir);
  try {
    // No session to that server yet: Discard says the partial file is still there.
    const left = await discardAll(app);
    const params = paramsFor(harness.servers, 'sftp');
    expect(left).toEqual({
      local: [],
      onServers: [
        {
          host: params.host,
          address: `sftp://${params.user}@${params.host}:${params.port}`,
          paths: [posix.join(harness.servers.root, 'site-a', temp)],
        },
      ],
    });
    expect(await temps('site-a')).toEqual([temp, decoy].sort());
    expect((await app.handlers['transfers.unfinished']({})).files).toBe(0);

    // Connecting to that server deletes it, and only it.
    await app.handlers['remote.connect'](params);
    await waitUntil(async () => (await temps('site-a')).length === 1);
    expect(await temps('site-a')).toEqual([decoy]);
    expect(await sha256File(harness.servers.fixtures.abs('site-a/report.bin'))).toBe(sha256(OLD));
    await waitUntil(async () => !existsSync(join(dataDir, SAVED_QUEUE_FILE)));
  } finally {
    await app.dispose();
  }
});

it('Discard with a session open deletes the temporary file at once', async () => {
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
  await interruptedUpload(dataDir, 'site-b');
  const { app } = appTrustingOnce(dataDir);
  try {
    await app.handlers['remote.connect'](paramsFor(harness.servers, 'sftp'));
    expect(await discardAll(app)).toEqual({ local: [], onServers: [] });
    expect(await temps('site-b')).toEqual([]);
    expect(await listing('site-b')).toEqual(['report.bin']);
    expect(await sha256File(harness.servers.fixtures.abs('site-b/report.bin'))).toBe(sha256(OLD));
  } finally {
    await app.dispose();
  }
});

it('a Discard while the server is down says so, keeps the name, and a later session deletes it', async () => {
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
  const relay = await startRelay(paramsFor(harness.servers, 'sftp').port);
  const temp = await interruptedUpload(dataDir, 'site-c', relay.port);
  const viaRelay = { ...paramsFor(harness.servers, 'sftp'), port: relay.port };

  const second = appTrustingOnce(dataDir).app;
  try {
    await second.handlers['remote.connect'](viaRelay);
    await relay.stop(); // the server is out of reach now
    const left = await discardAll(second);
    expect(left.onServers).toEqual([
      expect.objectContaining({ paths: [posix.join(harness.servers.root, 'site-c', temp)] }),
    ]);
    expect(await temps('site-c')).toEqual([temp]);
  } finally {
    await second.dispose();
  }
  // The name is kept for later, and nothing is offered to restore.
  expect(await readFile(join(dataDir, SAVED_QUEUE_FILE), 'utf8')).toContain(temp);

  await relay.start();
  const { app: third } = appTrustingOnce(dataDir);
  try {
    expect((await third.handlers['transfers.unfinished']({})).files).toBe(0);
    await third.handlers['remote.connect'](viaRelay);
    await waitUntil(async () => (await temps('site-c')).length === 0);
    expect(await sha256File(harness.servers.fixtures.abs('site-c/report.bin'))).toBe(sha256(OLD));
  } finally {
    await third.dispose();
    await relay.stop();
  }
});

/** A TCP relay to the server on a port of its own that can go down and come back on that port. */
async function startRelay(targetPort: number) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => undefined);
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as { port: number }).port;
        resolve();
      });
    });
  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  };
  await start();
  return {
    get port() {
      return port;
    },
    start,
    stop,
  };
}
