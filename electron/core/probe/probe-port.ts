import type { Socket } from 'node:net';
import type { ProbeEndpoint } from '../../../shared/contract/probe';
import type { ProbeContext } from './context';
import { closedEndpoint, openEndpoint } from './endpoint';
import { probeFtp } from './ftp-probe';
import { probeImplicit } from './implicit-probe';
import { readGreeting, type Greeting } from './sniff';
import { openTcp } from './sockets';
import { probeSsh } from './ssh-probe';

/**
 * How long a port may stay quiet before we try TLS: SSH and FTP servers speak first, at once;
 * an implicit-FTPS server waits for us. A slower talker still gets a second chance below.
 */
const GREETING_WAIT_MS = 800;
const CONNECT_MS = 2000;

/** Everything the check learns about one port, graded. Never throws. */
export async function probePort(context: ProbeContext, port: number): Promise<ProbeEndpoint> {
  const started = Date.now();
  const elapsed = (): number => Date.now() - started;
  const { budget } = context;

  const tcp = await openTcp(
    context.tracker,
    context.address,
    port,
    budget.upTo(CONNECT_MS),
    context,
  );
  // Through a jump host, a port it would not open says why (it refused to forward there).
  const why = (outcome: { status: string; detail: string }) =>
    context.tunnel && outcome.status === 'no-answer' ? outcome.detail : undefined;
  if (!tcp.ok) return closedEndpoint(port, tcp.status, elapsed(), why(tcp));
  const greeting = await readGreeting(tcp.socket, budget.upTo(GREETING_WAIT_MS));
  if (greeting.kind !== 'silent')
    return afterGreeting(context, port, tcp.socket, greeting, started);

  const implicit = await probeImplicit(tcp.socket, context, port);
  switch (implicit.kind) {
    case 'ftps-implicit':
      return openEndpoint(
        port,
        { service: 'ftps-implicit', usable: implicit.usable, ftp: implicit.ftp, tls: implicit.tls },
        elapsed(),
        new Date(),
      );
    case 'tls-not-ftp':
      return closedEndpoint(port, 'unrecognised', elapsed(), 'TLS, but no FTP greeting inside');
    case 'no-tls':
      if (implicit.outcome === 'unknown') return closedEndpoint(port, 'silent', elapsed());
  }
  // Our TLS hello was answered with something else: perhaps a server that greets slowly.
  const again = await openTcp(
    context.tracker,
    context.address,
    port,
    budget.upTo(CONNECT_MS),
    context,
  );
  if (!again.ok) return closedEndpoint(port, again.status, elapsed(), why(again));
  const late = await readGreeting(again.socket, Math.max(0, budget.remaining() - 300));
  if (late.kind === 'silent') return closedEndpoint(port, 'silent', elapsed());
  return afterGreeting(context, port, again.socket, late, started);
}

async function afterGreeting(
  context: ProbeContext,
  port: number,
  socket: Socket,
  greeting: Exclude<Greeting, { kind: 'silent' }>,
  started: number,
): Promise<ProbeEndpoint> {
  const elapsed = (): number => Date.now() - started;
  switch (greeting.kind) {
    case 'ssh': {
      const target = {
        host: context.host,
        address: context.address,
        port,
        ...(context.proxy ? { proxy: context.proxy } : {}),
        ...(context.tunnel ? { tunnel: context.tunnel } : {}),
      };
      const result = await probeSsh(socket, greeting, target, context.budget, context.knownHost);
      return openEndpoint(
        port,
        { service: 'ssh', usable: result.usable, ssh: result.ssh },
        elapsed(),
        new Date(),
      );
    }
    case 'ftp': {
      const result = await probeFtp(socket, greeting.alreadyRead, context, port);
      const findings = { service: result.service, usable: result.usable, ftp: result.ftp };
      return openEndpoint(
        port,
        result.tls ? { ...findings, tls: result.tls } : findings,
        elapsed(),
        new Date(),
      );
    }
    case 'other':
      socket.destroy();
      return closedEndpoint(port, 'unrecognised', elapsed(), greeting.text);
    case 'closed':
      return closedEndpoint(port, 'silent', elapsed());
  }
}
