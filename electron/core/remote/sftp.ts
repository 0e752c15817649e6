import type { Client, ConnectConfig, SFTPWrapper } from 'ssh2';
import { FerryError } from '../../../shared/errors';
import type { ConnectionParams } from '../../../shared/types';
import { ConnectDeadline } from './connect-deadline';
import type { ConnectDeps } from './connect-deps';
import { timeoutError } from './net-errors';
import type { RemoteFs } from './remote-fs';
import { logProxy } from './proxy/proxy-log';
import { OfferedAlgorithms, SSH_ALGORITHMS } from './sftp-algorithms';
import { authMethods } from './sftp-auth';
import { SftpChannel } from './sftp-channel';
import { isAuthFailure, sshConnectError } from './sftp-errors';
import { SftpRemoteFs } from './sftp-fs';
import { hostKeyCheck } from './sftp-host-key';
import { KeyboardLogin } from './sftp-keyboard';
import { sshDebugLogger } from './sftp-log';
import { openSshSocket } from './sftp-socket';
import { loadSsh2 } from './ssh2-loader';

/** A silent connection is noticed after KEEPALIVE_MS × KEEPALIVE_MISSES. */
const KEEPALIVE_MS = 15_000;
const KEEPALIVE_MISSES = 4;

/**
 * Connects and logs in over SSH, opens the SFTP channel, and returns it as a RemoteFs.
 * Fails within `deps.timeoutMs` (not counting time the user spends deciding about trust).
 */
export async function connectSftp(params: ConnectionParams, deps: ConnectDeps): Promise<RemoteFs> {
  const { log } = deps;
  log.addSecret(params.password);
  log.addSecret(params.passphrase);
  const target = { host: params.host, port: params.port, user: params.user };
  logProxy(log, params.proxy);
  log.write('info', `Connecting to ${target.host}:${target.port} (SFTP) as ${params.user}`);

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
  const hostKey = hostKeyCheck(target, deps.trust, deadline, log, connectionEnded.signal);
  const offered = new OfferedAlgorithms();
  let client: Client | undefined;
  // The server starts its side (sshd forks a process for each connection) while ssh2 loads
  // (~30 ms of CPU, once per process): a first connection is that much sooner.
  const opening = openSshSocket(target, deadline, params.proxy);
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
    // Errors after login are the RemoteFs's to report; this keeps a late one from crashing us.
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
    const tooSlow = (): Error => timeoutError(target);
    await deadline.race(ready(client, config), tooSlow);
    const sftp = await deadline.race(openSftpChannel(client, target), tooSlow);
    const channel = new SftpChannel(sftp);
    const home = await deadline.race(channel.realpath('.'), tooSlow);
    deadline.cancel();
    const fs = new SftpRemoteFs(client, channel, home, banner);
    // Logging in again would ask the user again (a new one-time code): transfers get channels
    // of this connection instead.
    if (keyboard.neededTheUser) fs.shareForTransfers();
    // The server ending the SFTP subsystem leaves the SSH connection useless.
    sftp.on('close', () => client?.end());
    log.write('info', `Logged in; the server put us in ${home}`);
    return fs;
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
      sshConnectError(
        error,
        target,
        params.privateKeyPath !== undefined,
        params.password !== undefined,
      );
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

function openSftpChannel(
  client: Client,
  target: { host: string; port: number },
): Promise<SFTPWrapper> {
  return new Promise<SFTPWrapper>((resolve, reject) => {
    client.sftp((error, sftp) => {
      if (!error) return resolve(sftp);
      reject(
        new FerryError(
          'protocol_mismatch',
          `You are logged in to ${target.host}:${target.port}, but the server does not offer file transfer (SFTP).`,
          'The account may be limited to a shell or to SCP. Ask the server administrator to enable SFTP.',
          { cause: error },
        ),
      );
    });
  });
}
