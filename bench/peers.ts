/**
 * The peer tools, driven the way their users drive them: OpenSSH `sftp` in batch mode, `lftp`
 * (`get`/`put`, `mirror --parallel`), and `curl` for single files over explicit FTPS.
 * Every one verifies the server: the harness host key via a known_hosts file, the test CA for TLS.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Endpoint } from './endpoints';
import type { Invocation } from './proc';
import type { Tool, TransferTask } from './tools';

/** lftp's mirror parallelism: 4 beat 1 and 8 for 1,000 small files here (TLS 1.2: 2.3 s vs 3.3 s). */
export const LFTP_PARALLEL = 4;
/** AES-GCM is the fastest cipher OpenSSH offers here (AES-NI), and what ssh2 picks on such CPUs. */
export const SSH_CIPHER = 'aes128-gcm@openssh.com';

/** Quotes an argument for sftp batch files and lftp scripts (both accept double quotes). */
const quoted = (path: string): string => `"${path.replace(/(["\\])/g, '\\$1')}"`;

function sshOptions(endpoint: Endpoint): string[] {
  return [
    '-F',
    '/dev/null',
    '-o',
    `UserKnownHostsFile=${endpoint.knownHostsPath}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'PubkeyAuthentication=no',
    '-o',
    'PreferredAuthentications=password,keyboard-interactive',
    '-c',
    SSH_CIPHER,
  ];
}

export const openSshSftp: Tool = {
  id: 'openssh-sftp',
  label: `OpenSSH sftp (${SSH_CIPHER.split('@')[0]})`,
  isFerry: false,
  skipReason: ({ endpoint }) => (endpoint.protocol === 'sftp' ? undefined : 'SFTP only'),
  async invocation(task: TransferTask): Promise<Invocation> {
    const { endpoint, direction, workload } = task;
    const recursive = workload.shape === 'tree' ? ' -r' : '';
    const remote = quoted(endpoint.remotePath(task.remoteRel));
    const local = quoted(task.localPath);
    const line =
      direction === 'download'
        ? `get${recursive} ${remote} ${local}`
        : `put${recursive} ${local} ${remote}`;
    const batch = join(task.scratch, 'sftp-batch');
    await writeFile(batch, `${line}\n`);
    return {
      command: 'sshpass',
      // -o BatchMode=no must come before -b (which otherwise forces BatchMode=yes): RECIPES.
      args: [
        '-e',
        'sftp',
        ...sshOptions(endpoint),
        '-o',
        'BatchMode=no',
        '-P',
        String(endpoint.port),
        '-b',
        batch,
        `${endpoint.user}@${endpoint.host}`,
      ],
      env: { SSHPASS: endpoint.password },
    };
  },
};

function lftpSettings(endpoint: Endpoint): string[] {
  const common = [
    'set cmd:fail-exit yes',
    // Bounded retries: a failing case must end within the run's timeout, not retry for minutes.
    'set net:max-retries 3',
    'set net:reconnect-interval-base 1',
    'set net:timeout 30',
    'set xfer:clobber yes',
  ];
  if (endpoint.protocol === 'sftp') {
    const ssh = ['ssh', '-a', '-x', ...sshOptions(endpoint)].join(' ');
    return [...common, `set sftp:connect-program ${quoted(ssh)}`];
  }
  return [
    ...common,
    `set ssl:ca-file ${quoted(endpoint.caPath)}`,
    'set ssl:verify-certificate yes',
    'set ftp:ssl-force yes',
    'set ftp:ssl-protect-data yes',
    'set ftp:ssl-protect-list yes',
  ];
}

export const lftp: Tool = {
  id: 'lftp',
  label: `lftp (mirror --parallel=${LFTP_PARALLEL})`,
  isFerry: false,
  skipReason: () => undefined,
  async invocation(task: TransferTask): Promise<Invocation> {
    const { endpoint, direction, workload } = task;
    const scheme = endpoint.protocol === 'sftp' ? 'sftp' : 'ftp';
    const remote = quoted(endpoint.remotePath(task.remoteRel));
    const local = quoted(task.localPath);
    const parallel = `--parallel=${LFTP_PARALLEL}`;
    const transfer =
      workload.shape === 'file'
        ? direction === 'download'
          ? `get ${remote} -o ${local}`
          : `put ${local} -o ${remote}`
        : direction === 'download'
          ? `mirror ${parallel} ${remote} ${local}`
          : `mirror -R ${parallel} ${local} ${remote}`;
    const script = [
      ...lftpSettings(endpoint),
      `open --env-password -u ${endpoint.user} ${scheme}://${endpoint.host}:${endpoint.port}`,
      transfer,
      'quit',
    ];
    const path = join(task.scratch, 'lftp-script');
    await writeFile(path, `${script.join('\n')}\n`);
    return { command: 'lftp', args: ['-f', path], env: { LFTP_PASSWORD: endpoint.password } };
  },
};

export const curl: Tool = {
  id: 'curl',
  label: 'curl (--ssl-reqd)',
  isFerry: false,
  skipReason({ endpoint, workload }) {
    if (endpoint.protocol === 'sftp') return 'FTPS only here';
    // Measured here: 1,000 × 8 KiB downloads took 398 s over TLS 1.2, uploads 62 s (TLS 1.2) or
    // failed with 522 (TLS 1.3); curl also has no recursive mode. Too slow to run in every round.
    if (workload.shape === 'tree') return 'single files only (see notes)';
    return undefined;
  },
  async invocation(task: TransferTask): Promise<Invocation> {
    const { endpoint, direction } = task;
    const config = join(task.scratch, 'curl-config');
    await writeFile(config, `user = "${endpoint.user}:${endpoint.password}"\n`, { mode: 0o600 });
    const url = `ftp://${endpoint.host}:${endpoint.port}${endpoint.remotePath(task.remoteRel)}`;
    const transfer =
      direction === 'download' ? [url, '-o', task.localPath] : ['-T', task.localPath, url];
    return {
      command: 'curl',
      // --disable (first) ignores any ~/.curlrc; --ssl-reqd = explicit TLS on control and data.
      args: [
        '--disable',
        '-sS',
        '--ssl-reqd',
        '--cacert',
        endpoint.caPath,
        '-K',
        config,
        ...transfer,
      ],
    };
  },
};

export const PEERS: readonly Tool[] = [openSshSftp, lftp, curl];
