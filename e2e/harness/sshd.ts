/** OpenSSH sshd as a loopback SFTP server (RECIPES "OpenSSH sshd as a loopback SFTP server"). */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchOnFreePort } from './launch';
import type { PortSlot } from './ports';
import { HarnessError, run, spawnServer, type ManagedProcess } from './processes';

export interface HostKey {
  type: string;
  /** OpenSSH style: 'SHA256:' + unpadded base64 of the SHA-256 of the key blob. */
  fingerprint: string;
  publicKeyPath: string;
}

export interface SshServer {
  host: '127.0.0.1';
  port: number;
  hostKeys: HostKey[];
  /** sshd's own log (stderr with LogLevel VERBOSE): read it when a login fails. */
  logPath: string;
  /** Regenerates the host keys and restarts sshd on the same port (for "host key changed" tests). */
  regenerateHostKeys(): Promise<void>;
}

export interface RunningSshd {
  server: SshServer;
  /** The current sshd process group (changes when host keys are regenerated). */
  pgid(): number;
  stop(): Promise<void>;
}

export interface SshdOptions {
  dir: string;
  slot: PortSlot;
  userName: string;
  /** SFTP sessions start here. */
  root: string;
  /** Absolute path of the authorized_keys file for this instance (inside the user's home). */
  authorizedKeysPath: string;
  /**
   * Log in with the password and then a one-time code (keyboard-interactive through PAM), run
   * as this copy of sshd (one-time-code.ts). Absent: password or key, no PAM.
   */
  oneTimeCodeSshd?: string;
  /** Put before the names of its files in `dir` (two sshd instances can share the folder). */
  filePrefix?: string;
  /** false: no `direct-tcpip` at all (AllowTcpForwarding no), a jump host that refuses tunnels. */
  allowTcpForwarding?: boolean;
}

/** The fingerprint `ssh-keygen -lf` prints for a public key line. */
export function openSshFingerprint(publicKeyLine: string): string {
  const blob = publicKeyLine.trim().split(/\s+/)[1];
  if (!blob) throw new HarnessError(`Not an OpenSSH public key: "${publicKeyLine}"`);
  const digest = createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

async function generateHostKeys(
  dir: string,
  prefix: string,
): Promise<{ hostKeys: HostKey[]; keyPaths: string[] }> {
  // ed25519 only: with one key type, every client negotiates the same key and fingerprint.
  const keyPath = join(dir, `${prefix}ssh_host_ed25519_key`);
  await rm(keyPath, { force: true });
  await rm(`${keyPath}.pub`, { force: true });
  await run('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    'ferry-test-host',
    '-f',
    keyPath,
  ]);
  const line = await readFile(`${keyPath}.pub`, 'utf8');
  const type = line.split(' ')[0] ?? 'ssh-ed25519';
  return {
    hostKeys: [{ type, fingerprint: openSshFingerprint(line), publicKeyPath: `${keyPath}.pub` }],
    keyPaths: [keyPath],
  };
}

function sshdConfig(options: SshdOptions, port: number, keyPaths: string[]): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    'AddressFamily inet',
    ...keyPaths.map((key) => `HostKey ${key}`),
    'PidFile none', // the harness records the PID itself
    `AllowUsers ${options.userName}`,
    'PermitRootLogin no',
    ...(options.oneTimeCodeSshd
      ? [
          'PasswordAuthentication no',
          // Password and code through PAM, or a key and then PAM (as servers asking key + code).
          'PubkeyAuthentication yes',
          'KbdInteractiveAuthentication yes',
          'AuthenticationMethods keyboard-interactive publickey,keyboard-interactive',
          'UsePAM yes',
        ]
      : [
          'PasswordAuthentication yes',
          'PubkeyAuthentication yes',
          'KbdInteractiveAuthentication no',
          'UsePAM no',
        ]),
    'PermitEmptyPasswords no',
    'StrictModes yes',
    `AuthorizedKeysFile ${options.authorizedKeysPath}`,
    'Subsystem sftp internal-sftp',
    // internal-sftp is not chrooted: paths stay absolute, but sessions start in the root.
    `ForceCommand internal-sftp -d ${options.root}`,
    'MaxStartups 100:30:200',
    'MaxSessions 50',
    'MaxAuthTries 10',
    'LoginGraceTime 30',
    'UseDNS no',
    'PrintMotd no',
    'PermitTTY no',
    'X11Forwarding no',
    // ssh -D into this server is the SOCKS5 proxy of the proxy tests (proxies.ts), and it is the
    // jump host of the jump host tests: loopback only.
    ...(options.allowTcpForwarding === false
      ? ['AllowTcpForwarding no']
      : ['AllowTcpForwarding local', 'PermitOpen 127.0.0.1:* localhost:*']),
    'AllowAgentForwarding no',
    'LogLevel VERBOSE',
    '',
  ].join('\n');
}

export async function startSshd(options: SshdOptions): Promise<RunningSshd> {
  mkdirSync('/run/sshd', { recursive: true }); // compiled-in privsep dir; sshd exits 255 without it
  const prefix = options.filePrefix ?? '';
  const configPath = join(options.dir, `${prefix}sshd_config`);
  const logPath = join(options.dir, `${prefix}sshd.log`);
  const generated = await generateHostKeys(options.dir, prefix);

  const start = async (port: number): Promise<ManagedProcess> => {
    await writeFile(configPath, sshdConfig(options, port, generated.keyPaths), { mode: 0o600 });
    // An absolute path: sshd re-executes itself for each connection.
    const command = options.oneTimeCodeSshd ?? '/usr/sbin/sshd';
    await run(command, ['-t', '-f', configPath]);
    return spawnServer({
      name: 'sshd',
      command,
      args: ['-D', '-e', '-f', configPath],
      logPath,
      pidPath: join(options.dir, `${prefix}sshd.pid`),
    });
  };

  let current = await launchOnFreePort(options.slot, 'SSH-2.0-', start);
  const server: SshServer = {
    host: '127.0.0.1',
    port: current.port,
    hostKeys: generated.hostKeys,
    logPath,
    async regenerateHostKeys() {
      await current.proc.stop();
      const fresh = await generateHostKeys(options.dir, prefix);
      // Update in place: tests may hold a reference to the array.
      server.hostKeys.splice(0, server.hostKeys.length, ...fresh.hostKeys);
      current = await launchOnFreePort(options.slot, 'SSH-2.0-', start, server.port);
    },
  };
  return { server, pgid: () => current.proc.pgid, stop: () => current.proc.stop() };
}
