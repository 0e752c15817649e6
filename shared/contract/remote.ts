import { NAME_ENCODINGS } from '../name-encodings';
import { z } from 'zod';
import { PROTOCOLS } from '../protocols';
import type { ErrorInfo } from '../errors';
import type { Listing, SessionInfo } from '../types';
import { entryName } from './local';
import { event, method } from './define';

const sessionId = z.string().min(1).max(100);
const remotePath = z.string().min(1).max(4096).startsWith('/');
/** One browser tab (or the desktop window) across its reloads: random, kept in sessionStorage. */
export const pageId = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'a page id is 8-64 letters, digits or dashes');
/** One connect a page makes: random, so the page can ask what became of it after a reload. */
export const connectId = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'a connect id is 8-64 letters, digits or dashes');

/**
 * What became of a page's connect: still under way, opened (its session is among the page's),
 * failed (`error`, as the connect's reply would have said it), or unknown to Ferry.
 */
export interface ConnectOutcome {
  connectId: string;
  state: 'pending' | 'opened' | 'failed' | 'unknown';
  error?: ErrorInfo;
}

/** A session as a page that reloads needs it to show its tab again. */
export interface OpenSession extends SessionInfo {
  /** The folder the session's pane last listed; absent until it listed one. */
  folder?: string;
  /** The saved site it was opened from, when it was. */
  site?: { id: string; name: string };
}

export const connectionParams = z.object({
  protocol: z.enum(PROTOCOLS),
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  user: z.string().max(255),
  password: z.string().max(1024).optional(),
  privateKeyPath: z.string().max(4096).optional(),
  passphrase: z.string().max(1024).optional(),
  useAgent: z.boolean().optional(),
  plainFtpAcknowledged: z.boolean().optional(),
  passive: z.boolean().optional(),
  minTlsVersion: z.enum(['TLSv1.2', 'TLSv1.3']).optional(),
  nameEncoding: z.enum(NAME_ENCODINGS).optional(),
});

/** What the user is asked when a host key or certificate is not yet trusted. */
export type TrustPrompt =
  | {
      promptId: string;
      kind: 'host-key';
      host: string;
      port: number;
      keyType: string;
      fingerprint: string;
      /** The host is the SSH jump host on the way to this server ("host:port"). */
      jumpHostFor?: string;
    }
  | {
      promptId: string;
      kind: 'certificate';
      host: string;
      port: number;
      subject: string;
      issuer: string;
      subjectAltNames: string[];
      validFrom: string;
      validTo: string;
      fingerprint: string;
      /** Why the system did not trust it, in plain words. */
      reason: string;
    };

export const trustDecision = z.enum(['trust-always', 'trust-once', 'reject']);
export type TrustDecision = z.infer<typeof trustDecision>;

export const remoteMethods = {
  /**
   * `pageId`: the page connecting. The session is that page's at once, so a page that reloaded
   * while the connect still waited for the user (a host key, a one-time code) gets it back.
   * `connectId`: the page's name for this connect, to ask `remote.connectOutcomes` about it.
   */
  'remote.connect': method<SessionInfo>()(
    connectionParams.extend({ pageId: pageId.optional(), connectId: connectId.optional() }),
  ),
  /**
   * What became of connects the page made (`connectId`s it gave `remote.connect` or
   * `sites.connect`) whose replies it never got: it reloaded meanwhile. A settled outcome is told
   * once. Over the WebSocket, `pageId` is the socket's page.
   */
  'remote.connectOutcomes': method<ConnectOutcome[]>()(
    z.object({ pageId, connectIds: z.array(connectId).max(50) }),
  ),
  'remote.disconnect': method<void>()(z.object({ sessionId })),
  'remote.sessions': method<SessionInfo[]>()(z.object({})),
  /**
   * The sessions a page shows again after a reload: its own, and those whose page has been away
   * longer than a reload takes (10 s); they become the page's own. Sessions another open or
   * reloading page shows are not among them. Over the WebSocket, `pageId` is the socket's page.
   */
  'remote.reattach': method<OpenSession[]>()(z.object({ pageId })),
  /**
   * This page shows the session (a connect's result), so it is not to be reaped; `forbidden`
   * while another open or reloading page shows it.
   */
  'remote.claim': method<void>()(z.object({ pageId, sessionId })),
  'remote.list': method<Listing>()(z.object({ sessionId, path: remotePath })),
  'remote.mkdir': method<string>()(z.object({ sessionId, parent: remotePath, name: entryName })),
  'remote.rename': method<string>()(z.object({ sessionId, path: remotePath, newName: entryName })),
  'remote.delete': method<void>()(
    z.object({ sessionId, paths: z.array(remotePath).min(1).max(10_000) }),
  ),
  'remote.chmod': method<void>()(
    z.object({ sessionId, path: remotePath, mode: z.number().int().min(0).max(0o7777) }),
  ),
  'trust.respond': method<void>()(
    z.object({ promptId: z.string().min(1).max(100), decision: trustDecision }),
  ),
  /** Questions still waiting for an answer: a page that (re)opened shows them too. */
  'trust.open': method<TrustPrompt[]>()(z.object({})),
};

export const remoteEvents = {
  'trust.prompt': event<TrustPrompt>(),
  /** A prompt answered elsewhere (another tab) or abandoned: close its dialog. */
  'trust.settled': event<{ promptId: string }>(),
  /** `hint` says what to do when it is more than Reconnect (e.g. its jump host was lost). */
  'session.closed': event<{ sessionId: string; reason?: string; hint?: string }>(),
  /** A connect made from a page succeeded (its page may have reloaded meanwhile). */
  'session.opened': event<{ sessionId: string }>(),
  /** A connect made from a page failed: the page that made it asks `remote.connectOutcomes`. */
  'session.failed': event<{ connectId: string }>(),
};
