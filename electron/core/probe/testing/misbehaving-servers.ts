/** Small in-test servers for what the harness cannot play: silence, and an old SSH server. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { promisify } from 'node:util';
import { encodeKexInitPacket, type KexInit } from '../ssh-kexinit';

const execFileAsync = promisify(execFile);

export interface LocalServer {
  port: number;
  close(): Promise<void>;
}

function listen(server: Server, sockets: Set<Socket>): Promise<LocalServer> {
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Accepts connections and never says a word (not even to a TLS hello). */
export function startSilentServer(): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  return listen(
    createServer(() => undefined),
    sockets,
  );
}

/**
 * Plays an SSH server far enough to offer `offer`: identification, then KEXINIT after the
 * client's identification; hangs up when the client goes on with key exchange.
 */
export function startFakeSshServer(identification: string, offer: KexInit): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    socket.write(`${identification}\r\n`);
    let chunks = 0;
    socket.on('data', () => {
      chunks += 1;
      if (chunks === 1) socket.write(encodeKexInitPacket(offer));
      else socket.destroy();
    });
  });
  return listen(server, sockets);
}

/** A port that was free a moment ago: nothing listens there now. */
export async function closedPort(): Promise<number> {
  const server = await startSilentServer();
  await server.close();
  return server.port;
}

/** A self-signed certificate for `commonName` (no SAN), made with the openssl command. */
export async function selfSignedCertificate(
  dir: string,
  commonName: string,
): Promise<{ cert: string; key: string }> {
  const keyPath = join(dir, `${commonName}.key`);
  const certPath = join(dir, `${commonName}.pem`);
  await execFileAsync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    `/CN=${commonName}`,
    '-days',
    '2',
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8') };
}

/** TLS from the first byte, then `greeting` (if any) inside: an implicit-FTPS look-alike. */
export function startTlsServer(
  identity: { cert: string; key: string },
  greeting: string | undefined,
): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  // Forward-secret AEAD suites only, so a test sees the certificate's weaknesses and nothing else.
  const ciphers = 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384';
  const server = createTlsServer({ ...identity, ciphers }, (socket) => {
    socket.on('error', () => undefined);
    if (greeting !== undefined) socket.write(`${greeting}\r\n`);
  });
  server.on('tlsClientError', () => undefined);
  return listen(server, sockets);
}
