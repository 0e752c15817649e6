/**
 * DataChannelGuard is the only judge of an FTPS data connection's certificate (data connections
 * resume the login's session without the certificate in it, so Node's own check is off there):
 * a data connection that does not resume and shows any other certificate than the login's is
 * refused before a byte is used, and the control connection is closed with it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Server, type TLSSocket, connect, createServer } from 'node:tls';
import { FTPContext } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPki, type TestPki } from '../../../e2e/harness/pki';
import { FerryError } from '../../../shared/errors';
import { DataChannelGuard, type Verification } from './ftp-data-guard';
import { dataTlsOptionsFor } from './ftp-tls';

let dir: string;
let pki: TestPki;
let server: Server;
let port: number;
const accepted = new Set<TLSSocket>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-data-guard-'));
  pki = await createPki(dir);
  const [cert, key] = await Promise.all([
    readFile(pki.serverCert.certPath),
    readFile(pki.serverCert.keyPath),
  ]);
  // Any TLS server: it stands in for whatever answers at the data connection's address.
  server = createServer({ cert, key }, (socket) => {
    accepted.add(socket.on('error', () => undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const socket of accepted) socket.destroy();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A control connection (to the same server) whose data connections the guard checks. */
async function controlContext(): Promise<FTPContext> {
  const ftp = new FTPContext(5000);
  const control: TLSSocket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
  await new Promise((resolve) => control.once('secureConnect', resolve));
  ftp.socket = control;
  const params = { protocol: 'ftps-explicit' as const, host: '127.0.0.1', port, user: 'u' };
  ftp.tlsOptions = dataTlsOptionsFor(params, { kind: 'authority' }, [], control.getProtocol());
  return ftp;
}

function pasvReply(): { code: number; message: string } {
  return { code: 227, message: `227 Entering Passive Mode (127,0,0,1,${port >> 8},${port & 255})` };
}

function watching(): Verification & { outcome: Promise<'open' | Error> } {
  let settle: (outcome: 'open' | Error) => void = () => undefined;
  const outcome = new Promise<'open' | Error>((resolve) => (settle = resolve));
  return { outcome, open: () => settle('open'), fail: (error) => settle(error) };
}

describe('DataChannelGuard', () => {
  it('refuses a data connection with another certificate than the login', async () => {
    const ftp = await controlContext();
    const guard = new DataChannelGuard('AA:BB:CC');
    const verification = watching();
    await guard.connectFromReply(ftp, pasvReply(), verification);
    const outcome = await verification.outcome;
    expect(outcome).toBeInstanceOf(FerryError);
    expect(outcome).toMatchObject({ code: 'certificate_untrusted' });
    expect(ftp.closed).toBe(true);
  });

  it("opens a data connection that shows exactly the login's certificate", async () => {
    const ftp = await controlContext();
    const guard = new DataChannelGuard(pki.serverCert.fingerprint256);
    const verification = watching();
    await guard.connectFromReply(ftp, pasvReply(), verification);
    expect(await verification.outcome).toBe('open');
    expect(ftp.closed).toBe(false);
    ftp.close();
  });
});
