import { mkdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { FerryError } from '../../shared/errors';
import { maskCredentials, parseRemoteUrl, type RemoteUrl } from '../../shared/protocols';
import type { JumpHostEndpoint, JumpHostSettings } from '../../shared/jump-host';
import type { ProxyEndpoint, ProxySettings } from '../../shared/proxy';
import type { ConnectionParams } from '../../shared/types';
import type { ConnectDeps } from '../core/remote/connect-deps';
import type { JumpTunnel } from '../core/remote/jump/jump-tunnel';
import type { RemoteFs } from '../core/remote/remote-fs';
import type { ConnectionSource } from '../core/transfers/types';
import { CertPins } from '../core/trust/cert-pins';
import { KnownHosts } from '../core/trust/known-hosts';
import { cliTrust } from './cli-trust';
import { usageError } from './exit-codes';
import { terminalLoginQuestions } from './login-questions';
import type { ConnectionOptions, Output } from './options';
import { canPrompt, promptHidden } from './prompt';

/** Ferry's data folder: the same stores (known hosts, pinned certificates) as the app. */
export async function dataDir(): Promise<string> {
  const named = process.env.FERRY_DATA_DIR;
  if (named !== undefined) return named;
  // Loaded only when needed: scripts and the benchmark name the folder, and each import costs.
  const { default: envPaths } = await import('env-paths');
  return envPaths('ferry', { suffix: '' }).config;
}

export interface Target {
  url: RemoteUrl;
  /** The path as typed resolved against the login folder (no path, or `/~/…`, means home). */
  path: string;
}

export interface CliConnection extends ConnectionSource {
  /** The first connection, opened once and handed out first (to the queue's pool too). */
  first: RemoteFs;
  target: Target;
}

export function parseTarget(text: string): RemoteUrl {
  try {
    return parseRemoteUrl(text);
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw usageError(`"${maskCredentials(text)}" is not a server address.`);
  }
}

/** `sftp://host` and `sftp://host/~/x` are relative to the login folder. */
function resolvePath(raw: string, url: RemoteUrl, home: string): string {
  const hasPath = /^[a-z]+:\/\/[^/]+\//i.test(raw.trim());
  if (!hasPath || url.path === '/~') return home;
  if (url.path.startsWith('/~/')) return `${home.replace(/\/$/, '')}/${url.path.slice(3)}`;
  return url.path;
}

async function params(
  url: RemoteUrl,
  options: ConnectionOptions,
  out: Output,
): Promise<ConnectionParams> {
  if (url.protocol === 'ftp' && !options.insecurePlainFtp) {
    throw new FerryError(
      'plain_ftp_not_acknowledged',
      'ftp:// sends your password and your files unencrypted, readable by anyone on the way.',
      'Use sftp://, ftpes:// or ftps:// if the server offers them; to use plain FTP anyway, add --insecure-plain-ftp.',
    );
  }
  const user = url.user ?? (url.protocol === 'sftp' ? userInfo().username : 'anonymous');
  const result: ConnectionParams = { protocol: url.protocol, host: url.host, port: url.port, user };
  if (url.protocol === 'ftp') {
    result.plainFtpAcknowledged = true;
    out.warn('Warning: plain FTP sends your password and files unencrypted.');
  }
  if (options.encoding !== undefined && options.encoding !== 'auto') {
    if (url.protocol === 'sftp') {
      throw usageError('--encoding works with ftp:// and ftps:// only (SFTP names are UTF-8).');
    }
    result.nameEncoding = options.encoding;
  }
  if (options.identity) {
    if (url.protocol !== 'sftp') throw usageError('--identity works with sftp:// only.');
    result.privateKeyPath = options.identity;
    if (options.passphraseEnv)
      result.passphrase = fromEnv(options.passphraseEnv, '--passphrase-env');
  }
  if (options.passwordEnv) {
    result.password = fromEnv(options.passwordEnv, '--password-env');
  } else if (process.env.FERRY_PASSWORD) {
    result.password = process.env.FERRY_PASSWORD;
  } else if (!options.identity && user !== 'anonymous') {
    if (!canPrompt()) {
      throw usageError(
        `No password for ${user}@${url.host}.`,
        'Put it in an environment variable and pass its name with --password-env NAME (never the password itself).',
      );
    }
    result.password = await promptHidden(`Password for ${user}@${url.host}: `);
  }
  if (options.proxy) result.proxy = await proxySettings(options.proxy, options);
  if (options.jump) result.jump = await jumpSettings(options.jump, options);
  else refuseJumpLoginWithoutJump(options);
  return result;
}

/** The jump host's login options mean nothing without --jump: said, not ignored. */
export function refuseJumpLoginWithoutJump(options: ConnectionOptions): void {
  if (options.jumpKey || options.jumpPasswordEnv || options.jumpPassphraseEnv) {
    throw usageError('--jump-key, --jump-password-env and --jump-passphrase-env need --jump.');
  }
}

/** The --jump host with its login: a key (--jump-key), else a password from the environment or a prompt. */
export async function jumpSettings(
  endpoint: JumpHostEndpoint,
  options: ConnectionOptions,
): Promise<JumpHostSettings> {
  const jump: JumpHostSettings = { ...endpoint };
  if (options.jumpKey) {
    jump.privateKeyPath = options.jumpKey;
    if (options.jumpPassphraseEnv) {
      jump.passphrase = fromEnv(options.jumpPassphraseEnv, '--jump-passphrase-env');
    }
  }
  if (options.jumpPasswordEnv) {
    jump.password = fromEnv(options.jumpPasswordEnv, '--jump-password-env');
  } else if (process.env.FERRY_JUMP_PASSWORD !== undefined) {
    jump.password = process.env.FERRY_JUMP_PASSWORD;
  } else if (!options.jumpKey) {
    if (!canPrompt()) {
      throw usageError(
        `No password for the jump host ${endpoint.user}@${endpoint.host}.`,
        'Put it in an environment variable and pass its name with --jump-password-env NAME, or give a key with --jump-key FILE.',
      );
    }
    jump.password = await promptHidden(
      `Password for ${endpoint.user}@${endpoint.host} (jump host): `,
    );
  }
  return jump;
}

/** The --proxy with its password: from --proxy-password-env, FERRY_PROXY_PASSWORD or a prompt. */
export async function proxySettings(
  endpoint: ProxyEndpoint,
  options: ConnectionOptions,
): Promise<ProxySettings> {
  const proxy: ProxySettings = { ...endpoint };
  if (endpoint.user === undefined) return proxy;
  if (options.proxyPasswordEnv) {
    proxy.password = fromEnv(options.proxyPasswordEnv, '--proxy-password-env');
  } else if (process.env.FERRY_PROXY_PASSWORD !== undefined) {
    proxy.password = process.env.FERRY_PROXY_PASSWORD;
  } else if (canPrompt()) {
    proxy.password = await promptHidden(`Password for the proxy user ${endpoint.user}: `);
  } else {
    throw usageError(
      `No password for the proxy user ${endpoint.user}.`,
      'Put it in an environment variable and pass its name with --proxy-password-env NAME (or set FERRY_PROXY_PASSWORD).',
    );
  }
  return proxy;
}

function fromEnv(name: string, flag: string): string {
  const value = process.env[name];
  if (value === undefined) {
    throw usageError(`${flag} names ${name}, but no such environment variable is set.`);
  }
  return value;
}

/** Parses the URL, gathers secrets and trust, and logs in once. */
export async function connect(
  raw: string,
  options: ConnectionOptions,
  out: Output,
): Promise<CliConnection> {
  const url = parseTarget(raw);
  const connection = await params(url, options, out);
  const folder = await dataDir();
  const knownHostsPath = options.knownHosts ?? join(folder, 'known-hosts.json');
  await mkdir(dirname(knownHostsPath), { recursive: true, mode: 0o700 });
  const pins = new CertPins(join(folder, 'pinned-certificates.json'));
  const trust = cliTrust({
    knownHosts: new KnownHosts(knownHostsPath),
    pins,
    acceptNewHostKey: options.acceptNewHostKey === true,
    ...(options.trustCert ? { trustCert: options.trustCert } : {}),
    interactive: canPrompt(),
    say: (line) => out.info(line),
  });
  const extraCa = await Promise.all((options.ca ?? []).map((file) => readFile(file, 'utf8')));
  const deps: ConnectDeps = { trust, log: out.log, timeoutMs: (options.timeout ?? 15) * 1000 };
  if (canPrompt()) deps.askLogin = terminalLoginQuestions((line) => out.info(line));
  let tunnel: JumpTunnel | undefined;
  if (connection.jump) {
    // One jump login for the whole command, before the server's: its transfers share it.
    const { JumpTunnel: Tunnel } = await import('../core/remote/jump/jump-tunnel');
    const server = `${connection.host}:${connection.port}`;
    tunnel = new Tunnel(connection.jump, connection.proxy, { ...deps }, server);
    await tunnel.open();
    deps.tunnel = tunnel;
  }
  const connect = async (): Promise<RemoteFs> => {
    if (connection.protocol === 'sftp') {
      const { connectSftp } = await import('../core/remote/sftp');
      return connectSftp(connection, deps);
    }
    const { connectFtp } = await import('../core/remote/ftp');
    return connectFtp(connection, deps, { extraCa, certPins: pins });
  };
  // Through a jump host, a failure its loss caused is said as the jump host's.
  const open = async (): Promise<RemoteFs> => {
    if (!tunnel) return connect();
    const through = tunnel;
    const { throughJump } = await import('../core/remote/jump/through-jump');
    return connect().then(
      (fs) => throughJump(fs, through),
      (error: unknown) => {
        throw through.explain(error);
      },
    );
  };
  const first = await open().catch((error: unknown) => {
    tunnel?.close();
    throw error;
  });
  // The command ends by closing its first connection: the jump connection goes with it.
  first.onClose(() => tunnel?.close());
  const home = await first.home();
  let handedOut = false;
  return {
    first,
    target: { url, path: resolvePath(raw, url, home) },
    open: () => {
      // The login needed the user (a one-time code): more channels of it, not new logins.
      if (handedOut) return first.openChannel ? first.openChannel() : open();
      handedOut = true;
      return Promise.resolve(first);
    },
  };
}
