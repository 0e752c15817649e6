/**
 * Connects this page is waiting on. While one is, a `session.opened` event is that connect's own
 * news (its reply follows); with none, the session is one a reload interrupted the connect of.
 *
 * Each connect also gets an id of its own, kept in this page's sessionStorage with the server
 * it is for (never a password) until its reply comes: a reload loses the reply, so the reloaded
 * page finds there the connects it never heard back from, and asks the core what became of them
 * (missedConnects.ts).
 */
import { PROTOCOLS } from '../../../shared/protocols';
import { loadForPage, saveForPage } from '../../transport/pageStorage';
import type { Endpoint } from './tabRules';

/** The server a connect is for, as its tab would name it. */
export interface ConnectAbout {
  endpoint: Endpoint;
  site?: { id: string; name: string };
}

export interface PendingConnect extends ConnectAbout {
  connectId: string;
}

const KEY = 'ferry.connects';
/** The connects this load of the page made and still waits on. */
const mine = new Set<string>();

export async function whileConnecting<T>(
  about: ConnectAbout,
  connect: (connectId: string) => Promise<T>,
): Promise<T> {
  const connectId = crypto.randomUUID();
  mine.add(connectId);
  saveForPage(KEY, [...keptConnects(), { connectId, ...about }]);
  try {
    return await connect(connectId);
  } finally {
    mine.delete(connectId);
    forgetConnects([connectId]);
  }
}

export const isConnecting = (): boolean => mine.size > 0;

/** Connects made before the page (re)loaded whose replies it never got. */
export function interruptedConnects(): PendingConnect[] {
  return keptConnects().filter((pending) => !mine.has(pending.connectId));
}

export function forgetConnects(connectIds: readonly string[]): void {
  const gone = new Set(connectIds);
  saveForPage(
    KEY,
    keptConnects().filter((pending) => !gone.has(pending.connectId)),
  );
}

function keptConnects(): PendingConnect[] {
  const saved = loadForPage(KEY);
  return Array.isArray(saved) ? saved.filter(isPendingConnect) : [];
}

/** What sessionStorage holds is checked as it is read: it may be damaged, or edited. */
function isPendingConnect(value: unknown): value is PendingConnect {
  if (typeof value !== 'object' || value === null) return false;
  const { connectId, endpoint, site } = value as Partial<Record<keyof PendingConnect, unknown>>;
  const e = endpoint as Partial<Record<keyof Endpoint, unknown>> | undefined;
  const s = site as { id?: unknown; name?: unknown } | undefined;
  return (
    typeof connectId === 'string' &&
    typeof e === 'object' &&
    e !== null &&
    (PROTOCOLS as readonly unknown[]).includes(e.protocol) &&
    typeof e.host === 'string' &&
    typeof e.port === 'number' &&
    typeof e.user === 'string' &&
    (s === undefined || (typeof s.id === 'string' && typeof s.name === 'string'))
  );
}
