import type { EmitEvent, Handlers } from '../../../shared/contract';
import type { ProxySettings } from '../../../shared/proxy';
import type { PinLookup } from './context';
import { probeHost } from './probe-host';
import type { KnownHostLookup } from './ssh-probe';

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
}

/** The security check behind the contract. */
export function createProbeHandlers(deps: ProbeDeps): Pick<Handlers, 'probe.run'> {
  return {
    'probe.run': async ({ host, ports, probeId }) => {
      const { emit, proxy: appProxy, ...options } = deps;
      const proxy = await appProxy?.();
      return probeHost({
        ...options,
        ...(proxy ? { proxy } : {}),
        host,
        ports,
        ...(emit && probeId !== undefined
          ? { onEndpoint: (endpoint) => emit('probe.endpoint', { probeId, host, endpoint }) }
          : {}),
      });
    },
  };
}
