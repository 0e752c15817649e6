/**
 * DataChannelGuard is the only judge of an FTPS data connection's certificate (data connections
 * resume the login's session without the certificate in it, so the guard turns Node's own check
 * off on the connections it verifies, and only there): a data connection that does not resume
 * and shows any other certificate than the login's is refused before a byte is used, and the
 * control connection is closed with it; so is any TLS data connection with nothing to compare.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Server, type TLSSocket, connect, createServer } from 'node:tls';
import { FTPContext } from 'basic-ftp';
import { connectForPassiveTransfer } from 'basic-ftp/dist/transfer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPki, type TestPki } from '../../../e2e/harness/pki';
import { FerryError } from '../../../shared/errors';
import { DataChannelGuard, type Verification } from './ftp-data-guard';
import { dataTlsOptionsFor, isVerificationCode } from './ftp-tls';

let dir: string;
let pki: TestPki;
/** The server the control connection logs in to. */
let login: Listening;
/** Another TLS server with its own certificate, at the data connection's address. */
let impostor: Listening;
const accepted = new Set<TLSSocket>();

interface Listening {
  server: Server;
  port: number;
}

async function listen(certPath: string, keyPath: string): Promise<Listening> {
  const [cert, key] = await Promise.all([readFile(certPath), readFile(keyPath)]);
  const server = createServer({ cert, key }, (socket) => {
    accepted.add(socket.on('error', () => undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-data-guard-'));
  await mkdir(join(dir, 'other'));
  const other = await createPki(join(dir, 'other'));
  pki = await createPki(dir);
  login = await listen(pki.serverCert.certPath, pki.serverCert.keyPath);
  impostor = await listen(other.serverCert.certPath, other.serverCert.keyPath);
});
afterAll(async () => {
  for (const socket of accepted) socket.destroy();
  for (const { server } of [login, impostor]) {
    if (server) await new Promise((resolve) => server.close(resolve));
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * A control connection to the login server whose data connections the guard checks; it holds
 * the server's TLS 1.3 session ticket, so a data connection resumes wherever it can.
 */
async function controlContext(extraCa: readonly string[] = []): Promise<FTPContext> {
  const ftp = new FTPContext(5000);
  const control: TLSSocket = connect({
    host: '127.0.0.1',
    port: login.port,
    rejectUnauthorized: false,
  });
  await new Promise((resolve) => control.once('session', resolve));
  expect(control.getProtocol()).toBe('TLSv1.3');
  ftp.socket = control;
  const params = {
    protocol: 'ftps-explicit' as const,
    host: '127.0.0.1',
    port: login.port,
    user: 'u',
  };
  ftp.tlsOptions = dataTlsOptionsFor(params, { kind: 'authority' }, extraCa, control.getProtocol());
  return ftp;
}

function pasvReply(port: number): { code: number; message: string } {
  return { code: 227, message: `227 Entering Passive Mode (127,0,0,1,${port >> 8},${port & 255})` };
}

function watching(): Verification & { outcome: Promise<'open' | Error> } {
  let settle: (outcome: 'open' | Error) => void = () => undefined;
  const outcome = new Promise<'open' | Error>((resolve) => (settle = resolve));
  return { outcome, open: () => settle('open'), fail: (error) => settle(error) };
}

describe('DataChannelGuard', () => {
  it('refuses a data connection that reaches a server with another certificate', async () => {
    const ftp = await controlContext();
    const guard = new DataChannelGuard(pki.serverCert.fingerprint256);
    const verification = watching();
    await guard.connectFromReply(ftp, pasvReply(impostor.port), verification);
    // Seen before the guard's own look (which closes the socket).
    let resumed: boolean | undefined;
    const data = ftp.dataSocket as TLSSocket;
    data.prependOnceListener('secureConnect', () => (resumed = data.isSessionReused()));
    const outcome = await verification.outcome;
    expect(outcome).toBeInstanceOf(FerryError);
    expect(outcome).toMatchObject({ code: 'certificate_untrusted' });
    expect(ftp.closed).toBe(true);
    // The other server cannot resume the login's session: a full handshake, its own certificate.
    expect(resumed).toBe(false);
  });

  it("opens a data connection that shows exactly the login's certificate", async () => {
    const ftp = await controlContext();
    const guard = new DataChannelGuard(pki.serverCert.fingerprint256);
    const verification = watching();
    await guard.connectFromReply(ftp, pasvReply(login.port), verification);
    expect(await verification.outcome).toBe('open');
    expect(ftp.closed).toBe(false);
    ftp.close();
  });

  it('refuses a TLS data connection when there is no login certificate to compare with', async () => {
    // Node's own check passes here (the test CA is trusted): only the guard can refuse.
    const ftp = await controlContext([pki.ca.certPem]);
    const guard = new DataChannelGuard(undefined);
    const verification = watching();
    await guard.connectFromReply(ftp, pasvReply(login.port), verification);
    const outcome = await verification.outcome;
    expect(outcome).toBeInstanceOf(FerryError);
    expect(outcome).toMatchObject({
      code: 'certificate_untrusted',
      message: expect.stringMatching(/no certificate from the login/) as unknown,
      hint: expect.stringMatching(/connect again/i) as unknown,
    });
    expect(ftp.closed).toBe(true);
  });

  it("keeps Node's certificate check on data connections the guard does not open", async () => {
    const ftp = await controlContext();
    expect(ftp.tlsOptions.rejectUnauthorized).not.toBe(false);
    await connectForPassiveTransfer('127.0.0.1', login.port, ftp);
    const data = ftp.dataSocket as TLSSocket;
    const failure = await new Promise<Error & { code?: string }>((resolve) =>
      data.once('error', resolve),
    );
    // The login server's certificate comes from the test CA, which these options do not trust.
    expect(isVerificationCode(failure.code)).toBe(true);
    expect(data.authorized).toBe(false);
    ftp.close();
  });
});
