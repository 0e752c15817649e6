/**
 * One SSH login, up to "ready": the socket (directly or through a route), the host key check
 * with the trust decider, the login methods (key, agent, password, keyboard-interactive). Used
 * for SFTP servers and for SSH jump hosts alike, so both are verified the same way.
 */
import type { Client, ConnectConfig } from 'ssh2';
import { FerryError } from '../../../shared/errors';
import type { ConnectionParams } from '../../../shared/types';
import { ConnectDeadline } from './connect-deadline';
import type { ConnectDeps, HostKeyContext } from './connect-deps';
import { timeoutError } from './net-errors';
import type { Dialer } from './route';
import { OfferedAlgorithms, SSH_ALGORITHMS } from './sftp-algorithms';
import { authMethods } from './sftp-auth';
import { isAuthFailure, sshLoginError } from './sftp-errors';
import { hostKeyCheck } from './sftp-host-key';
import { KeyboardLogin } from './sftp-keyboard';
import { sshDebugLogger } from './sftp-log';
import { openSshSocket } from './sftp-socket';
import { loadSsh2 } from './ssh2-loader';

/** A silent connection is noticed after KEEPALIVE_MS × KEEPALIVE_MISSES. */
const KEEPALIVE_MS = 15_000;
const KEEPALIVE_MISSES = 4;

export interface SshLogin {
  client: Client;
  banner: string;
  /** Still running: the caller's next steps (opening the SFTP channel) count against it. */
  deadline: ConnectDeadline;
  /** The login asked the user something (a one-time code): logging in again would ask again. */
  neededTheUser: boolean;
}

/**
 * Connects and logs in. Fails within `deps.timeoutMs` (not counting time the user spends
 * deciding about trust), with a FerryError already written to the log. `via` opens the TCP
 * connection when the server is not reached directly; `about` goes with the host key question.
 */
export async function sshLogin(
  params: ConnectionParams,
  deps: ConnectDeps,
  via: Dialer | undefined,
  about?: HostKeyContext,
): Promise<SshLogin> {
  const { log } = deps;
  log.addSecret(params.password);
  log.addSecret(params.passphrase);
  const target = { host: params.host, port: params.port, user: params.user };
  const deadline = new ConnectDeadline(deps.timeoutMs);
  const connectionEnded = new AbortController();
  const keyboard = new KeyboardLogin(target, params.password, deps.askLogin, log);
  const auth = await authMethods(params, keyboard.method(deadline, connectionEnded.signal)).catch(
    (error: unknown) => {
      deadline.cancel();
      if (error instanceof FerryError) log.write('error', error.message);
      throw error;
    },
  );
  const hostKey = hostKeyCheck(target, deps.trust, deadline, log, connectionEnded.signal, about);
  const offered = new OfferedAlgorithms();
  let client: Client | undefined;
  // The server starts its side (sshd forks a process for each connection) while ssh2 loads
  // (~30 ms of CPU, once per process): a first connection is that much sooner.
  const opening = openSshSocket(target, deadline, via);
  // Awaited below; this only keeps a failure during the load from counting as unhandled.
  opening.catch(() => undefined);
  try {
    const { Client: SshClient } = await loadSsh2();
    const { socket, banner } = await opening;
    log.write('reply', `Server: ${banner}`);
    // Withdraws a trust question still open when the server hangs up (sshd waits ~2 minutes).
    socket.once('close', () => connectionEnded.abort());
    client = new SshClient();
    const thisClient = client;
    keyboard.onGiveUp(() => thisClient.destroy());
    // Errors after login are the owner's to report; this keeps a late one from crashing us.
    client.on('error', () => undefined);
    const config: ConnectConfig = {
      sock: socket,
      username: params.user,
      authHandler: auth,
      hostVerifier: hostKey.verifier,
      keepaliveInterval: KEEPALIVE_MS,
      keepaliveCountMax: KEEPALIVE_MISSES,
      // Our deadline covers the handshake instead: it can pause while the user decides.
      readyTimeout: 0,
      // Explicit, so ssh2's defaults (which still allow SHA-1) never decide for us.
      algorithms: SSH_ALGORITHMS,
      debug: withObserver(sshDebugLogger(log), offered.observe),
    };
    await deadline.race(ready(client, config), () => timeoutError(target));
    return { client, banner, deadline, neededTheUser: keyboard.neededTheUser };
  } catch (error) {
    deadline.cancel();
    // The deadline is paused while the user is asked, so a failure then is the connection ending;
    // ssh2 may report it (e.g. a DISCONNECT) before the socket's close event.
    connectionEnded.abort();
    client?.destroy();
    // Closes the connection also when it opened but the login never began.
    opening.then(
      ({ socket }) => socket.destroy(),
      () => undefined,
    );
    const mapped =
      hostKey.rejection() ??
      keyboard.explain(isAuthFailure(error)) ??
      offered.outdatedError(error, target) ??
      sshLoginError(error, params);
    log.write('error', mapped.message);
    throw mapped;
  }
}

function withObserver(
  logger: (message: string) => void,
  observe: (message: string) => void,
): (message: string) => void {
  return (message) => {
    observe(message);
    logger(message);
  };
}

/** Resolves once logged in; rejects with ssh2's error (or a close) otherwise. */
function ready(client: Client, config: ConnectConfig): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: unknown): void => {
      client.off('ready', onReady).off('error', onError).off('close', onClose);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onReady = (): void => settle();
    const onError = (error: Error): void => settle(error);
    const onClose = (): void => settle(new Error('Connection closed during login'));
    client.on('ready', onReady).on('error', onError).on('close', onClose);
    client.connect(config);
  });
}
