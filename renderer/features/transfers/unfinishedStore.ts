/**
 * Transfers an earlier run did not finish (the core kept them when Ferry closed): Restore
 * reconnects to each server the way the user would — a saved site with its saved login or the
 * usual questions, a quick connection with its password typed again — opens its tab and queues
 * the files again. A server that cannot be reached keeps its files listed, with the reason.
 */
import { create } from 'zustand';
import type { SessionInfo } from '../../../shared/types';
import type {
  UnfinishedLeft,
  UnfinishedServer,
  UnfinishedTransfers,
} from '../../../shared/contract/transfers';
import { plainFtpRouteKey } from '../../../shared/contract/sites';
import type { ErrorInfo } from '../../../shared/errors';
import { defaultPort, PROTOCOL_INFO } from '../../../shared/protocols';
import { call, describeError } from '../../api';
import { hasPlainFtpConsent } from '../connect/plainFtpConsent';
import { useSites } from '../sites/sitesStore';
import { isAsking, useSiteConnect } from '../sites/useSiteConnect';
import { tabActions, useTabs } from '../tabs/tabsStore';
import { showBottomTab } from './panelTab';

interface UnfinishedState {
  unfinished: UnfinishedTransfers | null;
  /** Why a server's files could not be restored (by server id), to try again. */
  errors: Readonly<Record<string, ErrorInfo>>;
  /** Servers whose saved site points elsewhere now: Discard, or a quick connection to them. */
  moved: Readonly<Record<string, true>>;
  /** The server being reconnected now. */
  restoring?: string;
  /** A quick connection waiting for its password (Ferry never kept it). */
  askPassword?: UnfinishedServer;
  /** A saved site waiting for the site's usual questions (password, plain FTP). */
  askSite?: UnfinishedServer;
  /** What Discard could not remove yet (a server out of reach, a part file here), to say so. */
  left: UnfinishedLeft | null;
}

export const useUnfinished = create<UnfinishedState>(() => ({
  unfinished: null,
  errors: {},
  moved: {},
  left: null,
}));

/** Asks the core once at start; a list brings the Transfers tab forward. */
export async function loadUnfinished(): Promise<void> {
  const unfinished = await call('transfers.unfinished', {}).catch(() => null);
  useUnfinished.setState({ unfinished });
  if (unfinished && unfinished.files > 0) showBottomTab('Transfers');
}

/** Servers tried since the user chose Restore: each once, the failed ones stay for Try again. */
const tried = new Set<string>();

/**
 * Restores every server still listed, one at a time; a question (a password) stops the round
 * until it is answered, then the round goes on (`fresh` false).
 */
export async function restoreAll(fresh = true): Promise<void> {
  if (fresh) tried.clear();
  for (const server of useUnfinished.getState().unfinished?.servers ?? []) {
    if (tried.has(server.id)) continue;
    tried.add(server.id);
    await restoreServer(server);
    const { askPassword, askSite } = useUnfinished.getState();
    if (askPassword || askSite) return;
  }
}

/** Restores one server's files: connects (asking what must be asked), then queues them. */
export async function restoreServer(server: UnfinishedServer): Promise<void> {
  clearError(server.id);
  if (!server.site) return connectToSaved(server);
  useUnfinished.setState({ restoring: server.id });
  await useSites.getState().load();
  const site = useSites.getState().snapshot?.sites.find((s) => s.id === server.site?.id);
  if (!site) {
    useUnfinished.setState({ restoring: undefined });
    return setError(server, {
      code: 'not_found',
      message: `The saved site “${server.site.name}” is no longer in the site manager.`,
      hint: 'Discard these transfers, or save the site again and choose Restore.',
    });
  }
  const now = { ...site, port: site.port ?? defaultPort(site.protocol) };
  if (addressOf(now) !== addressOf(server)) {
    // The site was edited since (staging to production): its files must not go there.
    useUnfinished.setState((s) => ({
      restoring: undefined,
      moved: { ...s.moved, [server.id]: true },
    }));
    return setError(server, {
      code: 'invalid_input',
      message: `The site “${site.name}” now points to ${addressOf(now)}; these transfers were going to ${addressOf(server)}.`,
      hint: `Discard them, or connect to ${addressOf(server)} with a quick connection.`,
    });
  }
  const session = await useSiteConnect.getState().connect(site);
  useUnfinished.setState({ restoring: undefined });
  if (session) {
    tabActions.adoptSiteSession(session, site.name);
    return queueAgain(server, session.sessionId);
  }
  const { error } = useSiteConnect.getState();
  if (isAsking(useSiteConnect.getState())) {
    useUnfinished.setState({ askSite: server });
    return;
  }
  useSiteConnect.getState().dismissError();
  setError(server, error ?? couldNotConnect(server));
}

/**
 * Connects to the address the files were going to, as a quick connection (its password asked;
 * plain FTP only once the user said they know it is not encrypted).
 */
export function connectToSaved(server: UnfinishedServer): void {
  clearError(server.id);
  // A quick connection goes directly (no jump host): the consent for that route.
  if (
    server.protocol === 'ftp' &&
    !hasPlainFtpConsent(plainFtpRouteKey(server.host, server.port))
  ) {
    return setError(server, {
      code: 'plain_ftp_not_acknowledged',
      message: `${server.host} uses plain FTP, which Ferry asks about before connecting.`,
      hint: 'Connect to it once with the quick connect bar, then choose Restore again.',
    });
  }
  useUnfinished.setState({ askPassword: server });
}

/** Forgets one server's files (and the part files its downloads left). */
export async function discardServer(server: UnfinishedServer): Promise<void> {
  try {
    const left = await call('transfers.discardUnfinished', { serverId: server.id });
    clearError(server.id);
    drop(server.id);
    tellLeft(left);
  } catch (error) {
    setError(server, describeError(error));
  }
}

/** sftp://user@host:port, as the core names a server (and FileZilla an address). */
export function addressOf(
  server: Pick<UnfinishedServer, 'protocol' | 'user' | 'host' | 'port'>,
): string {
  return `${PROTOCOL_INFO[server.protocol].scheme}://${server.user}@${server.host}:${server.port}`;
}

/** The site's questions were answered and it connected: its tab opens, its files queue. */
export async function siteConnected(
  server: UnfinishedServer,
  session: SessionInfo & { siteId: string; initialRemoteDir?: string },
  siteName: string,
): Promise<void> {
  useUnfinished.setState({ askSite: undefined });
  tabActions.adoptSiteSession(session, siteName);
  await queueAgain(server, session.sessionId);
  await goOn();
}

/** A question was answered: the round goes on with the servers not tried yet. */
async function goOn(): Promise<void> {
  await restoreAll(false);
}

/** The password of a quick connection was typed: connect in a tab, then queue its files. */
export async function connectQuick(server: UnfinishedServer, password: string): Promise<void> {
  useUnfinished.setState({ askPassword: undefined, restoring: server.id });
  const { protocol, host, port, user } = server;
  const session = await tabActions.connect({
    protocol,
    host,
    port,
    user,
    password,
    ...(protocol === 'ftp' ? { plainFtpAcknowledged: true } : {}),
  });
  useUnfinished.setState({ restoring: undefined });
  if (!session) {
    const { tabs, activeId } = useTabs.getState();
    setError(server, tabs.find((t) => t.id === activeId)?.error ?? couldNotConnect(server));
  } else await queueAgain(server, session.sessionId);
  await goOn();
}

export function cancelQuestion(): void {
  useUnfinished.setState({ askPassword: undefined, askSite: undefined });
}

/** Forgets the list (and the part files those downloads left, here and on the servers). */
export async function discardAll(): Promise<void> {
  const left = await call('transfers.discardUnfinished', {}).catch(() => null);
  useUnfinished.setState({ unfinished: null, errors: {}, moved: {}, askPassword: undefined });
  if (left) tellLeft(left);
}

/** The user read what Discard left. */
export function dismissLeft(): void {
  useUnfinished.setState({ left: null });
}

/** Adds what a Discard left to what is shown (one server's Discard after another's). */
function tellLeft(left: UnfinishedLeft): void {
  const kept = left.kept ?? [];
  if (left.onServers.length === 0 && left.local.length === 0 && kept.length === 0) return;
  useUnfinished.setState((s) => ({
    left: {
      onServers: [...(s.left?.onServers ?? []), ...left.onServers],
      local: [...(s.left?.local ?? []), ...left.local],
      kept: [...(s.left?.kept ?? []), ...kept],
    },
  }));
}

async function queueAgain(server: UnfinishedServer, sessionId: string): Promise<void> {
  try {
    await call('transfers.restoreUnfinished', { serverId: server.id, sessionId });
    drop(server.id);
    showBottomTab('Transfers');
  } catch (error) {
    setError(server, describeError(error));
  }
}

function drop(serverId: string): void {
  useUnfinished.setState((s) => {
    const servers = s.unfinished?.servers.filter((server) => server.id !== serverId) ?? [];
    const files = servers.reduce((n, server) => n + server.files, 0);
    return { unfinished: servers.length > 0 ? { files, servers } : null };
  });
}

function setError(server: UnfinishedServer, error: ErrorInfo): void {
  useUnfinished.setState((s) => ({ errors: { ...s.errors, [server.id]: error } }));
}

function clearError(serverId: string): void {
  useUnfinished.setState((s) => {
    const { [serverId]: _gone, ...errors } = s.errors;
    const { [serverId]: _moved, ...moved } = s.moved;
    return { errors, moved };
  });
}

function couldNotConnect(server: UnfinishedServer): ErrorInfo {
  return {
    code: 'connection_lost',
    message: `Ferry could not connect to ${server.host}.`,
    hint: 'Check that the server is reachable, then choose Try again.',
  };
}
