import { randomBytes } from 'node:crypto';
import { lchown, stat, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { connectSftp } from './sftp';
import { captureLog, elapsedMs, sftpParams, testDeps } from './sftp-testing';

const inTestServers: Server[] = [];
const openSockets = new Set<Socket>();

/** A small in-test server on loopback that does `onConnection` with each client. */
async function misbehavingServer(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  inTestServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

const harness = harnessForSuite(['sftp', 'ftps-explicit']);
afterAll(async () => {
  for (const socket of openSockets) socket.destroy();
  await Promise.all(inTestServers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('connection errors a user can act on', () => {
  it('a wrong password is auth_failed, in plain words', async () => {
    const error = await connectSftp(
      sftpParams(harness.servers, { password: 'not the password' }),
      testDeps(harness.servers),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'auth_failed',
      message: 'The server refused the user name or password.',
      hint: expect.stringMatching(/user name and password/),
    });
  });

  it('a refused key is auth_failed that talks about the key', async () => {
    const error = await connectSftp(
      sftpParams(harness.servers, {
        user: 'nobody-here',
        password: undefined,
        privateKeyPath: harness.servers.clientKey.unencryptedPrivateKeyPath,
      }),
      testDeps(harness.servers),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'auth_failed', message: 'The server refused your key.' });
  });

  it('a wrong passphrase or a missing key file is said before connecting', async () => {
    const { privateKeyPath } = harness.servers.clientKey;
    await expect(
      connectSftp(
        sftpParams(harness.servers, { password: undefined, privateKeyPath, passphrase: 'wrong' }),
        testDeps(harness.servers),
      ),
    ).rejects.toMatchObject({ code: 'auth_failed', message: /could not be unlocked/ });
    await expect(
      connectSftp(
        sftpParams(harness.servers, { password: undefined, privateKeyPath }),
        testDeps(harness.servers),
      ),
    ).rejects.toMatchObject({ code: 'auth_failed', hint: /passphrase/ });
    await expect(
      connectSftp(
        sftpParams(harness.servers, { privateKeyPath: '/nonexistent/id_ed25519' }),
        testDeps(harness.servers),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a host key the decider refuses is trust_declined, never auth_failed', async () => {
    const refuseAll = {
      checkHostKey: () => Promise.resolve('rejected' as const),
      checkCertificate: () => Promise.resolve('rejected' as const),
    };
    await expect(
      connectSftp(sftpParams(harness.servers), testDeps(harness.servers, { trust: refuseAll })),
    ).rejects.toMatchObject({ code: 'trust_declined' });
  });

  it('nothing listening is connection_refused, at once', async () => {
    const port = await closedPort();
    const [ms, error] = await elapsedMs(() =>
      connectSftp(
        sftpParams(harness.servers, { port }),
        testDeps(harness.servers, { timeoutMs: 10_000 }),
      ),
    );
    expect(error).toMatchObject({ code: 'connection_refused' });
    // Far below the 10 s timeout: refused is known at once (margin for a loaded CI machine).
    expect(ms).toBeLessThan(3000);
  });

  it('SFTP against the FTP port is protocol_mismatch, well within the timeout', async () => {
    const log = captureLog();
    const [ms, error] = await elapsedMs(() =>
      connectSftp(
        sftpParams(harness.servers, { port: harness.servers.ftpsExplicit?.port ?? 0 }),
        testDeps(harness.servers, { timeoutMs: 10_000, log }),
      ),
    );
    expect(error).toMatchObject({
      code: 'protocol_mismatch',
      message: expect.stringMatching(
        /^This port speaks FTP, not SSH — did you mean FTPS on port 21\?/,
      ),
    });
    expect(ms).toBeLessThan(5000);
    expect(log.lines.at(-1)).toMatchObject({ level: 'error' });
  });

  it('a server that accepts but never speaks fails with timeout after timeoutMs, not later', async () => {
    const port = await misbehavingServer(() => undefined);
    const [ms, error] = await elapsedMs(() =>
      connectSftp(
        sftpParams(harness.servers, { port }),
        testDeps(harness.servers, { timeoutMs: 1500 }),
      ),
    );
    expect(error).toMatchObject({ code: 'timeout' });
    expect(ms).toBeGreaterThanOrEqual(1400);
    expect(ms).toBeLessThan(3500);
  });

  it('a server that greets like SSH and then stalls fails with timeout too', async () => {
    const port = await misbehavingServer((socket) => socket.write('SSH-2.0-Stalling_1.0\r\n'));
    const [ms, error] = await elapsedMs(() =>
      connectSftp(
        sftpParams(harness.servers, { port }),
        testDeps(harness.servers, { timeoutMs: 1500 }),
      ),
    );
    expect(error).toMatchObject({ code: 'timeout' });
    expect(ms).toBeLessThan(3500);
  });

  it('a server that hangs up at once is connection_lost', async () => {
    const port = await misbehavingServer((socket) => socket.destroy());
    await expect(
      connectSftp(sftpParams(harness.servers, { port }), testDeps(harness.servers)),
    ).rejects.toMatchObject({ code: 'connection_lost' });
  });

  it('a server speaking TLS or HTTP on the port is protocol_mismatch', async () => {
    const port = await misbehavingServer((socket) =>
      socket.write(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46])),
    );
    await expect(
      connectSftp(sftpParams(harness.servers, { port }), testDeps(harness.servers)),
    ).rejects.toMatchObject({ code: 'protocol_mismatch' });
  });

  it('a connection cut mid-transfer fails the transfer with connection_lost and says why it closed', async () => {
    const cut: Socket[] = [];
    // A loopback proxy in front of sshd that we can cut like a dropped Wi-Fi.
    const port = await misbehavingServer((socket) => {
      const upstream = connect(harness.servers.sftp?.port ?? 0, '127.0.0.1');
      upstream.on('error', () => undefined);
      cut.push(socket, upstream);
      socket.pipe(upstream).pipe(socket);
    });
    const cutAll = (): void => cut.forEach((s) => s.destroy());
    await harness.servers.fixtures.writeFile('big.bin', randomBytes(24 * 1024 * 1024));

    const session = await connectSftp(
      sftpParams(harness.servers, { port }),
      testDeps(harness.servers),
    );
    const reasons: (string | undefined)[] = [];
    session.onClose((reason) => reasons.push(reason));
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    await expect(
      session.download(`${harness.servers.root}/big.bin`, sink, {
        onBytes: (n) => n > 1024 * 1024 && cutAll(),
      }),
    ).rejects.toMatchObject({ code: 'connection_lost' });
    await expect.poll(() => reasons).toEqual([expect.any(String)]);
    await expect(session.list(harness.servers.root)).rejects.toMatchObject({
      code: 'connection_lost',
    });

    const again = await connectSftp(
      sftpParams(harness.servers, { port }),
      testDeps(harness.servers),
    );
    const endless = Readable.from(
      (function* () {
        for (;;) yield Buffer.alloc(256 * 1024);
      })(),
    );
    await expect(
      again.upload(endless, `${harness.servers.root}/cut-upload.bin`, {
        onBytes: (n) => n > 1024 * 1024 && cutAll(),
      }),
    ).rejects.toMatchObject({ code: 'connection_lost' });
    expect(endless.destroyed).toBe(true);
  });
});

describe('names the server wrote in bytes that are not UTF-8', () => {
  it('a file listed with "�" is said to be unreachable by its name, not "moved or deleted"', async () => {
    const folder = await harness.servers.fixtures.mkdir('latin1-names');
    const onDisk = Buffer.concat([
      Buffer.from(`${folder}/caf`),
      Buffer.from([0xe9]),
      Buffer.from('.txt'),
    ]);
    await writeFile(onDisk, 'bytes');
    const owner = await stat(folder);
    await lchown(onDisk, owner.uid, owner.gid);
    const fs = await connectSftp(sftpParams(harness.servers), testDeps(harness.servers));
    try {
      const listed = (await fs.list(folder)).entries.map((e) => e.name);
      expect(listed).toEqual(['caf\uFFFD.txt']);
      const error = await fs.deleteFile(`${folder}/caf\uFFFD.txt`).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'not_found',
        message: expect.stringContaining('the server wrote the name in bytes that are not UTF-8'),
        hint: expect.stringMatching(/^Rename it on the server another way/),
      });
    } finally {
      await fs.close();
    }
  });
});
