/**
 * One FTP control connection shared by every call of a session. basic-ftp runs one command at a
 * time (a second concurrent call closes the client), so calls queue here; idle sessions send
 * NOOP now and then; a connection the server closed while idle is reopened once, transparently.
 */
import { type Client, FTPError } from 'basic-ftp';
import { FerryError } from '../../../shared/errors';
import type { SessionLog } from '../log';
import type { OpenedFtp } from './ftp-connect';
import { DataChannelGuard } from './ftp-data-guard';
import { type Target, sessionClosed, toFerryError } from './ftp-errors';
import { withoutTaskStacks } from './ftp-task-stacks';
import { CreatedModes } from './ftp-upload-mode';

export interface CallContext {
  client: Client;
  guard: DataChannelGuard;
  features: Map<string, string>;
  target: Target;
  /** What mode new files get on this server, per folder (ftp-upload-mode.ts). */
  createdModes: CreatedModes;
}

export interface CallOptions {
  /** Safe to run again on a fresh connection if the old one dropped mid-call. */
  retry: boolean;
}

export class FtpSession {
  private opened: OpenedFtp;
  private guard: DataChannelGuard;
  private queue: Promise<unknown> = Promise.resolve();
  private closedReason: string | undefined;
  private readonly closeListeners: ((reason?: string) => void)[] = [];
  private busy = false;
  private lastActivity = Date.now();
  private readonly keepalive: NodeJS.Timeout | undefined;
  private readonly createdModes = new CreatedModes();

  constructor(
    opened: OpenedFtp,
    private readonly reopen: () => Promise<OpenedFtp>,
    readonly target: Target,
    private readonly log: SessionLog,
    keepaliveMs: number,
  ) {
    this.opened = opened;
    this.guard = this.adopt(opened);
    if (keepaliveMs > 0) {
      this.keepalive = setInterval(() => this.keepAlive(keepaliveMs), keepaliveMs);
      this.keepalive.unref();
    }
  }

  get greeting(): string {
    return this.opened.greeting;
  }

  get home(): string {
    return this.opened.home;
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  /** Runs `call` when every earlier call of this session has finished. */
  run<T>(
    what: string,
    call: (context: CallContext) => Promise<T>,
    options: CallOptions,
  ): Promise<T> {
    const turn = this.queue.then(() => this.execute(what, call, options));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  onClose(listener: (reason?: string) => void): void {
    if (this.closedReason !== undefined) listener(this.closedReason);
    else this.closeListeners.push(listener);
  }

  /** Closes the connection now; a call in flight fails with `cancelled`. */
  async close(reason = 'You disconnected.'): Promise<void> {
    if (this.closedReason !== undefined) return;
    this.end(reason);
    this.opened.client.close();
    await this.queue;
  }

  private async execute<T>(
    what: string,
    call: (context: CallContext) => Promise<T>,
    options: CallOptions,
  ): Promise<T> {
    if (this.closedReason !== undefined) throw sessionClosed();
    this.busy = true;
    try {
      if (this.opened.client.closed) await this.reconnect('the server had closed the connection');
      try {
        return await call(this.context());
      } catch (error) {
        if (!options.retry || !this.dropped(error)) throw error;
        await this.reconnect('the connection dropped');
        return await call(this.context());
      }
    } catch (error) {
      if (this.closedReason !== undefined && !(error instanceof FerryError)) {
        throw new FerryError(
          'cancelled',
          `Stopped: the connection was closed while trying to ${what}.`,
        );
      }
      throw toFerryError(error, this.target, what, this.opened.client.closed);
    } finally {
      this.busy = false;
      this.lastActivity = Date.now();
    }
  }

  /** True when the call failed because the connection went away, not because of its answer. */
  private dropped(error: unknown): boolean {
    if (this.closedReason !== undefined || !this.opened.client.closed) return false;
    if (error instanceof FerryError) return false;
    return !(error instanceof FTPError) || error.code === 421;
  }

  private async reconnect(why: string): Promise<void> {
    this.log.write('info', `Reconnecting: ${why}.`);
    this.opened.client.close();
    try {
      const opened = await this.reopen();
      if (this.closedReason !== undefined) {
        opened.client.close();
        throw sessionClosed();
      }
      this.opened = opened;
      this.guard = this.adopt(opened);
    } catch (error) {
      const failure = toFerryError(error, this.target, 'reconnect', true);
      this.end(`The connection was lost and could not be reopened: ${failure.message}`);
      throw failure;
    }
  }

  private adopt(opened: OpenedFtp): DataChannelGuard {
    const guard = new DataChannelGuard(opened.fingerprint256, opened.route);
    guard.install(opened.client);
    withoutTaskStacks(opened.client);
    return guard;
  }

  private context(): CallContext {
    return {
      client: this.opened.client,
      guard: this.guard,
      features: this.opened.features,
      target: this.target,
      createdModes: this.createdModes,
    };
  }

  private keepAlive(intervalMs: number): void {
    const idle = Date.now() - this.lastActivity >= intervalMs;
    if (this.busy || !idle || this.closedReason !== undefined || this.opened.client.closed) return;
    // A failed NOOP leaves the client closed; the next real call reconnects.
    this.run('keep the connection alive', ({ client }) => client.send('NOOP'), {
      retry: false,
    }).catch(() => undefined);
  }

  private end(reason: string): void {
    this.closedReason = reason;
    if (this.keepalive) clearInterval(this.keepalive);
    for (const listener of this.closeListeners.splice(0)) listener(reason);
  }
}
