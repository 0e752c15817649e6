import { randomUUID } from 'node:crypto';
import type { EmitEvent } from '../../../shared/contract';
import type { OpenSession } from '../../../shared/contract/remote';
import { FerryError } from '../../../shared/errors';
import { describeJumpHost } from '../../../shared/jump-host';
import { describeProxy, type ProxySettings } from '../../../shared/proxy';
import type { ConnectionParams, SessionInfo } from '../../../shared/types';
import { createSessionLog, createTransferSessionLog, type SessionLog } from '../log';
import { TransferLogFilter } from '../log-transfer-filter';
import type { TrustBroker } from '../trust/broker';
import type { CertPins } from '../trust/cert-pins';
import type { KnownHosts } from '../trust/known-hosts';
import type { ConnectDeps, LoginAsker, TrustDecider } from './connect-deps';
import { connectFtp, type FtpOptions } from './ftp';
import { jumpLost } from './jump/jump-errors';
import { JumpTunnel } from './jump/jump-tunnel';
import { throughJump } from './jump/through-jump';
import { refusedSinceLogin } from './net-errors';
import type { RemoteFs } from './remote-fs';
import { SessionSuccessors } from './session-successors';
import { BrokerTrust, recordingTrust, sessionTrust, type AcceptedIdentity } from './sessions-trust';
import { connectSftp } from './sftp';

export interface SessionManagerOptions {
  emit: EmitEvent;
  broker: TrustBroker;
  knownHosts: KnownHosts;
  certPins: CertPins;
  /** ms for TCP + handshake + login of each connection. */
  timeoutMs: number;
  /** Passed to every FTP/FTPS connection (e.g. a test CA). */
  ftpOptions?: FtpOptions;
  /** The app's proxy (Settings), for connections that name none of their own; none: direct. */
  defaultProxy?: () => Promise<ProxySettings | undefined>;
  /** Puts an SSH server's login questions (a one-time code) to the user; absent: none asked. */
  loginQuestions?: LoginAsker;
}

/** How a session's transfers behave, e.g. from the saved site it was opened from. */
export interface SessionOptions {
  /** The most transfer connections to open to this server at once (a site's limit). */
  transferConnections?: number;
  /** The saved site it was opened from: a page that reloads titles its tab with the name. */
  site?: { id: string; name: string };
  /** The site's "Adjust server time", in minutes (see server-time.ts); absent: 0. */
  serverTimeOffsetMinutes?: number;
}

interface Session {
  info: SessionInfo;
  fs: RemoteFs;
  params: ConnectionParams;
  accepted: AcceptedIdentity;
  options: SessionOptions;
  /** Its SSH jump host connection, shared by all its connections; closed with it. */
  tunnel?: JumpTunnel;
  /** The folder its pane last listed: a page that reloads shows it again. */
  folder?: string;
}

/**
 * The open connections the user sees as "sessions". Each is one RemoteFs plus what it took to
 * open it, so the transfer queue can open more connections to the same server without asking
 * the user again.
 */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly successors = new SessionSuccessors();
  /** The app's trust policy (saved keys, pins, questions through the broker). */
  readonly trust: TrustDecider;
  /** What the transfer connections' logs hold back (the Log panel can ask for everything). */
  readonly transferLog: TransferLogFilter;

  constructor(private readonly options: SessionManagerOptions) {
    this.trust = new BrokerTrust(options.knownHosts, options.certPins, options.broker);
    this.transferLog = new TransferLogFilter(options.emit);
  }

  async connect(asked: ConnectionParams, options: SessionOptions = {}): Promise<SessionInfo> {
    refuseUnacknowledgedPlainFtp(asked);
    // Decided once: the session's transfer connections go the same way, whatever changes later.
    const params: ConnectionParams = {
      ...asked,
      proxy:
        asked.proxy === undefined ? ((await this.options.defaultProxy?.()) ?? null) : asked.proxy,
    };
    const sessionId = randomUUID();
    const accepted: AcceptedIdentity = {};
    const tunnel = await this.openTunnel(params, sessionId);
    let fs: RemoteFs;
    try {
      fs = await this.open(params, recordingTrust(this.trust, accepted), sessionId, tunnel);
    } catch (error) {
      tunnel?.close();
      throw error;
    }
    const info: SessionInfo = {
      sessionId,
      protocol: params.protocol,
      host: params.host,
      port: params.port,
      user: params.user,
      home: await fs.home(),
    };
    if (fs.serverBanner) info.serverBanner = fs.serverBanner;
    if (params.proxy) info.proxy = describeProxy(params.proxy);
    if (params.jump) info.jump = describeJumpHost(params.jump);
    this.sessions.set(sessionId, {
      info,
      fs,
      params,
      accepted,
      options,
      ...(tunnel ? { tunnel } : {}),
    });
    fs.onClose((reason) => {
      // Read before closing it: the jump connection dropped by itself, and took this with it.
      const lost = tunnel?.lost;
      tunnel?.close();
      // Still listed means nobody asked for this: the connection dropped.
      if (!this.sessions.delete(sessionId)) return;
      this.successors.ended(
        info,
        lost ? jumpLost(params.jump!, lost, 'session_not_found') : droppedSession(reason),
      );
      this.options.emit(
        'session.closed',
        lost
          ? { sessionId, reason: lost.message, ...(lost.hint ? { hint: lost.hint } : {}) }
          : reason === undefined
            ? { sessionId }
            : { sessionId, reason },
      );
    });
    return info;
  }

  /** The session's connection; throws session_not_found for an unknown or closed session. */
  get(sessionId: string): RemoteFs {
    return this.session(sessionId).fs;
  }

  info(sessionId: string): SessionInfo {
    return this.session(sessionId).info;
  }

  /** The session's own cap on transfer connections; undefined: the app's setting applies. */
  transferConnections(sessionId: string): number | undefined {
    return this.session(sessionId).options.transferConnections;
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => s.info);
  }

  /**
   * A quick connection the user saved as a site: the session belongs to that site from now on
   * (a reloaded page titles its tab with it). A session opened from a site keeps its own.
   */
  adoptSite(
    sessionId: string,
    site: { id: string; name: string },
    serverTimeOffsetMinutes: number,
  ): void {
    const { options } = this.session(sessionId);
    if (options.site) return;
    options.site = { ...site };
    options.serverTimeOffsetMinutes = serverTimeOffsetMinutes;
  }

  /** The "Adjust server time" of the session's site (0 for none, or a session that ended). */
  serverTimeOffset(sessionId: string): number {
    return this.sessions.get(sessionId)?.options.serverTimeOffsetMinutes ?? 0;
  }

  /** A site's offset was changed: its open sessions' next transfers use the new one. */
  siteTimeOffsetChanged(siteId: string, serverTimeOffsetMinutes: number): void {
    for (const session of this.sessions.values()) {
      if (session.options.site?.id === siteId) {
        session.options.serverTimeOffsetMinutes = serverTimeOffsetMinutes;
      }
    }
  }

  /** The session with what a reloaded page needs to show its tab again. */
  describe(sessionId: string): OpenSession {
    const { info, folder, options } = this.session(sessionId);
    const open: OpenSession = { ...info };
    if (folder !== undefined) open.folder = folder;
    if (options.site) open.site = { ...options.site };
    return open;
  }

  /**
   * For a closed session: the newest open session to the same server as the same user (its
   * failed transfers may retry there); undefined while it is open, or when none is.
   */
  successorOf(sessionId: string): string | undefined {
    if (this.sessions.has(sessionId)) return undefined;
    return this.successors.successorOf(sessionId, this.list());
  }

  /** Remembers the folder the session's pane shows (it lists only the folder it shows). */
  noteFolder(sessionId: string, folder: string): void {
    const session = this.sessions.get(sessionId);
    if (session) session.folder = folder;
  }

  /**
   * Another connection to the session's server with the same login, for parallel transfers.
   * The server identity accepted for the session (even "trust once") is accepted again silently.
   * When the session's login needed the user (a one-time code), a channel of its connection
   * instead: a new login would ask them again. The caller owns the connection and closes it.
   */
  async openConnection(sessionId: string): Promise<RemoteFs> {
    const { params, accepted, fs: sessionFs, tunnel } = this.session(sessionId);
    // Its login needed the user (a one-time code): a channel of it, not a login asking again.
    if (sessionFs.openChannel) return sessionFs.openChannel();
    // Its per-file commands are summarised in the log once it is in (the user can ask for all).
    const log = createTransferSessionLog(this.options.emit, sessionId, this.transferLog);
    const fs = await this.open(
      params,
      sessionTrust(this.trust, accepted),
      sessionId,
      tunnel,
      log,
    ).catch((error: unknown) => {
      throw refusedSinceLogin(error);
    });
    log.loggedIn();
    return fs;
  }

  async disconnect(sessionId: string): Promise<void> {
    const session = this.session(sessionId);
    this.sessions.delete(sessionId);
    this.successors.ended(session.info);
    try {
      await session.fs.close();
    } finally {
      session.tunnel?.close();
      // Gone from the list either way: the page must hear of it even if the goodbye failed.
      this.options.emit('session.closed', { sessionId });
    }
  }

  async disconnectAll(): Promise<void> {
    await Promise.allSettled([...this.sessions.keys()].map((id) => this.disconnect(id)));
  }

  /**
   * Logs in to the session's jump host first, if it has one: its trust question and login come
   * before the server's, and every connection of the session then goes through it.
   */
  private async openTunnel(
    params: ConnectionParams,
    sessionId: string,
  ): Promise<JumpTunnel | undefined> {
    if (!params.jump) return undefined;
    const tunnel = new JumpTunnel(
      params.jump,
      params.proxy,
      {
        trust: this.trust,
        log: createSessionLog(this.options.emit, sessionId),
        timeoutMs: this.options.timeoutMs,
        ...(this.options.loginQuestions ? { askLogin: this.options.loginQuestions } : {}),
      },
      `${params.host}:${params.port}`,
    );
    await tunnel.open();
    return tunnel;
  }

  private open(
    params: ConnectionParams,
    trust: TrustDecider,
    sessionId: string,
    tunnel: JumpTunnel | undefined,
    log: SessionLog = createSessionLog(this.options.emit, sessionId),
  ): Promise<RemoteFs> {
    const deps: ConnectDeps = {
      trust,
      log,
      timeoutMs: this.options.timeoutMs,
      ...(this.options.loginQuestions ? { askLogin: this.options.loginQuestions } : {}),
      ...(tunnel ? { tunnel } : {}),
    };
    const opening =
      params.protocol === 'sftp'
        ? connectSftp(params, deps)
        : connectFtp(params, deps, this.options.ftpOptions);
    // Through a jump host, its loss is said as the jump host's (not the server's) everywhere.
    if (!tunnel) return opening;
    return opening.then(
      (fs) => throughJump(fs, tunnel),
      (error: unknown) => {
        throw tunnel.explain(error);
      },
    );
  }

  private session(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) {
      // A session that ended with its jump host says so, e.g. to its transfers' next attempt.
      const why = this.successors.whyEnded(sessionId);
      if (why) throw why;
      throw new FerryError(
        'session_not_found',
        'That connection is no longer open.',
        'Connect to the server again.',
      );
    }
    return session;
  }
}

/**
 * What a dropped session's later lookups (a transfer's next attempt) say: why it ended and what
 * to do, as its tab does — not that some connection is "no longer open".
 */
function droppedSession(reason: string | undefined): FerryError {
  return new FerryError(
    'session_not_found',
    reason ?? 'The server closed the connection.',
    'Press Reconnect in the server’s tab once it answers again, then Retry the transfers that stopped.',
  );
}

function refuseUnacknowledgedPlainFtp(params: ConnectionParams): void {
  if (params.protocol === 'ftp' && params.plainFtpAcknowledged !== true) {
    throw new FerryError(
      'plain_ftp_not_acknowledged',
      'Plain FTP sends everything in clear text — your password and your files — readable by anyone on the way to the server.',
      'Choose SFTP or FTPS if the server offers them. To use plain FTP anyway, confirm that you accept the risk.',
    );
  }
}
