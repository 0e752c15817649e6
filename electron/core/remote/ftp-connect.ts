/**
 * Opens one logged-in basic-ftp Client: greeting, TLS (explicit or implicit), certificate check,
 * login, session settings. Failures become FerryErrors that say which part went wrong, and the
 * whole sequence ends within `timeoutMs`, whatever is listening on the port.
 */
import { TLSSocket } from 'node:tls';
import { Client, FTPError } from 'basic-ftp';
import { FerryError } from '../../../shared/errors';
import type { ConnectionParams } from '../../../shared/types';
import {
  type Target,
  authFailed,
  protocolMismatch,
  replyText,
  tlsRequired,
  tlsUnavailable,
  toFerryError,
} from './ftp-errors';
import { codecForSetting, installNameCodec, isLegacyEncoding } from './ftp-names-wire';
import type { NameCodec } from './name-codec';
import { sniffFirstWords, speaksTlsAtOnce } from './ftp-probe';
import { connectImplicitTlsThroughProxy, connectThroughProxy } from './ftp-proxy';
import {
  type CertificateCheck,
  dataTlsOptionsFor,
  isVerificationCode,
  presentsExpectedCertificate,
  tlsOptionsFor,
} from './ftp-tls';
import { Deadline } from './ftp-deadline';
import { type Dialer, type Route, dialerFor } from './route';
import { networkError, systemCode } from './net-errors';

export interface FtpOpenRequest {
  params: ConnectionParams;
  check: CertificateCheck;
  extraCa: readonly string[];
  /** For TCP + TLS + login + settings together. */
  timeoutMs: number;
  /** basic-ftp's per-reply and transfer-stall timeout once connected. */
  operationTimeoutMs: number;
  log: (message: string) => void;
  /** The session's SSH jump host tunnel, if it has one (connect-deps.ts). */
  tunnel?: Dialer;
  /** The session's file name codec (one for its reconnects, so listed names keep their bytes). */
  names?: NameCodec;
}

export interface OpenedFtp {
  client: Client;
  greeting: string;
  features: Map<string, string>;
  /** SHA-256 of the control connection's certificate (TLS only). */
  fingerprint256?: string;
  home: string;
  /** The proxy or jump host it goes through: its data connections go there too. */
  route?: Route;
}

/** The server's certificate was not vouched for; the caller may ask the user (ftp-trust.ts). */
export class CertificateNotVouched extends Error {
  constructor(readonly verificationCode: string) {
    super(`Certificate verification failed: ${verificationCode}`);
    this.name = 'CertificateNotVouched';
  }
}

export async function openFtp(request: FtpOpenRequest): Promise<OpenedFtp> {
  const { params } = request;
  const target: Target = { host: params.host, port: params.port };
  const clock = new Deadline(request.timeoutMs);
  const client = new Client(request.operationTimeoutMs);
  client.ftp.verbose = true;
  client.ftp.log = request.log;
  const tls = tlsOptionsFor(params, request.check, request.extraCa);
  const via = dialerFor(params, request.tunnel);
  const route: Route | undefined = via ? { via, target } : undefined;
  try {
    let greeting: string;
    if (params.protocol === 'ftps-implicit') {
      greeting = await greetOverTls(client, target, tls, clock, route);
    } else {
      greeting = await greetInClear(client, target, clock, route);
      if (params.protocol === 'ftps-explicit') await upgradeToTls(client, target, tls, clock);
    }
    const fingerprint256 = verifyControlCertificate(client, request.check);
    const control = client.ftp.socket;
    if (control instanceof TLSSocket) {
      // basic-ftp opens every data connection with these options (and the login's session);
      // Node's certificate check stays on in them until DataChannelGuard takes it over.
      client.ftp.tlsOptions = dataTlsOptionsFor(
        params,
        request.check,
        request.extraCa,
        control.getProtocol(),
        keyGroupOf(control),
      );
    }
    // A server told "UTF8 ON" may switch its names to UTF-8 (IIS): not when the site says otherwise.
    const legacy = isLegacyEncoding(params.nameEncoding);
    if (!legacy) await clock.within(client, client.sendIgnoringError('OPTS UTF8 ON'), target);
    await logIn(client, params, clock);
    const codec = request.names ?? codecForSetting(params.nameEncoding);
    installNameCodec(client, codec, (params.nameEncoding ?? 'auto') === 'auto');
    const features = await clock.within(client, applySettings(client, params), target);
    const home = await clock.within(client, client.pwd(), target);
    const opened: OpenedFtp = { client, greeting, features, home };
    if (fingerprint256 !== undefined) opened.fingerprint256 = fingerprint256;
    if (route) opened.route = route;
    return opened;
  } catch (error) {
    client.close();
    if (error instanceof CertificateNotVouched) throw error;
    throw toFerryError(error, target, 'connect', true);
  }
}

/** The group the control connection's key was agreed in (e.g. "prime256v1"), if known. */
function keyGroupOf(socket: TLSSocket): string | undefined {
  const info: unknown = socket.getEphemeralKeyInfo();
  const name: unknown = typeof info === 'object' && info !== null ? Reflect.get(info, 'name') : '';
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** Plain FTP and explicit FTPS: the server greets in clear text first. */
async function greetInClear(
  client: Client,
  target: Target,
  clock: Deadline,
  route: Route | undefined,
): Promise<string> {
  const greeting = route
    ? connectThroughProxy(client, route.via, target, clock.remaining())
    : client.connect(target.host, target.port);
  if (route) {
    // Behind a proxy there is no direct look at the port: the proxy's own words are the answer.
    try {
      return (await clock.within(client, greeting, target)).message;
    } catch (error) {
      throw refusedGreeting(error, target);
    }
  }
  // An SSH server greets with its own banner, which no FTP reply parser recognises.
  client.ftp.socket.once('data', (chunk: string | Buffer) => {
    if (String(chunk).startsWith('SSH-'))
      client.ftp.closeWithError(protocolMismatch('ssh', target));
  });
  try {
    const reply = await clock.within(client, greeting, target, clock.reserve);
    return reply.message;
  } catch (error) {
    if (error instanceof FerryError && error.code === 'timeout') {
      // Silence: an implicit-FTPS port waits for our TLS handshake before it says anything.
      if (await speaksTlsAtOnce(target, clock.remaining()))
        throw protocolMismatch('implicit', target);
    }
    throw refusedGreeting(error, target);
  }
}

/** Implicit FTPS: TLS from the first byte, then the greeting. */
async function greetOverTls(
  client: Client,
  target: Target,
  tls: ReturnType<typeof tlsOptionsFor>,
  clock: Deadline,
  route: Route | undefined,
): Promise<string> {
  try {
    const greeting = route
      ? connectImplicitTlsThroughProxy(client, route.via, target, tls, clock.remaining())
      : client.connectImplicitTLS(target.host, target.port, tls);
    return (await clock.within(client, greeting, target, clock.reserve)).message;
  } catch (error) {
    const code = systemCode(error);
    if (isVerificationCode(code)) throw new CertificateNotVouched(code);
    const network = networkError(error, target);
    if (network && network.code !== 'connection_lost') throw network;
    if (error instanceof FTPError) throw refusedGreeting(error, target);
    if (error instanceof FerryError && route) throw error;
    // The handshake broke or never finished: look at what the port says on its own (directly:
    // behind a proxy, no look around it).
    if (route) throw tlsUnavailable(target, 'did not complete a TLS handshake.', error);
    const words = await sniffFirstWords(target, clock.remaining());
    if (words === 'ssh') throw protocolMismatch('ssh', target);
    if (words === 'ftp') throw protocolMismatch('explicit', target);
    if (error instanceof FerryError) throw error;
    throw tlsUnavailable(target, 'did not complete a TLS handshake.', error);
  }
}

function refusedGreeting(error: unknown, target: Target): unknown {
  if (!(error instanceof FTPError)) return error;
  return new FerryError(
    'connection_refused',
    `${target.host} turned the connection away (it said: "${replyText(error)}").`,
    'The server may be busy or limiting connections; try again later.',
    { cause: error },
  );
}

async function upgradeToTls(
  client: Client,
  target: Target,
  tls: ReturnType<typeof tlsOptionsFor>,
  clock: Deadline,
): Promise<void> {
  try {
    await clock.within(client, client.useTLS(tls), target);
  } catch (error) {
    if (error instanceof FTPError) {
      throw tlsUnavailable(target, 'does not offer FTPS: it refused AUTH TLS.', error);
    }
    const code = systemCode(error);
    if (isVerificationCode(code)) throw new CertificateNotVouched(code);
    if (error instanceof FerryError || networkError(error, target)) throw error;
    throw tlsUnavailable(target, 'could not agree on a secure connection.', error);
  }
}

/** Returns the control certificate's fingerprint after checking it where a fingerprint is due. */
function verifyControlCertificate(client: Client, check: CertificateCheck): string | undefined {
  const socket = client.ftp.socket;
  if (!(socket instanceof TLSSocket)) return undefined;
  if (check.kind === 'fingerprint' && !presentsExpectedCertificate(socket, check.fingerprint256)) {
    throw new FerryError(
      'certificate_untrusted',
      'The server shows a different certificate from the one you trusted.',
      'If the server really got a new certificate, connect again and check its fingerprint.',
    );
  }
  return socket.getPeerCertificate().fingerprint256;
}

async function logIn(client: Client, params: ConnectionParams, clock: Deadline): Promise<void> {
  const target: Target = { host: params.host, port: params.port };
  // Over plain FTP, ask first whether the server offers TLS: servers that insist on it refuse
  // the user name and hang up (vsftpd), leaving no chance to ask afterwards.
  const offersTls =
    params.protocol === 'ftp' &&
    (await clock.within(client, client.features(), target)).has('AUTH');
  let reply;
  try {
    reply = await clock.within(client, client.send(`USER ${params.user}`), target);
  } catch (error) {
    if (!(error instanceof FTPError)) throw error;
    throw userRefused(params, error, offersTls);
  }
  if (reply.code === 331) {
    try {
      await clock.within(client, client.send(`PASS ${params.password ?? ''}`), target);
    } catch (error) {
      if (!(error instanceof FTPError)) throw error;
      if (error.code === 534 && params.protocol === 'ftp') throw tlsRequired(target);
      throw authFailed(target, error);
    }
  } else if (reply.code === 332) {
    throw new FerryError(
      'auth_failed',
      `${params.host} asks for an account name as well, which Ferry does not support.`,
      'Ask the server administrator for a login that needs only a user name and password.',
    );
  }
}

/**
 * The name was refused before any password was asked for. Over plain FTP that is how servers
 * that insist on TLS answer (vsftpd: 530 to USER, then it hangs up; RFC 4217: 534): when the
 * server offered AUTH TLS in its FEAT reply, the refusal is read as "encryption required".
 */
function userRefused(params: ConnectionParams, error: FTPError, offersTls: boolean): FerryError {
  const target: Target = { host: params.host, port: params.port };
  if (params.protocol !== 'ftp') return authFailed(target, error);
  if (error.code === 534) return tlsRequired(target);
  const refusal = error.code === 530 || error.code === 550;
  return refusal && offersTls ? tlsRequired(target) : authFailed(target, error);
}

/** Binary mode, UTF-8, MLSD where offered; for FTPS, data connections protected (PROT P). */
async function applySettings(
  client: Client,
  params: ConnectionParams,
): Promise<Map<string, string>> {
  const features = await client.features();
  const mlsd = features.has('MLST');
  client.availableListCommands = mlsd ? ['MLSD', 'LIST -a', 'LIST'] : ['LIST -a', 'LIST'];
  await client.send('TYPE I');
  await client.sendIgnoringError('STRU F');
  if (!isLegacyEncoding(params.nameEncoding)) await client.sendIgnoringError('OPTS UTF8 ON');
  if (mlsd) {
    await client.sendIgnoringError(
      'OPTS MLST type;size;modify;unix.mode;unix.owner;unix.group;unix.ownername;unix.groupname;',
    );
  }
  if (params.protocol !== 'ftp') {
    await client.sendIgnoringError('PBSZ 0');
    try {
      await client.send('PROT P');
    } catch (error) {
      if (!(error instanceof FTPError)) throw error;
      const target = { host: params.host, port: params.port };
      throw tlsUnavailable(target, 'would not encrypt file transfers (it refused PROT P).', error);
    }
  }
  return features;
}
