import type { Socket } from 'node:net';
import type { FtpReport, TlsReport } from '../../../shared/contract/probe';
import type { ProbeContext } from './context';
import { FtpReplyReader } from './ftp-replies';
import { openTcp } from './sockets';
import { tlsHandshake } from './tls-attempt';
import { buildTlsReport } from './tls-report';
import { ANYTHING, FERRY_TLS, surveyTls } from './tls-survey';

export type ImplicitOutcome =
  | { kind: 'ftps-implicit'; ftp: FtpReport; tls: TlsReport; usable: boolean }
  /** TLS answers, but no FTP greeting follows (HTTPS, for instance). */
  | { kind: 'tls-not-ftp' }
  /** No TLS either: `unknown` when the server stayed silent even to our TLS hello. */
  | { kind: 'no-tls'; outcome: 'refused' | 'unknown' };

/**
 * On a port that says nothing first: does TLS start at once (implicit FTPS), and is an FTP greeting
 * inside? The first handshake offers every version so even an old-fashioned server is recognised.
 */
export async function probeImplicit(
  socket: Socket,
  context: ProbeContext,
  port: number,
): Promise<ImplicitOutcome> {
  const { budget } = context;
  const first = await tlsHandshake(
    socket,
    { minVersion: 'TLSv1', maxVersion: 'TLSv1.3', ciphers: ANYTHING },
    context.tls,
    budget.upTo(2500),
    true,
  );
  if (first.outcome !== 'accepted' || !first.socket) {
    return { kind: 'no-tls', outcome: first.outcome === 'refused' ? 'refused' : 'unknown' };
  }
  const reader = new FtpReplyReader(first.socket);
  const banner = await reader.next(budget.upTo(2000));
  first.socket.destroy();
  // TLS, but no FTP greeting inside (HTTPS, for instance): not ours to grade.
  if (!banner || banner.code === 0) return { kind: 'tls-not-ftp' };

  const open = async (): Promise<Socket | undefined> => {
    const tcp = await openTcp(context.tracker, context.address, port, budget.upTo(2000), context);
    return tcp.ok ? tcp.socket : undefined;
  };
  const ferryAttempt = async () => {
    const fresh = await open();
    return fresh
      ? tlsHandshake(fresh, FERRY_TLS, context.tls, budget.upTo(2500))
      : { outcome: 'unknown' as const };
  };
  const [ferry, survey] = await Promise.all([ferryAttempt(), surveyTls(open, context.tls, budget)]);
  const tls = await buildTlsReport(
    ferry,
    { ...survey, accepted: survey.accepted ?? first },
    context,
    port,
  );
  return {
    kind: 'ftps-implicit',
    // No AUTH TLS here: the port is encrypted from the first byte, so no login can happen in clear.
    ftp: { banner: banner.text, authTls: false, loginWithoutTls: 'refused' },
    tls,
    usable: ferry.outcome === 'accepted',
  };
}
