/**
 * Real test servers on loopback: OpenSSH sshd (SFTP) and vsftpd (FTPS explicit, explicit capped at
 * TLS 1.2, implicit, plain FTP, and a deliberately weak FTPS). See README.md beside this file.
 */
import { rmSync } from 'node:fs';
import { chown, chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { register, startWatchdog, unregister, type CleanupTarget } from './cleanup';
import { createFixtures, type Fixtures } from './fixtures';
import { SERVER_KINDS, type FtpKind, type ServerKind } from './kinds';
import { createClientKey, createPki } from './pki';
import { reserveSlot } from './ports';
import {
  oneTimeCode,
  oneTimeCodeService,
  pamPathOf,
  prepareOneTimeCodeLogin,
} from './one-time-code';
import { killTreeSync, stopTree } from './processes';
import { startSshd, type RunningSshd, type SshServer } from './sshd';
import { ensureTestUser } from './test-user';
import { startVsftpd, type FtpServer, type RunningVsftpd } from './vsftpd';

export type { ServerKind } from './kinds';
export type { SshServer, HostKey } from './sshd';
export type { FtpServer } from './vsftpd';
export type { Fixtures } from './fixtures';
export { SERVER_KINDS } from './kinds';

export interface TestServers {
  user: { name: string; password: string };
  /** Absolute server-side folder this harness instance gives the test user: FTP sees it as "/", SFTP logs in there (SFTP paths are absolute, so SFTP path = root + '/x'). */
  root: string;
  sftp?: SshServer;
  /** SFTP whose login asks for the password and then a one-time code (one-time-code.ts). */
  sftpOtp?: OneTimeCodeServer;
  ftpsExplicit?: FtpServer;
  ftpsExplicitTls12?: FtpServer;
  ftpsImplicit?: FtpServer;
  ftp?: FtpServer;
  ftpsWeak?: FtpServer;
  ca: { certPem: string; certPath: string };
  serverCert: { pem: string; fingerprint256: string };
  clientKey: {
    privateKeyPath: string;
    passphrase: string;
    unencryptedPrivateKeyPath: string;
    publicKey: string;
  };
  /** Helpers that create server-side fixtures owned by the test user (root-created files would be undeletable by the server). Paths relative to root. */
  fixtures: Fixtures;
  /** The instance's private folder (configs, keys, certificates, server logs); removed on stop. */
  workDir: string;
  /** Process groups of the running servers (for tests that check nothing is left behind). */
  processGroups(): number[];
  stop(): Promise<void>;
}

export interface OneTimeCodeServer extends SshServer {
  /** The code an authenticator app would show now (or at `time`, ms since the epoch). */
  oneTimeCode(time?: number): string;
  /** Its PAM service file in /etc/pam.d (removed on stop). */
  pamPath: string;
}

const FTP_FIELDS = {
  'ftps-explicit': 'ftpsExplicit',
  'ftps-explicit-tls12': 'ftpsExplicitTls12',
  'ftps-implicit': 'ftpsImplicit',
  ftp: 'ftp',
  'ftps-weak': 'ftpsWeak',
} as const satisfies Record<FtpKind, keyof TestServers>;

/** Starts the requested servers (default: all kinds) and waits until each answers. */
export async function startServers(kinds: ServerKind[] = [...SERVER_KINDS]): Promise<TestServers> {
  const user = await ensureTestUser();
  const workDir = await mkdtemp(join(tmpdir(), 'ferry-harness-'));
  const id = basename(workDir).slice('ferry-harness-'.length);
  const root = join(user.home, `harness-${id}`);
  const authorizedKeysPath = join(user.home, '.ssh', `authorized_keys.harness-${id}`);
  const removable = [workDir, root, authorizedKeysPath];
  const otpService = oneTimeCodeService();
  if (kinds.includes('sftp-otp')) removable.push(pamPathOf(otpService));

  const slot = await reserveSlot();
  const watchdog = startWatchdog(workDir, removable.slice(1));
  let sshd: RunningSshd | undefined;
  let otpSshd: { running: RunningSshd; secret: string } | undefined;
  const ftpServers: RunningVsftpd[] = [];
  const processGroups = (): number[] => [
    ...(sshd ? [sshd.pgid()] : []),
    ...(otpSshd ? [otpSshd.running.pgid()] : []),
    ...ftpServers.map((s) => s.pgid),
  ];

  let stopping: Promise<void> | undefined;
  const target: CleanupTarget = {
    stop: () =>
      (stopping ??= (async () => {
        unregister(target);
        await Promise.allSettled([
          sshd?.stop(),
          otpSshd?.running.stop(),
          ...ftpServers.map((s) => s.stop()),
        ]);
        if (watchdog !== undefined) await stopTree(watchdog, 200);
        await Promise.all(removable.map((path) => rm(path, { recursive: true, force: true })));
        await slot.release();
      })()),
    killSync() {
      for (const pgid of [...processGroups(), ...(watchdog !== undefined ? [watchdog] : [])]) {
        killTreeSync(pgid);
      }
      for (const path of removable) rmSync(path, { recursive: true, force: true });
    },
  };
  register(target);

  try {
    await mkdir(root, { mode: 0o755 });
    await chown(root, user.uid, user.gid);
    await chmod(root, 0o755);
    const [pki, clientKey] = await Promise.all([createPki(workDir), createClientKey(workDir)]);
    await writeFile(authorizedKeysPath, `${clientKey.publicKey}\n`, { mode: 0o600 });
    await chown(authorizedKeysPath, user.uid, user.gid); // StrictModes

    const starting: Promise<void>[] = [];
    if (kinds.includes('sftp')) {
      starting.push(
        startSshd({ dir: workDir, slot, userName: user.name, root, authorizedKeysPath }).then(
          (s) => {
            sshd = s;
          },
        ),
      );
    }
    if (kinds.includes('sftp-otp')) {
      const login = await prepareOneTimeCodeLogin(join(workDir, 'otp-login'), otpService);
      const sshdOptions = { dir: workDir, slot, userName: user.name, root, authorizedKeysPath };
      starting.push(
        startSshd({ ...sshdOptions, oneTimeCodeSshd: login.sshdPath, filePrefix: 'otp-' }).then(
          (running) => {
            otpSshd = { running, secret: login.secret };
          },
        ),
      );
    }
    for (const kind of Object.keys(FTP_FIELDS) as FtpKind[]) {
      if (!kinds.includes(kind)) continue;
      const options = {
        kind,
        dir: workDir,
        slot,
        userName: user.name,
        root,
        certPath: pki.serverCert.certPath,
        keyPath: pki.serverCert.keyPath,
      };
      starting.push(startVsftpd(options).then((s) => void ftpServers.push(s)));
    }
    const results = await Promise.allSettled(starting);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;

    const servers: TestServers = {
      user: { name: user.name, password: user.password },
      root,
      ca: pki.ca,
      serverCert: { pem: pki.serverCert.pem, fingerprint256: pki.serverCert.fingerprint256 },
      clientKey,
      fixtures: createFixtures(root, user.uid, user.gid),
      workDir,
      processGroups,
      stop: () => target.stop(),
    };
    if (sshd) servers.sftp = sshd.server;
    if (otpSshd) {
      const { secret } = otpSshd;
      servers.sftpOtp = Object.assign(otpSshd.running.server, {
        oneTimeCode: (time?: number) => oneTimeCode(secret, time),
        pamPath: pamPathOf(otpService),
      });
    }
    for (const running of ftpServers) servers[FTP_FIELDS[running.server.kind]] = running.server;
    return servers;
  } catch (error) {
    await target.stop();
    throw error;
  }
}
