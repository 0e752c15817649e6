import type { Client, SFTPWrapper } from 'ssh2';
import { FerryError } from '../../../shared/errors';
import type { ConnectionParams } from '../../../shared/types';
import type { ConnectDeps } from './connect-deps';
import { timeoutError } from './net-errors';
import { logRoute } from './proxy/proxy-log';
import type { RemoteFs } from './remote-fs';
import { dialerFor } from './route';
import { SftpChannel } from './sftp-channel';
import { sshLoginError } from './sftp-errors';
import { SftpRemoteFs } from './sftp-fs';
import { sshLogin } from './ssh-login';

/**
 * Connects and logs in over SSH, opens the SFTP channel, and returns it as a RemoteFs.
 * Fails within `deps.timeoutMs` (not counting time the user spends deciding about trust).
 */
export async function connectSftp(params: ConnectionParams, deps: ConnectDeps): Promise<RemoteFs> {
  const { log } = deps;
  const target = { host: params.host, port: params.port };
  logRoute(log, params);
  log.write('info', `Connecting to ${target.host}:${target.port} (SFTP) as ${params.user}`);
  const { client, banner, deadline, neededTheUser } = await sshLogin(
    params,
    deps,
    dialerFor(params, deps.tunnel),
  );
  try {
    const tooSlow = (): Error => timeoutError(target);
    const sftp = await deadline.race(openSftpChannel(client, target), tooSlow);
    const channel = new SftpChannel(sftp);
    const home = await deadline.race(channel.realpath('.'), tooSlow);
    deadline.cancel();
    const fs = new SftpRemoteFs(client, channel, home, banner);
    // Logging in again would ask the user again (a new one-time code): transfers get channels
    // of this connection instead.
    if (neededTheUser) fs.shareForTransfers();
    // The server ending the SFTP subsystem leaves the SSH connection useless.
    sftp.on('close', () => client.end());
    log.write('info', `Logged in; the server put us in ${home}`);
    return fs;
  } catch (error) {
    deadline.cancel();
    client.destroy();
    const mapped = sshLoginError(error, params);
    log.write('error', mapped.message);
    throw mapped;
  }
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
