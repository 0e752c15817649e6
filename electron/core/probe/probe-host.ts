import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import {
  DEFAULT_PROBE_PORTS,
  type ProbeEndpoint,
  type ProbeReport,
} from '../../../shared/contract/probe';
import { FerryError } from '../../../shared/errors';
import { describeJumpHost, type JumpHostEndpoint } from '../../../shared/jump-host';
import { describeProxy, type ProxySettings } from '../../../shared/proxy';
import { dialThroughProxy } from '../remote/proxy/dial';
import { isProxyRefusal } from '../remote/proxy/proxy-errors';
import type { Dialer } from '../remote/route';
import { Budget, within } from './budget';
import type { PinLookup, ProbeContext } from './context';
import { closedEndpoint } from './endpoint';
import { probePort } from './probe-port';
import { recommend } from './recommend';
import { SocketTracker } from './sockets';
import type { KnownHostLookup } from './ssh-probe';

export interface ProbeOptions {
  /** The host the user gave; the check connects nowhere else. */
  host: string;
  /** Each is checked for SSH, FTP (with or without AUTH TLS) and implicit FTPS. */
  ports?: readonly number[];
  /** The whole check, all ports at once (default 4.5 s). */
  timeoutMs?: number;
  /** PEM authorities trusted on top of the system's (never taken from the environment). */
  extraCa?: readonly string[];
  knownHost?: KnownHostLookup;
  isPinned?: PinLookup;
  /** Called with each port's result as soon as it is known. */
  onEndpoint?: (endpoint: ProbeEndpoint) => void;
  /** Check through this proxy (the app's): the proxy looks the name up; nothing goes direct. */
  proxy?: ProxySettings;
  /**
   * Check through this SSH jump host (a site's), logged in to by `tunnel.open()` first — through
   * `proxy` when given: it looks the name up, and its own SSH port is graded too.
   */
  jump?: { endpoint: JumpHostEndpoint; tunnel: Dialer & { open(): Promise<unknown> } };
}

export const DEFAULT_PROBE_TIMEOUT_MS = 4500;

/**
 * The security check: which ways in `host` offers, how good each is, and which to use. Ports
 * are checked concurrently within one time budget; nothing that needs credentials is sent.
 */
export async function probeHost(options: ProbeOptions): Promise<ProbeReport> {
  const started = Date.now();
  const host = options.host.trim();
  const ports = [...new Set(options.ports ?? DEFAULT_PROBE_PORTS)];
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const bare = host.replace(/^\[|\]$/g, '');
  const { proxy, jump } = options;
  // Behind a proxy or a jump host the name is theirs to look up (it may be one only they know).
  const address = proxy || jump ? bare : await resolve(bare, Math.min(2000, timeoutMs));
  // The jump login says in words what is wrong with it (or the proxy on its way) before anything.
  if (jump) await jump.tunnel.open();
  else if (proxy) await proxyAnswers(proxy, bare, ports[0] ?? 22, timeoutMs);

  const tracker = new SocketTracker();
  const context: ProbeContext = {
    host: bare,
    address,
    budget: new Budget(timeoutMs),
    tracker,
    tls: {
      // Exactly these authorities: NODE_EXTRA_CA_CERTS is ignored when `ca` is given.
      ca: [...rootCertificates, ...(options.extraCa ?? [])],
      ...(isIP(bare) === 0 ? { servername: bare } : {}),
    },
  };
  if (options.knownHost) context.knownHost = options.knownHost;
  if (options.isPinned) context.isPinned = options.isPinned;
  if (jump) context.tunnel = jump.tunnel;
  else if (proxy) context.proxy = proxy;

  try {
    // The jump host is a server the user's secrets go to as well: its SSH port is graded too.
    const jumpHost =
      jump &&
      gradeJumpHost(options, jump.endpoint, context, timeoutMs).catch(() =>
        closedEndpoint(jump.endpoint.port, 'no-answer', timeoutMs),
      );
    const endpoints = await Promise.all(
      ports.map(async (port) => {
        // A step that overruns its budget must not hold the whole report back.
        const endpoint = await within(
          probePort(context, port),
          timeoutMs + 500,
          closedEndpoint(port, 'no-answer', timeoutMs + 500),
        );
        options.onEndpoint?.(endpoint);
        return endpoint;
      }),
    );
    const recommendation = recommend(endpoints);
    const report: ProbeReport = {
      host: bare,
      address,
      startedAt: new Date(started).toISOString(),
      elapsedMs: Date.now() - started,
      endpoints,
      secureOffered: endpoints.some(
        (e) => e.status === 'open' && e.usable && e.service !== undefined && e.service !== 'ftp',
      ),
    };
    if (recommendation) report.recommendation = recommendation;
    if (proxy) report.proxy = describeProxy(proxy);
    if (jump && jumpHost) {
      report.jump = {
        description: describeJumpHost(jump.endpoint),
        host: jump.endpoint.host,
        port: jump.endpoint.port,
        endpoint: await jumpHost,
      };
    }
    return report;
  } finally {
    tracker.closeAll();
  }
}

/** The jump host's own SSH port, checked as any server's (directly, or through the proxy). */
async function gradeJumpHost(
  options: ProbeOptions,
  jump: JumpHostEndpoint,
  server: ProbeContext,
  timeoutMs: number,
): Promise<ProbeEndpoint> {
  const host = jump.host.replace(/^\[|\]$/g, '');
  const context: ProbeContext = {
    ...server,
    host,
    address: options.proxy ? host : await resolve(host, Math.min(2000, timeoutMs)),
    tls: { ca: server.tls.ca },
  };
  delete context.tunnel;
  if (options.proxy) context.proxy = options.proxy;
  return within(
    probePort(context, jump.port),
    timeoutMs + 500,
    closedEndpoint(jump.port, 'no-answer', timeoutMs + 500),
  );
}

/**
 * A proxy that cannot be used (not there, wrong kind, refuses the login) fails the whole check
 * with its own words; a refusal of the server's port is only that port's answer.
 */
async function proxyAnswers(
  proxy: ProxySettings,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<void> {
  try {
    (await dialThroughProxy(proxy, { host, port }, { timeoutMs })).destroy();
  } catch (error) {
    if (!isProxyRefusal(error)) throw error;
  }
}

async function resolve(host: string, timeoutMs: number): Promise<string> {
  if (isIP(host) !== 0) return host;
  const found = await within(
    lookup(host).then((result) => result.address),
    timeoutMs,
    undefined,
  );
  if (found === undefined) {
    throw new FerryError(
      'host_not_found',
      `The host name "${host}" could not be found.`,
      'Check the spelling of the host, or try its IP address.',
    );
  }
  return found;
}
