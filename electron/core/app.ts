/**
 * The composition root: builds every service once and implements the whole contract.
 * Both transports (IPC and the browser edition's WebSocket) serve the handlers built here.
 */
import { join } from 'node:path';
import {
  METHOD_NAMES,
  type EmitEvent,
  type EventPayload,
  type Handlers,
  type MethodName,
} from '../../shared/contract';
import { FerryError } from '../../shared/errors';
import type { SessionInfo } from '../../shared/types';
import { bytesPerSecond } from '../../shared/speed-limit';
import { createEditorHandlers } from './editor/handlers';
import { createLocalHandlers } from './local/local-fs';
import { createMoveHandlers } from './move/handlers';
import { LogHistory } from './log-history';
import { createProbeHandlers } from './probe/handlers';
import { ConnectOutcomes } from './remote/connect-outcomes';
import { JumpTunnel } from './remote/jump/jump-tunnel';
import { remoteHandlers } from './remote/handlers';
import type { RemoteFs } from './remote/remote-fs';
import { withServerTimeOffset } from './remote/server-time';
import { SessionClaims } from './remote/session-claims';
import { SessionManager } from './remote/sessions';
import { createPermissionsHandlers } from './permissions/handlers';
import { PermissionsManager } from './permissions/permissions-manager';
import { createSearchHandlers } from './search/handlers';
import { SearchManager } from './search/search-manager';
import { createKeepUpHandlers } from './keepup/handlers';
import { KeepUpManager } from './keepup/keep-up-manager';
import { createSyncHandlers } from './sync/handlers';
import { SyncManager } from './sync/sync-manager';
import type { SafeStorageLike } from './secrets/secret-store';
import { createSettingsHandlers } from './settings/handlers';
import { ProxyStore } from './settings/proxy-store';
import { SettingsStore } from './settings/settings-store';
import { createSites } from './sites/handlers';
import { createTransferHandlers } from './transfers/handlers';
import { TransferQueue } from './transfers/transfer-queue';
import { UnfinishedTransfers } from './transfers/unfinished';
import { createSessionLog } from './log';
import { createTrustHandlers } from './trust/handlers';
import { LoginBroker } from './remote/login-broker';
import { TrustBroker } from './trust/broker';
import { CertPins } from './trust/cert-pins';
import { KnownHosts } from './trust/known-hosts';

export interface AppOptions {
  edition: 'desktop' | 'browser';
  /** Where Ferry keeps its files (sites, known hosts, pinned certificates, settings). */
  dataDir: string;
  version: string;
  emit: EmitEvent;
  /** Moves files to the OS trash; absent where there is none (browser edition deletes for good). */
  trash?: (paths: string[]) => Promise<void>;
  /** Electron's safeStorage, where the desktop app has it. */
  safeStorage?: SafeStorageLike;
  /** TCP + handshake + login budget for each connection. */
  connectTimeoutMs?: number;
  /** How long a page may be away before the sessions it showed close (default 5 minutes). */
  pageGraceMs?: number;
  /** How long a page must be away before another page may take its sessions (default 10 s). */
  pageAdoptAfterMs?: number;
}

/** The transport's word on pages (browser tabs) connecting and going; see SessionClaims. */
export interface PagePresence {
  opened(pageId: string): void;
  closed(pageId: string): void;
}

export interface FerryApp {
  handlers: Handlers;
  pages: PagePresence;
  dispose(): Promise<void>;
}

/** Marks a contract method this build does not implement, so a test can list them. */
export const NOT_BUILT = Symbol('not built');

function notYetBuilt(name: MethodName) {
  const handler = async (): Promise<never> => {
    throw new FerryError('internal', `"${name}" is not available in this build of Ferry yet.`);
  };
  return Object.assign(handler, { [NOT_BUILT]: true });
}

export function createApp(options: AppOptions): FerryApp {
  // Every log line is kept (bounded, redacted already) on its way out: a reloaded page asks for it.
  const logHistory = new LogHistory();
  const emit = logHistory.tap(options.emit);
  const broker = new TrustBroker(emit);
  const loginQuestions = new LoginBroker(emit);
  const knownHosts = new KnownHosts(join(options.dataDir, 'known-hosts.json'));
  const certPins = new CertPins(join(options.dataDir, 'pinned-certificates.json'));
  const sessions = new SessionManager({
    // A closed session (disconnected, or dropped) takes its transfer connections with it.
    emit: (name, payload) => {
      if (name === 'session.closed') {
        const { sessionId } = payload as EventPayload<'session.closed'>;
        claims.forget(sessionId);
        searches.closeSession(sessionId);
        permissionChanges.closeSession(sessionId);
        syncs.closeSession(sessionId);
        keepers.closeSession(sessionId);
        void queue.closeSession(sessionId);
      }
      emit(name, payload);
    },
    broker,
    knownHosts,
    certPins,
    timeoutMs: options.connectTimeoutMs ?? 15_000,
    // Connections that name no proxy of their own (quick connections, sites that use the app's).
    defaultProxy: () => proxies.forConnection(),
    loginQuestions,
  });

  const sites = createSites({
    dataDir: options.dataDir,
    emit,
    edition: options.edition,
    ...(options.safeStorage ? { safeStorage: options.safeStorage } : {}),
    connect: (params, options) => sessions.connect(params, options),
    disconnect: (sessionId) => sessions.disconnect(sessionId),
    sessions: {
      info: (sessionId) => sessions.info(sessionId),
      adoptSite: (sessionId, site, offset) => sessions.adoptSite(sessionId, site, offset),
      siteTimeOffsetChanged: (siteId, offset) => sessions.siteTimeOffsetChanged(siteId, offset),
    },
  });
  const proxies = new ProxyStore(options.dataDir, sites.secrets);
  const claims = new SessionClaims({
    openSessions: () => sessions.list().map((s) => s.sessionId),
    close: (sessionId) => sessions.disconnect(sessionId),
    // A paused transfer is 'queued' (pause puts running files back in the queue): it keeps its
    // session, so the user can resume it later.
    isBusy: (sessionId) =>
      queue
        .list()
        .some(
          (job) =>
            job.sessionId === sessionId && (job.state === 'queued' || job.state === 'active'),
        ),
    graceMs: options.pageGraceMs ?? 5 * 60_000,
    adoptAfterMs: options.pageAdoptAfterMs ?? 10_000,
  });
  const remote = remoteHandlers(sessions, broker, claims);
  // Searches list folders on a connection of their own (the browsing one stays free).
  // A search's times (its results, its date range) move by the site's offset, as the pane's do.
  const timed = (sessionId: string, fs: RemoteFs) =>
    withServerTimeOffset(fs, () => sessions.serverTimeOffset(sessionId));
  const searches = new SearchManager({
    emit,
    open: async (sessionId) => timed(sessionId, await sessions.openConnection(sessionId)),
    browsing: (sessionId) => timed(sessionId, sessions.get(sessionId)),
    // A reload takes a second or two; a page away longer than that is gone.
    pageAwayMs: options.pageAdoptAfterMs ?? 10_000,
  });
  // So do recursive permission changes.
  const permissionChanges = new PermissionsManager({
    emit,
    open: (sessionId) => sessions.openConnection(sessionId),
    browsing: (sessionId) => sessions.get(sessionId),
  });

  const settings = new SettingsStore(options.dataDir);
  const localHandlers = createLocalHandlers(
    options.trash ? { deleteMode: 'trash', trash: options.trash } : { deleteMode: 'permanent' },
  );
  // Synchronizations compare with the listed times and the site's offset, as Compare does.
  const syncs = new SyncManager({
    emit,
    open: (sessionId) => sessions.openConnection(sessionId),
    browsing: (sessionId) => sessions.get(sessionId),
    serverTimeOffset: (sessionId) => sessions.serverTimeOffset(sessionId),
    excludedNames: async () => (await settings.get()).excludedNames,
    enqueue: (request) => queue.enqueue(request),
    deleteLocal: (paths) => localHandlers['local.delete']({ paths }),
  });
  // Keeping a server folder up to date sends its files through the queue, as any upload.
  const keepers = new KeepUpManager({
    emit,
    browsing: (sessionId) => sessions.get(sessionId),
    excludedNames: async () => (await settings.get()).excludedNames,
    enqueue: (request) => queue.enqueue(request),
    job: (id) => {
      const job = queue.job(id);
      if (!job) return undefined;
      const { state, attempts, finishedAt } = job.row;
      const facts = job.type === 'file' ? job.sourceFacts : undefined;
      return {
        state,
        attempts,
        ...(finishedAt !== undefined ? { finishedAt } : {}),
        ...(facts ? { sourceFacts: facts } : {}),
      };
    },
    cancel: (id) => queue.cancel(id),
    log: (text) => appLog.write('error', text),
    // A reload takes a second or two; a page away longer than that is gone.
    pageAwayMs: options.pageAdoptAfterMs ?? 10_000,
  });
  // The queue's row events also tell the kept list of unfinished transfers what changed.
  const queueEmit: typeof emit = (name, payload) => {
    if (name === 'transfer.updated') {
      unfinished.rowsUpdated((payload as EventPayload<'transfer.updated'>).jobs);
    } else if (name === 'transfer.removed') {
      unfinished.rowsRemoved((payload as EventPayload<'transfer.removed'>).jobIds);
    }
    emit(name, payload);
  };
  const queue = new TransferQueue({
    emit: queueEmit,
    // After a Reconnect, Retry moves the failed transfers of the closed session to the new one.
    successor: (sessionId) => sessions.successorOf(sessionId),
    // Transfers get connections of their own; the browsing connection stays free.
    connections: (sessionId) => {
      // Throws session_not_found for a closed session.
      const maxConnections = sessions.transferConnections(sessionId);
      // Times to and from the server move by its site's "Adjust server time", as they are shown.
      const open = async () => timed(sessionId, await sessions.openConnection(sessionId));
      return maxConnections === undefined ? { open } : { open, maxConnections };
    },
  });
  const applySettings = (s: Awaited<ReturnType<SettingsStore['get']>>) =>
    queue.configure({
      parallelTransfers: s.parallelTransfers,
      retries: s.retries,
      defaultConflictAction: s.defaultConflictAction,
      downloadBytesPerSecond: s.downloadLimit && bytesPerSecond(s.downloadLimit),
      uploadBytesPerSecond: s.uploadLimit && bytesPerSecond(s.uploadLimit),
      excludedNames: s.excludedNames,
    });
  const appLog = createSessionLog(emit);
  // The unfinished transfers are kept in the data folder when Ferry closes and offered at the
  // next start (the `ferry` command, a one-shot run, does not use the app).
  const unfinished = new UnfinishedTransfers(queue, {
    dataDir: options.dataDir,
    log: (level, text) => appLog.write(level, text),
    // Discarded uploads' temporary files are deleted through a session to their server.
    openConnection: (sessionId) => sessions.openConnection(sessionId),
  });
  void settings.get().then(applySettings, () => undefined);
  settings.onChange(applySettings);

  /** Writes nobody awaits (the recent list): dispose waits for them, so none outlives the app. */
  const background = new Set<Promise<void>>();
  const inBackground = (work: Promise<void>) => {
    const settled: Promise<void> = work
      .catch(() => undefined)
      .finally(() => background.delete(settled));
    background.add(settled);
  };

  /**
   * A connect made from a page is that page's at once, and announced: a page that reloaded while
   * the connect still waited for the user (a host key, a one-time code) finds it without a reply.
   */
  const openedFor = (pageId: string | undefined, sessionId: string): void => {
    if (pageId !== undefined) claims.claim(pageId, sessionId);
    emit('session.opened', { sessionId });
  };
  // How each page's connects ended, for a page that reloaded before their replies came.
  const outcomes = new ConnectOutcomes();
  const announceFailure = (connectId: string) => emit('session.failed', { connectId });

  const built: Partial<Handlers> = {
    'app.info': async () => ({
      edition: options.edition,
      version: options.version,
      platform: process.platform,
      deleteMode: options.trash ? 'trash' : 'permanent',
    }),
    'log.detail': async ({ transferCommands }) => {
      if (transferCommands !== undefined) sessions.transferLog.showAll = transferCommands;
      return { transferCommands: sessions.transferLog.showAll };
    },
    'log.recent': async ({ after }) => logHistory.recent(after),
    'login.answer': async ({ questionId, answers }) => loginQuestions.answer(questionId, answers),
    'login.open': async () => loginQuestions.open(),
    ...localHandlers,
    ...remote,
    // Quick connections that work go to the site manager's "Recent" list (not awaited: the
    // session is usable at once; dispose waits for the write).
    'remote.connect': async ({ pageId, connectId, ...params }) => {
      const connect = async () => {
        const opened = await remote['remote.connect'](params);
        openedFor(pageId, opened.sessionId);
        return opened;
      };
      const session = await outcomes.track(pageId, connectId, connect, announceFailure);
      unfinished.remember(session.sessionId, serverOf(session));
      inBackground(sites.recordRecent(params));
      return session;
    },
    'remote.connectOutcomes': async ({ pageId, connectIds }) => outcomes.take(pageId, connectIds),
    ...sites.handlers,
    'sites.connect': async ({ pageId, connectId, ...input }) => {
      const connect = async () => {
        const opened = await sites.handlers['sites.connect'](input);
        openedFor(pageId, opened.sessionId);
        return opened;
      };
      const session = await outcomes.track(pageId, connectId, connect, announceFailure);
      const site = { id: session.siteId, name: session.host };
      unfinished.remember(session.sessionId, { ...serverOf(session), site });
      // The site's name, for the notice at the next start (the session does not carry it).
      inBackground(
        sites.handlers['sites.list']({}).then(({ sites: all }) => {
          site.name = all.find((s) => s.id === site.id)?.name ?? site.name;
        }),
      );
      return session;
    },
    ...createEditorHandlers(sessions),
    ...createMoveHandlers(sessions, emit),
    ...createTransferHandlers({ queue }),
    ...createSearchHandlers(searches),
    ...createPermissionsHandlers(permissionChanges),
    ...createSyncHandlers(syncs),
    ...createKeepUpHandlers(keepers, (pageId, sessionId) => claims.shows(pageId, sessionId)),
    ...unfinished.handlers,
    ...createSettingsHandlers({ store: settings, emit }),
    'proxy.get': async () => ({ proxy: await proxies.get() }),
    'proxy.set': async ({ proxy, password }) => ({ proxy: await proxies.set(proxy, password) }),
    ...createTrustHandlers({ knownHosts, certPins }),
    ...createProbeHandlers({
      emit,
      knownHost: (host, port, type, fingerprint) =>
        knownHosts.lookup(host, port, type, fingerprint),
      isPinned: (host, port, fingerprint) => certPins.isPinned(host, port, fingerprint),
      proxy: () => proxies.forConnection(),
      siteRoute: (siteId) => sites.route(siteId),
      // The jump host's key is checked as a connection's would be (asked about if unknown).
      openTunnel: (jump, proxy, server) =>
        new JumpTunnel(
          jump,
          proxy,
          {
            trust: sessions.trust,
            log: appLog,
            timeoutMs: options.connectTimeoutMs ?? 15_000,
            askLogin: loginQuestions,
          },
          server,
        ),
    }),
  };

  const handlers = Object.fromEntries(
    METHOD_NAMES.map((name) => [name, built[name] ?? notYetBuilt(name)]),
  ) as Handlers;

  return {
    handlers,
    pages: {
      opened: (pageId) => {
        claims.pageOpened(pageId);
        searches.pageBack(pageId);
        keepers.pageBack(pageId);
      },
      closed: (pageId) => {
        // A reload's new socket may open before the old one closes: the page is still here.
        if (!claims.pageClosed(pageId)) return;
        searches.closePage(pageId);
        permissionChanges.closePage(pageId);
        syncs.closePage(pageId);
        keepers.closePage(pageId);
      },
    },
    dispose: async () => {
      claims.dispose();
      await searches.dispose();
      await permissionChanges.dispose();
      await syncs.dispose();
      keepers.dispose();
      await unfinished.close().catch(() => undefined);
      await queue.dispose().catch(() => undefined);
      await Promise.allSettled(sessions.list().map((s) => sessions.disconnect(s.sessionId)));
      await Promise.all([...background]);
    },
  };
}

function serverOf(session: SessionInfo) {
  const { protocol, host, port, user, jump } = session;
  return { protocol, host, port, user, ...(jump === undefined ? {} : { jump }) };
}
