import type { EmitEvent, Handlers } from '../../../shared/contract';
import type { JumpHostSettings } from '../../../shared/jump-host';
import type { ProxySettings } from '../../../shared/proxy';
import type { PinLookup } from './context';
import { probeHost, type ProbeOptions } from './probe-host';
import type { KnownHostLookup } from './ssh-probe';

/** A login to an SSH jump host (the app's JumpTunnel), made for one check and closed after it. */
export interface ProbeTunnel {
  open(): Promise<unknown>;
  dial: NonNullable<ProbeOptions['jump']>['tunnel']['dial'];
  timedOut: NonNullable<ProbeOptions['jump']>['tunnel']['timedOut'];
  close(): void;
}

export interface ProbeDeps {
  /** Sends `probe.endpoint` as each port's result arrives (when the caller gave a probeId). */
  emit?: EmitEvent;
  /** Ferry's known hosts: `(host, port, keyType, fingerprint) => 'unknown' | 'match' | 'changed'`. */
  knownHost?: KnownHostLookup;
  /** Ferry's pinned certificates: `(host, port, fingerprint256) => boolean`. */
  isPinned?: PinLookup;
  /** Authorities trusted on top of the system's, as the app's connections trust them. */
  extraCa?: readonly string[];
  /** The whole check's budget (default 4.5 s). */
  timeoutMs?: number;
  /** The app's proxy, if any: the check goes through it as connections do. */
  proxy?: () => Promise<ProxySettings | undefined>;
  /**
   * The way a saved site's connections go, for a check asked for that site: its jump host (null:
   * none) and its proxy (undefined: the app's; null: none).
   */
  siteRoute?: (
    siteId: string,
  ) => Promise<{ jump: JumpHostSettings | null; proxy: ProxySettings | null | undefined }>;
  /** Logs in to a jump host (its key checked as any SSH server's), for `server` behind it. */
  openTunnel?: (jump: JumpHostSettings, proxy: ProxySettings | null, server: string) => ProbeTunnel;
}

/** The security check behind the contract. */
export function createProbeHandlers(deps: ProbeDeps): Pick<Handlers, 'probe.run'> {
  return {
    'probe.run': async ({ host, ports, probeId, siteId }) => {
      const { emit, proxy: appProxy, siteRoute, openTunnel, ...options } = deps;
      // A site's check goes the way its connections go: its proxy, and its jump host if any.
      const route = siteId === undefined ? undefined : await siteRoute?.(siteId);
      const proxy =
        route && route.proxy !== undefined ? (route.proxy ?? undefined) : await appProxy?.();
      const jump = route?.jump ?? undefined;
      const tunnel = jump && openTunnel?.(jump, proxy ?? null, `${host}:${ports[0] ?? 22}`);
      try {
        return await probeHost({
          ...options,
          ...(proxy ? { proxy } : {}),
          ...(jump && tunnel ? { jump: { endpoint: jump, tunnel } } : {}),
          host,
          ports,
          ...(emit && probeId !== undefined
            ? { onEndpoint: (endpoint) => emit('probe.endpoint', { probeId, host, endpoint }) }
            : {}),
        });
      } finally {
        tunnel?.close();
      }
    },
  };
}
