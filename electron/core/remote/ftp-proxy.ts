/**
 * FTP through a proxy or an SSH jump host (a route): the control connection and every passive
 * data connection are tunnels the route opens to the server; TLS (implicit, AUTH TLS, data
 * connections) starts over the tunnel with exactly the options, and so the certificate checks,
 * of a direct connection.
 * Passive replies' addresses are not used: behind a route the server is reached by the name the
 * user gave (the proxy or jump host resolves it), at the port the server names. Active mode
 * cannot work through a route at all (the server would connect back to this computer).
 */
import type { Socket } from 'node:net';
import { type ConnectionOptions, TLSSocket, connect as tlsConnect } from 'node:tls';
import type { Client, FTPContext, FTPResponse } from 'basic-ftp';
import { parseEpsvResponse, parsePasvResponse } from 'basic-ftp/dist/transfer';
import type { Target } from './ftp-errors';
import type { Dialer } from './route';

/** basic-ftp's greeting handler, which its connect methods use after opening the socket. */
interface GreetingHandler {
  _handleConnectResponse(): Promise<FTPResponse>;
}

/** As `client.connect`, through `proxy`: resolves with the server's greeting. */
export async function connectThroughProxy(
  client: Client,
  via: Dialer,
  target: Target,
  timeoutMs: number,
): Promise<FTPResponse> {
  const socket = await via.dial(target, { timeoutMs });
  closedMeanwhile(client, socket);
  client.ftp.socket = socket;
  return greeting(client);
}

/** As `client.connectImplicitTLS`, through `proxy`: TLS first, then the greeting. */
export async function connectImplicitTlsThroughProxy(
  client: Client,
  via: Dialer,
  target: Target,
  tls: ConnectionOptions,
  timeoutMs: number,
): Promise<FTPResponse> {
  const raw = await via.dial(target, { timeoutMs });
  closedMeanwhile(client, raw);
  // basic-ftp keeps the host so data connections resume the session under the same identity.
  const options = { ...tls, host: tls.host ?? target.host };
  const socket = tlsConnect({ ...options, socket: raw });
  client.ftp.socket = socket;
  client.ftp.tlsOptions = options;
  return greeting(client);
}

/** A client closed (timed out) while the tunnel opened must not be reopened by it. */
function closedMeanwhile(client: Client, socket: Socket): void {
  // `client.closed` is also true before any socket connected; its closing error is not.
  const closing = (client.ftp as unknown as { _closingError?: unknown })._closingError;
  if (closing === undefined) return;
  socket.destroy();
  throw new Error('The connection was closed while the proxy opened it.');
}

function greeting(client: Client): Promise<FTPResponse> {
  return (client as unknown as GreetingHandler)._handleConnectResponse();
}

/** A way into passive mode through a proxy (EPSV or PASV), as DataChannelGuard's modes are. */
export function passiveThroughProxy(
  command: 'EPSV' | 'PASV',
  via: Dialer,
  target: Target,
): (ftp: FTPContext) => Promise<FTPResponse> {
  return async (ftp) => {
    const reply = await ftp.request(command);
    await connectDataThroughProxy(ftp, via, target, passivePort(command, reply));
    return reply;
  };
}

/** The port a passive reply names (PASV's address is not used behind a proxy). */
export function passivePort(command: 'EPSV' | 'PASV', reply: FTPResponse): number {
  return command === 'EPSV'
    ? parseEpsvResponse(reply.message)
    : parsePasvResponse(reply.message).port;
}

/**
 * basic-ftp's connectForPassiveTransfer, with the tunnel instead of a direct socket: TLS over
 * it with the control connection's options and session (DataChannelGuard checks it as usual).
 */
export async function connectDataThroughProxy(
  ftp: FTPContext,
  via: Dialer,
  target: Target,
  port: number,
): Promise<void> {
  const raw = await via.dial({ host: target.host, port }, { timeoutMs: ftp.timeout });
  const control = ftp.socket;
  if (!(control instanceof TLSSocket)) {
    ftp.dataSocket = raw;
    return;
  }
  const socket = tlsConnect({
    ...ftp.tlsOptions,
    socket: raw,
    session: ftp.tlsSessionStore ?? control.getSession(),
  });
  // TLS 1.3 tickets are single-use: the next data connection resumes the newest.
  socket.on('session', (session: Buffer) => {
    ftp.tlsSessionStore = session;
  });
  ftp.dataSocket = socket;
}

/** The proxy a connection goes through, and the server it reaches there. */
export interface ProxyRoute {
  via: Dialer;
  target: Target;
}
