/** vsftpd 3.0.3 as a loopback FTP/FTPS server (RECIPES "vsftpd 3.0.3 as a loopback FTPS server"). */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FtpKind } from './kinds';
import { launchOnFreePort } from './launch';
import type { PortSlot } from './ports';
import { spawnServer, type ManagedProcess } from './processes';

export interface FtpServer {
  kind: FtpKind;
  host: '127.0.0.1';
  port: number;
  /** vsftpd's log: commands, transfers and (debug_ssl) whether each data connection reused the TLS session. */
  logPath: string;
  /** The passive port range this instance hands out. */
  passivePorts: { min: number; max: number };
}

export interface RunningVsftpd {
  server: FtpServer;
  pgid: number;
  stop(): Promise<void>;
}

export interface VsftpdOptions {
  kind: FtpKind;
  dir: string;
  slot: PortSlot;
  userName: string;
  /** FTP "/" (the chroot). */
  root: string;
  certPath: string;
  keyPath: string;
}

interface Variant {
  tls: 'none' | 'explicit' | 'implicit';
  /** Protocol limits applied through OPENSSL_CONF (vsftpd has no TLS-version options of its own). */
  openssl?: string[];
  /** vsftpd's ssl_ciphers, which overrides any CipherString (default here: ECDHE-RSA-AES256-GCM-SHA384). */
  ciphers?: string;
}

const VARIANTS: Record<FtpKind, Variant> = {
  'ftps-explicit': { tls: 'explicit' },
  'ftps-explicit-tls12': {
    tls: 'explicit',
    openssl: ['MinProtocol = TLSv1.2', 'MaxProtocol = TLSv1.2'],
  },
  'ftps-implicit': { tls: 'implicit' },
  ftp: { tls: 'none' },
  // Accepts TLS 1.0 and 1.1 and ciphers no current client should use: for the security check.
  'ftps-weak': {
    tls: 'explicit',
    openssl: ['MinProtocol = TLSv1', 'CipherString = ALL:@SECLEVEL=0'],
    ciphers: 'ALL:@SECLEVEL=0',
  },
};

function opensslConf(settings: string[]): string {
  return [
    'openssl_conf = ferry_test_init',
    '[ferry_test_init]',
    'ssl_conf = ferry_test_ssl',
    '[ferry_test_ssl]',
    'system_default = ferry_test_tls',
    '[ferry_test_tls]',
    ...settings,
    '',
  ].join('\n');
}

function vsftpdConfig(
  options: VsftpdOptions,
  variant: Variant,
  port: number,
  passive: { min: number; max: number },
  files: { log: string; userlist: string; emptyDir: string },
): string {
  const lines = [
    'listen=YES',
    'background=NO',
    'listen_address=127.0.0.1',
    'listen_ipv6=NO',
    `listen_port=${port}`,
    'seccomp_sandbox=NO', // required here: with it, the first LIST/RETR fails (priv_sock_get_cmd)
    'anonymous_enable=NO',
    'local_enable=YES',
    'write_enable=YES',
    'local_umask=022',
    'chroot_local_user=YES',
    'allow_writeable_chroot=YES',
    `local_root=${options.root}`,
    `secure_chroot_dir=${files.emptyDir}`,
    'pam_service_name=vsftpd',
    'userlist_enable=YES',
    'userlist_deny=NO',
    `userlist_file=${files.userlist}`,
    'pasv_enable=YES',
    'pasv_address=127.0.0.1',
    'pasv_addr_resolve=NO',
    `pasv_min_port=${passive.min}`,
    `pasv_max_port=${passive.max}`,
    'connect_from_port_20=NO',
    'utf8_filesystem=YES',
    'use_localtime=NO',
    'xferlog_enable=YES',
    'xferlog_std_format=NO',
    'log_ftp_protocol=YES',
    'syslog_enable=NO',
    `vsftpd_log_file=${files.log}`,
  ];
  if (variant.tls === 'none') {
    lines.push('ssl_enable=NO');
  } else {
    lines.push(
      'ssl_enable=YES',
      `implicit_ssl=${variant.tls === 'implicit' ? 'YES' : 'NO'}`,
      `rsa_cert_file=${options.certPath}`,
      `rsa_private_key_file=${options.keyPath}`,
      'allow_anon_ssl=NO',
      'force_local_logins_ssl=YES',
      'force_local_data_ssl=YES',
      'require_ssl_reuse=YES',
      'debug_ssl=YES',
      'ssl_request_cert=NO',
      'ssl_sslv2=NO',
      'ssl_sslv3=NO',
      'ssl_tlsv1=YES',
    );
    if (variant.ciphers) lines.push(`ssl_ciphers=${variant.ciphers}`);
  }
  // vsftpd rejects trailing spaces; keep every line bare.
  return lines.map((line) => line.trim()).join('\n') + '\n';
}

export async function startVsftpd(options: VsftpdOptions): Promise<RunningVsftpd> {
  const variant = VARIANTS[options.kind];
  const name = `vsftpd-${options.kind}`;
  const emptyDir = join(options.dir, 'vsftpd-empty');
  mkdirSync(emptyDir, { recursive: true, mode: 0o755 });
  const files = {
    log: join(options.dir, `${name}.log`),
    userlist: join(options.dir, `${name}.userlist`),
    emptyDir,
  };
  await writeFile(files.userlist, `${options.userName}\n`, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (variant.openssl) {
    const confPath = join(options.dir, `${name}.openssl.cnf`);
    await writeFile(confPath, opensslConf(variant.openssl));
    env.OPENSSL_CONF = confPath;
  }
  const passive = options.slot.nextPassiveRange();
  const configPath = join(options.dir, `${name}.conf`);

  const start = async (port: number): Promise<ManagedProcess> => {
    // Written by root (we are root): vsftpd refuses a config owned by anyone else.
    await writeFile(configPath, vsftpdConfig(options, variant, port, passive, files), {
      mode: 0o600,
    });
    return spawnServer({
      name,
      command: '/usr/sbin/vsftpd',
      args: [configPath],
      logPath: join(options.dir, `${name}.out`),
      pidPath: join(options.dir, `${name}.pid`),
      env,
    });
  };

  // Implicit TLS sends nothing before the handshake: a TCP connect is the readiness signal.
  const launched = await launchOnFreePort(
    options.slot,
    variant.tls === 'implicit' ? null : '220',
    start,
  );
  return {
    server: {
      kind: options.kind,
      host: '127.0.0.1',
      port: launched.port,
      logPath: files.log,
      passivePorts: passive,
    },
    pgid: launched.proc.pgid,
    stop: () => launched.proc.stop(),
  };
}
