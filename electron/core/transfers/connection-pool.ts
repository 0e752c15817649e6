import { FerryError } from '../../../shared/errors';
import type { RemoteFs } from '../remote/remote-fs';
import { isSessionFatal } from './retry-policy';
import type { ConnectionSource } from './types';

/** Idle connections are closed after this long: servers drop idle clients anyway. */
const IDLE_MS = 30_000;

/**
 * The transfer connections of one remote session. One connection serves one job at a time
 * (basic-ftp allows one command at a time; a cancelled SFTP transfer ends its connection).
 */
export class ConnectionPool {
  private readonly idle: RemoteFs[] = [];
  private readonly closed = new WeakSet<RemoteFs>();
  private readonly all = new Set<RemoteFs>();
  private fatal: unknown;
  private everConnected = false;
  /** Until one login has worked, logins happen one at a time: a wrong password fails once. */
  private firstLogin: Promise<unknown> | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly source: ConnectionSource,
    private readonly idleMs = IDLE_MS,
  ) {}

  async acquire(): Promise<RemoteFs> {
    for (;;) {
      this.throwIfUnusable();
      const reused = this.idle.pop();
      if (reused === undefined) break;
      if (!this.closed.has(reused)) return reused;
    }
    if (!this.everConnected && this.firstLogin) {
      await this.firstLogin.catch(() => undefined);
      return this.acquire();
    }
    const opening = this.source.open();
    if (!this.everConnected) this.firstLogin = opening;
    let fs: RemoteFs;
    try {
      fs = await opening;
    } catch (error) {
      if (isSessionFatal(error)) this.fatal = error;
      throw error;
    } finally {
      if (this.firstLogin === opening) this.firstLogin = undefined;
    }
    this.everConnected = true;
    if (this.disposed) {
      await fs.close();
      this.throwIfUnusable();
    }
    this.all.add(fs);
    fs.onClose(() => {
      this.closed.add(fs);
      this.all.delete(fs);
    });
    return fs;
  }

  /** Returns a connection after a job; one that may be mid-transfer or broken is closed instead. */
  release(fs: RemoteFs, reusable: boolean): void {
    if (!reusable || this.disposed || this.closed.has(fs)) {
      void this.discard(fs);
      return;
    }
    this.idle.push(fs);
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.closeIdle(), this.idleMs);
    this.idleTimer.unref();
  }

  /** Closes a connection at once, aborting whatever it is doing. */
  async discard(fs: RemoteFs): Promise<void> {
    this.all.delete(fs);
    await fs.close().catch(() => undefined);
  }

  /** After a refused login or an untrusted server: let the user's retry try again. */
  clearFailure(): void {
    this.fatal = undefined;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    this.idle.length = 0;
    await Promise.all([...this.all].map((fs) => this.discard(fs)));
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
