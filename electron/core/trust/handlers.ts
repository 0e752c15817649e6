import type { Handlers } from '../../../shared/contract';
import type { CertPins } from './cert-pins';
import type { KnownHosts } from './known-hosts';

export type TrustHandlers = Pick<Handlers, 'trust.list' | 'trust.forget'>;

/**
 * Settings → Trusted servers: what the user chose to trust, and forgetting it. Forgetting is
 * how a user recovers after a server's key legitimately changed (the refusal says so), so it
 * must be the same stores the connections consult.
 */
export function createTrustHandlers(deps: {
  knownHosts: Pick<KnownHosts, 'list' | 'remove'>;
  certPins: Pick<CertPins, 'list' | 'unpin'>;
}): TrustHandlers {
  const { knownHosts, certPins } = deps;
  return {
    'trust.list': async () => {
      const [hostKeys, certificates] = await Promise.all([knownHosts.list(), certPins.list()]);
      const byServer = <T extends { host: string; port: number }>(a: T, b: T) =>
        a.host.localeCompare(b.host) || a.port - b.port;
      return {
        hostKeys: [...hostKeys].sort(byServer),
        certificates: [...certificates].sort(byServer),
      };
    },
    'trust.forget': async ({ kind, host, port }) => {
      if (kind === 'host-key') await knownHosts.remove(host, port);
      else await certPins.unpin(host, port);
    },
  };
}
