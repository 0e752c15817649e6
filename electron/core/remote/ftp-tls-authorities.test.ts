/**
 * Extra certificate authorities (--ca, a site's own CA) are trusted by the connections given
 * them and by nothing else: they go into one secure context's own store, never into the store
 * Node shares between contexts.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SecureContext, type Server, connect, createServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, createPki } from '../../../e2e/harness/pki';
import { secureContextFor } from './ftp-tls';

let dir: string;
let trusted: TestPki;
let stranger: TestPki;
let server: Server;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-ftp-tls-'));
  const [a, b] = [join(dir, 'a'), join(dir, 'b')];
  await Promise.all([mkdir(a), mkdir(b)]);
  [trusted, stranger] = await Promise.all([createPki(a), createPki(b)]);
  const [key, cert] = await Promise.all([
    readFile(trusted.serverCert.keyPath),
    readFile(trusted.serverCert.certPath),
  ]);
  server = createServer({ key, cert }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** Node's verdict on the test server's certificate (signed by `trusted`'s CA). */
function verdict(secureContext: SecureContext | undefined): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', secureContext });
    socket.once('secureConnect', () => {
      resolve('trusted');
      socket.destroy();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('secureContextFor with extra authorities', () => {
  it('trusts a certificate issued by an extra CA, at every TLS version range', async () => {
    expect(await verdict(secureContextFor('TLSv1.2', [trusted.ca.certPem]))).toBe('trusted');
    expect(await verdict(secureContextFor('TLSv1.2', [trusted.ca.certPem], 'TLSv1.2'))).toBe(
      'trusted',
    );
  });

  it('trusts it beside other extra CAs and unreadable text', async () => {
    const context = secureContextFor('TLSv1.3', ['not a certificate', stranger.ca.certPem]);
    expect(await verdict(context)).not.toBe('trusted');
    expect(
      await verdict(secureContextFor('TLSv1.3', [stranger.ca.certPem, trusted.ca.certPem])),
    ).toBe('trusted');
  });

  it('leaves every other context, and the default context, refusing that certificate', async () => {
    await verdict(secureContextFor('TLSv1.2', [trusted.ca.certPem]));
    expect(await verdict(secureContextFor('TLSv1.2', [stranger.ca.certPem]))).toBe(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    );
    expect(await verdict(secureContextFor('TLSv1.2', []))).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(await verdict(undefined)).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });
});
