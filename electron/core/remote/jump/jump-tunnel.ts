/**
 * A session's SSH jump host: one SSH login to it, made when the session connects and shared by
 * every connection of the session (its transfers, FTP's data connections), each a channel
 * (`direct-tcpip`, as `ssh -J`) to the server from there. Its host key is checked like any SSH
 * server's, under its own address; a key accepted once for this session is accepted again if
 * the jump connection must be made anew. Closed with the session.
 */
import type { Socket } from 'node:net';
import type { Client, ClientChannel } from 'ssh2';
import type { FerryError } from '../../../../shared/errors';
import { describeJumpHost, type JumpHostSettings } from '../../../../shared/jump-host';
import type { ProxySettings } from '../../../../shared/proxy';
import type { ConnectionParams } from '../../../../shared/types';
import type { ConnectDeps } from '../connect-deps';
import { logProxy } from '../proxy/proxy-log';
import type { DialOptions } from '../proxy/dial';
import { type Dialer, proxyDialer } from '../route';
import { type AcceptedIdentity, recordingTrust, sessionTrust } from '../sessions-trust';
import { sshLogin } from '../ssh-login';
import { forwardError, forwardTimedOut, jumpClosed, jumpLoginError } from './jump-errors';
import { socketOver } from './socket-over';

interface Target {
  host: string;
  port: number;
}

/** What the tunnel needs from its session: `trust` is the app's (or the CLI's) decider. */
export type JumpTunnelDeps = Omit<ConnectDeps, 'tunnel'>;

export class JumpTunnel implements Dialer {
  private login: Promise<Client> | undefined;
  private closed = false;
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
      return client;
    } catch (error) {
      const mapped = jumpLoginError(error, jump);
      log.write('error', mapped.message);
      throw mapped;
    }
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
