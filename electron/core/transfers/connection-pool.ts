import { FerryError } from '../../../shared/errors';
import type { RemoteFs } from '../remote/remote-fs';
import { isSessionFatal } from './retry-policy';
import type { ConnectionSource } from './types';

/** Idle connections are closed after this long: servers drop idle clients anyway. */
const IDLE_MS = 30_000;
/** After a spare connection could not be opened, the pool makes do this long before trying. */
const SPARE_RETRY_MS = 30_000;

/**
 * Jobs one SFTP connection serves at once. An SFTP channel answers many requests in flight,
 * so small files pipeline on it (issue 7: 64 open/write/close in flight ran ~4× faster than
 * one file at a time); more connections would only add handshakes.
 */
export const JOBS_PER_SFTP_CONNECTION = 16;

/**
 * The transfer connections of one remote session. An FTP connection serves one job at a time
 * (basic-ftp allows one command at a time); an SFTP connection serves up to
 * JOBS_PER_SFTP_CONNECTION jobs at once (`shared`), spread over at most the number of
 * connections the caller allows.
 */
export class ConnectionPool {
  private readonly idle: RemoteFs[] = [];
  /** SFTP connections in use and how many jobs each serves. */
  private readonly leases = new Map<RemoteFs, number>();
  private readonly opening = new Set<Promise<unknown>>();
  /** Known once a connection is open: the session's connections can serve several jobs. */
  shared = false;
  private readonly closed = new WeakSet<RemoteFs>();
  private readonly all = new Set<RemoteFs>();
  private fatal: unknown;
  private everConnected = false;
  /** Until one login has worked, logins happen one at a time: a wrong password fails once. */
  private firstLogin: Promise<unknown> | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Jobs waiting for a place on a shared connection. */
  private readonly waiters: (() => void)[] = [];
  /** After a spare connection failed to open, none is tried before this time (epoch ms). */
  private noSpareUntil = 0;

  constructor(
    private readonly source: ConnectionSource,
    private readonly idleMs = IDLE_MS,
  ) {}

  /** The server's own cap on connections (a saved site's limit), if it has one. */
  get maxConnections(): number | undefined {
    return this.source.maxConnections;
  }

  /**
   * A connection for one job. Shared (SFTP) connections: an idle one, else the least busy one
   * with room (opening a spare in the background while fewer than `maxConnections` are open or
   * opening), else the first place that comes free; a new one when there is none at all.
   */
  async acquire(maxConnections = Number.POSITIVE_INFINITY): Promise<RemoteFs> {
    for (;;) {
      this.throwIfUnusable();
      const reused = this.idle.pop();
      if (reused === undefined) break;
      if (!this.closed.has(reused)) return this.lease(reused);
    }
    if (!this.everConnected && this.firstLogin) {
      await this.firstLogin.catch(() => undefined);
      return this.acquire(maxConnections);
    }
    if (this.shared && this.leases.size + this.opening.size > 0) {
      if (this.leases.size + this.opening.size < maxConnections) this.openSpare();
      // A connection with room serves this job now, while the spare opens for the jobs after
      // it: no job waits for a handshake while another connection has room.
      const least = this.leastBusy();
      if (least) return this.lease(least);
      // Every connection is full or still logging in: wait for a place, then look again.
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      return this.acquire(maxConnections);
    }
    const opening = this.source.open();
    this.opening.add(opening);
    if (!this.everConnected) this.firstLogin = opening;
    let fs: RemoteFs;
    try {
      fs = await opening;
    } catch (error) {
      if (isSessionFatal(error)) this.fatal = error;
      throw error;
    } finally {
      this.opening.delete(opening);
      if (this.firstLogin === opening) this.firstLogin = undefined;
      this.wakeAll();
    }
    if (fs.protocol === 'sftp') this.shared = true;
    this.everConnected = true;
    if (this.disposed) {
      await fs.close();
      this.throwIfUnusable();
    }
    this.adopt(fs);
    return this.lease(fs);
  }

  /**
   * Opens one more shared connection for the jobs to come and puts it with the idle ones. One
   * that fails costs nothing (the jobs use the connections there are), but no other is tried
   * for a while: a server that limits connections is not asked again for every file.
   */
  private openSpare(): void {
    if (Date.now() < this.noSpareUntil) return;
    const opening = this.source.open();
    this.opening.add(opening);
    opening.then(
      (fs) => {
        this.opening.delete(opening);
        if (this.disposed) return void fs.close().catch(() => undefined);
        this.adopt(fs);
        this.release(this.lease(fs), true);
        this.wakeAll();
      },
      () => {
        this.opening.delete(opening);
        this.noSpareUntil = Date.now() + SPARE_RETRY_MS;
        this.wakeAll();
      },
    );
  }

  /** Lets every job waiting for a place look again (a connection came, went or failed). */
  private wakeAll(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private adopt(fs: RemoteFs): void {
    this.all.add(fs);
    fs.onClose(() => {
      this.closed.add(fs);
      this.all.delete(fs);
      this.leases.delete(fs);
      this.wakeAll();
    });
  }

  /** Whether `fs` serves other jobs too (then one job's trouble should not close it lightly). */
  isShared(fs: RemoteFs): boolean {
    return (this.leases.get(fs) ?? 0) > 1;
  }

  /** Returns a connection after a job; one that may be mid-transfer or broken is closed instead. */
  release(fs: RemoteFs, reusable: boolean): void {
    const users = (this.leases.get(fs) ?? 1) - 1;
    if (users > 0) this.leases.set(fs, users);
    else this.leases.delete(fs);
    // A place came free (or, below, the connection goes): one waiting job may take it.
    this.waiters.shift()?.();
    if (!reusable || this.disposed || this.closed.has(fs)) {
      void this.discard(fs, !reusable);
      return;
    }
    if (users > 0) return;
    this.idle.push(fs);
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.closeIdle(), this.idleMs);
    this.idleTimer.unref();
  }

  /**
   * Closes a connection at once, aborting whatever it is doing; `abandon` (after a cancel or a
   * failure) drops it without sending what is still queued for the server.
   */
  async discard(fs: RemoteFs, abandon = false): Promise<void> {
    this.all.delete(fs);
    this.leases.delete(fs);
    this.wakeAll();
    await fs.close({ abandon }).catch(() => undefined);
  }

  /** After a refused login or an untrusted server: let the user's retry try again. */
  clearFailure(): void {
    this.fatal = undefined;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    this.idle.length = 0;
    this.wakeAll();
    // Closing a session or quitting: what is still queued for the server is not worth waiting for.
    await Promise.all([...this.all].map((fs) => this.discard(fs, true)));
  }

  private lease(fs: RemoteFs): RemoteFs {
    if (this.shared) this.leases.set(fs, (this.leases.get(fs) ?? 0) + 1);
    return fs;
  }

  private leastBusy(): RemoteFs | undefined {
    let best: RemoteFs | undefined;
    let fewest = JOBS_PER_SFTP_CONNECTION;
    for (const [fs, users] of this.leases) {
      if (users < fewest && !this.closed.has(fs)) {
        best = fs;
        fewest = users;
      }
    }
    return best;
  }

  private closeIdle(): void {
    for (const fs of this.idle.splice(0)) void this.discard(fs);
  }

  private throwIfUnusable(): void {
    if (this.fatal !== undefined) throw this.fatal;
    if (this.disposed) {
      throw new FerryError(
        'session_not_found',
        'The connection to this server was closed.',
        'Connect again, then retry the transfer.',
      );
    }
  }
}
