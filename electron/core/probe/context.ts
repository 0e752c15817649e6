import type { ProxySettings } from '../../../shared/proxy';
import type { Dialer } from '../remote/route';
import type { Budget } from './budget';
import type { SocketTracker } from './sockets';
import type { KnownHostLookup } from './ssh-probe';
import type { TlsContext } from './tls-attempt';

/** Whether the user already pinned this exact certificate for this server (CertPins.isPinned fits). */
export type PinLookup = (host: string, port: number, fingerprint256: string) => Promise<boolean>;

/**
 * The way the check's connections go when not directly: the app's proxy, or a site's SSH jump
 * host (its tunnel, logged in already) — the server's name is then looked up over there.
 */
export interface ProbeRoute {
  proxy?: ProxySettings;
  tunnel?: Dialer;
}

/** What every probe step of one check shares. */
export interface ProbeContext extends ProbeRoute {
  /** As the user typed it: certificates must name it, trust stores are keyed by it. */
  host: string;
  /** Where every connection goes (resolved once, so all ports are checked on one machine). */
  address: string;
  budget: Budget;
  tracker: SocketTracker;
  tls: TlsContext;
  knownHost?: KnownHostLookup;
  isPinned?: PinLookup;
}
