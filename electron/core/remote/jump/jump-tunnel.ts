/**
 * A session's SSH jump host: one SSH login to it, made when the session connects and shared by
 * every connection of the session (its transfers, FTP's data connections), each a channel
 * (`direct-tcpip`, as `ssh -J`) to the server from there. Its host key is checked like any SSH
 * server's, under its own address; a key accepted once for this session is accepted again if
 * the jump connection must be made anew. Closed with the session.
 */
import type { Socket } from 'node:net';
import type { Client, ClientChannel } from 'ssh2';
import { FerryError } from '../../../../shared/errors';
import { describeJumpHost, type JumpHostSettings } from '../../../../shared/jump-host';
import type { ProxySettings } from '../../../../shared/proxy';
import type { ConnectionParams } from '../../../../shared/types';
import type { ConnectDeps } from '../connect-deps';
import { logProxy } from '../proxy/proxy-log';
import type { DialOptions } from '../proxy/dial';
import { type Dialer, proxyDialer } from '../route';
import { type AcceptedIdentity, recordingTrust, sessionTrust } from '../sessions-trust';
import { sshLogin } from '../ssh-login';
import { forwardError, forwardTimedOut, jumpClosed, jumpLoginError, jumpLost } from './jump-errors';
import { socketOver } from './socket-over';

interface Target {
  host: string;
  port: number;
}

/** Failures that, once the jump connection is lost, are its loss seen from the server's side. */
const LOSS_SEEN_AS = new Set([
  'connection_lost',
  'timeout',
  'session_not_found',
  'connection_refused',
]);

/** What the tunnel needs from its session: `trust` is the app's (or the CLI's) decider. */
export type JumpTunnelDeps = Omit<ConnectDeps, 'tunnel'>;

export class JumpTunnel implements Dialer {
  private login: Promise<Client> | undefined;
  private closed = false;
  /** Set when the jump connection dropped by itself, until a new login to it succeeds. */
  private lostError: FerryError | undefined;
  private readonly accepted: AcceptedIdentity = {};

  /**
   * @param proxy the proxy the jump connection itself goes through (none: direct).
   * @param server where the session goes from there ("host:port"), named in the key question.
   */
  constructor(
    private readonly jump: JumpHostSettings,
    private readonly proxy: ProxySettings | null | undefined,
    private readonly deps: JumpTunnelDeps,
    private readonly server?: string,
  ) {
    deps.log.addSecret(jump.password);
    deps.log.addSecret(jump.passphrase);
  }

  /** Logs in to the jump host, once (again only after its connection dropped). */
  open(): Promise<Client> {
    if (this.closed) return Promise.reject(jumpClosed(this.jump));
    if (!this.login) {
      const login = this.logIn();
      this.login = login;
      const forget = (): void => {
        if (this.login === login) this.login = undefined;
      };
      login.then((client) => client.once('close', forget), forget);
    }
    return this.login;
  }

  async dial(target: Target, options: DialOptions = {}): Promise<Socket> {
    const client = await this.open();
    const channel = await this.forward(client, target, options);
    return socketOver(channel);
  }

  /** Why the jump connection is gone, when it dropped by itself (not closed by its session). */
  get lost(): FerryError | undefined {
    return this.lostError;
  }

  /**
   * A connection's failure through this tunnel, said as the jump host's once the jump connection
   * was lost: the server's side only sees its connection end. Other failures stay as they are.
   */
  explain(error: unknown): unknown {
    if (!this.lostError) return error;
    if (error instanceof FerryError && !LOSS_SEEN_AS.has(error.code)) return error;
    const code =
      error instanceof FerryError && error.code === 'session_not_found'
        ? 'session_not_found'
        : 'connection_lost';
    return code === this.lostError.code ? this.lostError : jumpLost(this.jump, error, code);
  }

  timedOut(target: Target): FerryError {
    return forwardTimedOut(this.jump, target);
  }

  /** Ends the jump connection (the session closed): its channels close with it. */
  close(): void {
    this.closed = true;
    this.login?.then(
      (client) => client.end(),
      () => undefined,
    );
  }

  private async logIn(): Promise<Client> {
    const { jump } = this;
    const params: ConnectionParams = {
      protocol: 'sftp',
      host: jump.host,
      port: jump.port,
      user: jump.user,
    };
    if (jump.password !== undefined) params.password = jump.password;
    if (jump.privateKeyPath !== undefined) params.privateKeyPath = jump.privateKeyPath;
    if (jump.passphrase !== undefined) params.passphrase = jump.passphrase;
    const { log } = this.deps;
    logProxy(log, this.proxy);
    log.write('info', `Logging in to the ${describeJumpHost(jump)}`);
    // Asked once per session: a "trust once" answer holds for its later jump connections too.
    const trust = sessionTrust(recordingTrust(this.deps.trust, this.accepted), this.accepted);
    try {
      const { client, deadline } = await sshLogin(
        params,
        { ...this.deps, trust },
        this.proxy ? proxyDialer(this.proxy) : undefined,
        this.server === undefined ? undefined : { jumpHostFor: this.server },
      );
      deadline.cancel();
      if (this.closed) {
        client.end();
        throw jumpClosed(jump);
      }
      log.write('info', `Logged in to the jump host ${jump.host}:${jump.port}`);
      this.watchForLoss(client);
      return client;
    } catch (error) {
      const mapped = jumpLoginError(error, jump);
      log.write('error', mapped.message);
      throw mapped;
    }
  }

  /**
   * Notes when the jump connection drops by itself. ssh2 emits the client's close before it
   * closes the channels through it, so the loss is known before any connection sees its end.
   */
  private watchForLoss(client: Client): void {
    this.lostError = undefined;
    let lastError: unknown;
    client.on('error', (error) => {
      lastError = error;
    });
    client.once('close', () => {
      if (this.closed) return;
      this.lostError = jumpLost(this.jump, lastError);
      this.deps.log.write('error', this.lostError.message);
    });
  }

  /** A channel from the jump host to `target`, within the dial's time and signal. */
  private forward(client: Client, target: Target, options: DialOptions): Promise<ClientChannel> {
    const { jump } = this;
    return new Promise<ClientChannel>((resolve, reject) => {
      let settled = false;
      const settle = (error: FerryError | undefined, channel?: ClientChannel): void => {
        if (settled) {
          channel?.destroy();
          return;
        }
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (error || !channel) reject(error ?? jumpClosed(jump));
        else resolve(channel);
      };
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => settle(forwardTimedOut(jump, target)), options.timeoutMs);
      const onAbort = (): void => settle(options.signal?.reason as FerryError);
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        client.forwardOut('127.0.0.1', 0, target.host, target.port, (error, channel) => {
          if (error) settle(forwardError(error, jump, target));
          else settle(undefined, channel);
        });
      } catch (error) {
        // ssh2 throws when the connection is already gone.
        settle(jumpClosed(jump, error));
      }
    });
  }
}
