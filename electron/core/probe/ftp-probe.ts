import type { Socket } from 'node:net';
import type { FtpReport, TlsReport } from '../../../shared/contract/probe';
import type { ProbeContext } from './context';
import { FtpReplyReader } from './ftp-replies';
import { openTcp } from './sockets';
import { tlsHandshake } from './tls-attempt';
import { buildTlsReport } from './tls-report';
import { FERRY_TLS, surveyTls } from './tls-survey';

export interface FtpProbeResult {
  service: 'ftps-explicit' | 'ftp';
  ftp: FtpReport;
  tls?: TlsReport;
  usable: boolean;
}

/** A user name no real account has: the check never names the user's own account, nor sends a password. */
export const DUMMY_USER = 'ferry-security-check';

const REPLY_MS = 2000;

/**
 * FTP on a port whose server greeted with a reply: does `AUTH TLS` work (explicit FTPS), how good
 * is that TLS, and would the server take a login before encryption?
 */
export async function probeFtp(
  socket: Socket,
  alreadyRead: string,
  context: ProbeContext,
  port: number,
): Promise<FtpProbeResult> {
  const { budget } = context;
  const reader = new FtpReplyReader(socket, alreadyRead);
  const banner = await reader.next(budget.upTo(REPLY_MS));
  const auth = await reader.command('AUTH TLS', budget.upTo(REPLY_MS));
  const ftp: FtpReport = {
    banner: banner?.text ?? '',
    authTls: auth?.code === 234,
    // Without TLS, a login can only happen in clear text.
    loginWithoutTls: 'allowed',
  };
  if (!ftp.authTls) {
    socket.destroy();
    return { service: 'ftp', ftp, usable: banner !== undefined };
  }

  reader.detach();
  const open = () => openForAuthTls(context, port);
  const [ferry, survey, login] = await Promise.all([
    tlsHandshake(socket, FERRY_TLS, context.tls, budget.upTo(2500)),
    surveyTls(open, context.tls, budget),
    loginBeforeTls(context, port),
  ]);
  Object.assign(ftp, login);
  const tls = await buildTlsReport(ferry, survey, context, port);
  return { service: 'ftps-explicit', ftp, tls, usable: ferry.outcome === 'accepted' };
}

/** A new control connection, greeted and switched to TLS with `AUTH TLS`, ready for the handshake. */
async function openForAuthTls(context: ProbeContext, port: number): Promise<Socket | undefined> {
  const tcp = await openTcp(
    context.tracker,
    context.address,
    port,
    context.budget.upTo(2000),
    context,
  );
  if (!tcp.ok) return undefined;
  const reader = new FtpReplyReader(tcp.socket);
  const greeting = await reader.next(context.budget.upTo(REPLY_MS));
  const auth = greeting && (await reader.command('AUTH TLS', context.budget.upTo(REPLY_MS)));
  reader.detach();
  if (auth?.code === 234) return tcp.socket;
  tcp.socket.destroy();
  return undefined;
}

/**
 * Sends `USER <dummy>` before any TLS: `331` (asks for a password) or `230` means a password would
 * be taken in clear; a 5xx refusal means encryption comes first. No password is ever sent.
 */
async function loginBeforeTls(
  context: ProbeContext,
  port: number,
): Promise<Pick<FtpReport, 'loginWithoutTls' | 'loginReply'>> {
  const tcp = await openTcp(
    context.tracker,
    context.address,
    port,
    context.budget.upTo(2000),
    context,
  );
  if (!tcp.ok) return { loginWithoutTls: 'unknown' };
  const reader = new FtpReplyReader(tcp.socket);
  const greeting = await reader.next(context.budget.upTo(REPLY_MS));
  const reply =
    greeting && (await reader.command(`USER ${DUMMY_USER}`, context.budget.upTo(REPLY_MS)));
  tcp.socket.destroy();
  if (!reply) return { loginWithoutTls: 'unknown' };
  const loginReply = reply.text;
  if (reply.code === 331 || reply.code === 332 || reply.code === 230) {
    return { loginWithoutTls: 'allowed', loginReply };
  }
  if (reply.code >= 500 && reply.code < 600) return { loginWithoutTls: 'refused', loginReply };
  return { loginWithoutTls: 'unknown', loginReply };
}
