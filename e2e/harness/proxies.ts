/**
 * Real proxies on loopback in front of the harness's servers (see README.md beside this file):
 * OpenSSH's dynamic forwarding (`ssh -N -D`, SOCKS5 without login, into the harness's own sshd
 * as the test user), Dante (SOCKS5 with the test user's name and password, RFC 1929) and
 * tinyproxy (HTTP CONNECT, with and without Basic auth). Dante and tinyproxy refuse
 * connections to DENIED_HOST by rule (a loopback address nothing listens on).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { register, unregister, type CleanupTarget } from './cleanup';
import { launchOnFreePort } from './launch';
import { reserveSlot } from './ports';
import { HarnessError, killTreeSync, spawnServer, type ManagedProcess } from './processes';
import type { TestServers } from './servers';

/** Dante and tinyproxy refuse this target by rule (SOCKS5 reply 2, HTTP 403). */
export const DENIED_HOST = '127.0.0.2';

export interface TestProxy {
  host: '127.0.0.1';
  port: number;
  logPath: string;
}

export interface TestProxies {
  /** ssh -D: SOCKS5, no login. */
  socks: TestProxy;
  /** Dante: SOCKS5 with `user` (the test user's name and password). */
  socksAuth: TestProxy;
  /** tinyproxy: HTTP CONNECT, no login. */
  http: TestProxy;
  /** tinyproxy with BasicAuth `user`. */
  httpAuth: TestProxy;
  user: { name: string; password: string };
  stop(): Promise<void>;
}

/** Starts the four proxies for `servers` (which must include `sftp`: ssh -D logs in there). */
export async function startProxies(servers: TestServers): Promise<TestProxies> {
  const sshd = servers.sftp;
  if (!sshd) throw new HarnessError('The proxies need the harness started with sftp (for ssh -D).');
  const slot = await reserveSlot();
  const dir = servers.workDir;
  const running: ManagedProcess[] = [];
  const target: CleanupTarget = {
    stop: async () => {
      unregister(target);
      await Promise.allSettled(running.map((proc) => proc.stop()));
      await slot.release();
    },
    killSync: () => running.forEach((proc) => killTreeSync(proc.pgid)),
  };
  register(target);
  const started = async (
    name: string,
    start: (port: number) => Promise<ManagedProcess> | ManagedProcess,
  ): Promise<TestProxy> => {
    const launch = await launchOnFreePort(slot, null, start);
    running.push(launch.proc);
    return { host: '127.0.0.1', port: launch.port, logPath: join(dir, `${name}.log`) };
  };
  try {
    const knownHosts = join(dir, 'proxy_known_hosts');
    const hostKey = sshd.hostKeys[0];
    if (!hostKey) throw new HarnessError('sshd has no host key.');
    const keyLine = (await readFile(hostKey.publicKeyPath, 'utf8')).trim();
    await writeFile(knownHosts, `[127.0.0.1]:${sshd.port} ${keyLine}\n`);
    const socks = await started('proxy-ssh', (port) =>
      spawnServer({
        name: 'ssh -D',
        command: '/usr/bin/ssh',
        args: sshArgs(servers, knownHosts, port),
        logPath: join(dir, 'proxy-ssh.log'),
        pidPath: join(dir, 'proxy-ssh.pid'),
      }),
    );
    const socksAuth = await started('proxy-dante', async (port) => {
      const config = join(dir, 'proxy-dante.conf');
      await writeFile(config, danteConfig(port, join(dir, 'proxy-dante.log')));
      return spawnServer({
        name: 'danted',
        command: '/usr/sbin/danted',
        args: ['-f', config],
        logPath: join(dir, 'proxy-dante.out'),
        pidPath: join(dir, 'proxy-dante.pid'),
      });
    });
    const tiny = (name: string, auth: boolean) =>
      started(name, async (port) => {
        const config = join(dir, `${name}.conf`);
        const filter = join(dir, `${name}.filter`);
        await writeFile(filter, `^${DENIED_HOST.replace(/\./g, '\\.')}$\n`);
        await writeFile(config, tinyproxyConfig(port, filter, auth ? servers.user : undefined));
        // In the foreground without a LogFile it logs to its stderr: the work folder is root's
        // only, and tinyproxy runs as nobody.
        return spawnServer({
          name: 'tinyproxy',
          command: '/usr/bin/tinyproxy',
          args: ['-d', '-c', config],
          logPath: join(dir, `${name}.log`),
          pidPath: join(dir, `${name}.pid`),
        });
      });
    const http = await tiny('proxy-tinyproxy', false);
    const httpAuth = await tiny('proxy-tinyproxy-auth', true);
    return { socks, socksAuth, http, httpAuth, user: servers.user, stop: () => target.stop() };
  } catch (error) {
    await target.stop();
    throw error;
  }
}

function sshArgs(servers: TestServers, knownHosts: string, port: number): string[] {
  return [
    '-N',
    '-D',
    `127.0.0.1:${port}`,
    '-F',
    '/dev/null',
    '-i',
    servers.clientKey.unencryptedPrivateKeyPath,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'ExitOnForwardFailure=yes',
    '-p',
    String(servers.sftp?.port ?? 22),
    `${servers.user.name}@127.0.0.1`,
  ];
}

function danteConfig(port: number, logPath: string): string {
  return [
    `logoutput: ${logPath}`,
    `internal: 127.0.0.1 port = ${port}`,
    'external: 127.0.0.1',
    // RFC 1929: the name and password are checked against the system's (the test user's).
    'socksmethod: username',
    'clientmethod: none',
    'user.privileged: root',
    `user.unprivileged: ${userInfo().uid === 0 ? 'nobody' : userInfo().username}`,
    'client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }',
    `socks block { from: 0.0.0.0/0 to: ${DENIED_HOST}/32 }`,
    'socks pass { from: 127.0.0.0/8 to: 127.0.0.0/8 }',
    '',
  ].join('\n');
}

function tinyproxyConfig(
  port: number,
  filterPath: string,
  user: { name: string; password: string } | undefined,
): string {
  return [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 60',
    'MaxClients 50',
    'LogLevel Info',
    'User nobody',
    'Group nogroup',
    'Allow 127.0.0.1',
    'DisableViaHeader Yes',
    `Filter "${filterPath}"`,
    'FilterExtended On',
    ...(user ? [`BasicAuth ${user.name} ${user.password}`] : []),
    '',
  ].join('\n');
}
