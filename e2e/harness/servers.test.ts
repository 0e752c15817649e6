import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, statSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Client, type ConnectConfig } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FtpControl } from './ftp-control';
import { isPortFree } from './launch';
import { isAlive, serverProcesses } from './processes';
import { probeOnce } from './readiness';
import { openSshFingerprint } from './sshd';
import { startServers, type TestServers } from './servers';

let servers: TestServers;

beforeAll(async () => {
  servers = await startServers();
});

afterAll(async () => {
  await servers?.stop();
});

function tlsTo(extra: ConnectionOptions = {}): ConnectionOptions {
  // The test CA explicitly: this machine exports NODE_EXTRA_CA_CERTS, never rely on it.
  return { ca: servers.ca.certPem, servername: 'localhost', ...extra };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} was not started`);
  return value;
}

/** Connects with ssh2, reports the host key fingerprint it saw and the SFTP login folder. */
function sftpLogin(auth: Partial<ConnectConfig>): Promise<{ fingerprint: string; cwd: string }> {
  const sftp = required(servers.sftp, 'sftp');
  return new Promise((resolve, reject) => {
    const client = new Client();
    let fingerprint = '';
    client
      .on('ready', () => {
        client.sftp((error, channel) => {
          if (error) return reject(error);
          channel.realpath('.', (err, cwd) => {
            client.end();
            if (err) reject(err);
            else resolve({ fingerprint, cwd });
          });
        });
      })
      .on('error', reject)
      .connect({
        host: '127.0.0.1',
        port: sftp.port,
        username: servers.user.name,
        hostVerifier: (key: Buffer) => {
          fingerprint = openSshFingerprint(`ssh-ed25519 ${key.toString('base64')}`);
          return true;
        },
        ...auth,
      });
  });
}

describe('sshd', () => {
  it('greets as OpenSSH and serves the host key whose fingerprint ssh-keygen reports', async () => {
    const sftp = required(servers.sftp, 'sftp');
    expect(await probeOnce(sftp.port, true)).toMatch(/^SSH-2\.0-OpenSSH/);
    const key = sftp.hostKeys[0];
    expect(key?.type).toBe('ssh-ed25519');
    const listed = execFileSync('ssh-keygen', ['-lf', key?.publicKeyPath ?? '']).toString();
    expect(listed.split(' ')[1]).toBe(key?.fingerprint);
  });

  it('logs in by password and by the encrypted client key, starting in the instance root', async () => {
    const byPassword = await sftpLogin({ password: servers.user.password });
    expect(byPassword.cwd).toBe(servers.root);
    expect(byPassword.fingerprint).toBe(servers.sftp?.hostKeys[0]?.fingerprint);
    const { privateKeyPath, passphrase } = servers.clientKey;
    const byKey = await sftpLogin({
      privateKey: execFileSync('cat', [privateKeyPath]),
      passphrase,
    });
    expect(byKey.cwd).toBe(servers.root);
  });
});

describe('vsftpd', () => {
  it('FTPS explicit refuses a clear-text login, then logs in over TLS 1.3 with the test CA', async () => {
    const port = required(servers.ftpsExplicit, 'ftps-explicit').port;
    const clear = await FtpControl.plain(port);
    expect((await clear.reply()).code).toBe(220);
    expect((await clear.send(`USER ${servers.user.name}`)).code).toBe(530); // vsftpd then hangs up
    clear.close();

    const ftp = await FtpControl.plain(port);
    expect((await ftp.reply()).code).toBe(220);
    expect((await ftp.send('AUTH TLS')).code).toBe(234);
    const tls = await ftp.upgrade(tlsTo());
    expect(tls.getProtocol()).toBe('TLSv1.3');
    expect(tls.getPeerX509Certificate()?.fingerprint256).toBe(servers.serverCert.fingerprint256);
    expect((await ftp.send(`USER ${servers.user.name}`)).code).toBe(331);
    expect((await ftp.send(`PASS ${servers.user.password}`)).code).toBe(230);
    expect((await ftp.send('PWD')).text).toContain('"/"');
    ftp.close();
  });

  it('the TLS-1.2 server refuses a TLS-1.3-only client and speaks TLS 1.2 to others', async () => {
    const port = required(servers.ftpsExplicitTls12, 'ftps-explicit-tls12').port;
    const refused = await FtpControl.plain(port);
    expect((await refused.reply()).code).toBe(220);
    expect((await refused.send('AUTH TLS')).code).toBe(234);
    await expect(refused.upgrade(tlsTo({ minVersion: 'TLSv1.3' }))).rejects.toThrow();
    refused.close();

    const accepted = await FtpControl.plain(port);
    await accepted.reply();
    await accepted.send('AUTH TLS');
    expect((await accepted.upgrade(tlsTo())).getProtocol()).toBe('TLSv1.2');
    accepted.close();
  });

  it('implicit FTPS sends its 220 only after the TLS handshake', async () => {
    const port = required(servers.ftpsImplicit, 'ftps-implicit').port;
    await expect(probeOnce(port, true, 300)).rejects.toThrow(); // silent in clear text
    const ftp = await FtpControl.implicit(port, tlsTo());
    expect((await ftp.reply()).code).toBe(220);
    expect((await ftp.send(`USER ${servers.user.name}`)).code).toBe(331);
    expect((await ftp.send(`PASS ${servers.user.password}`)).code).toBe(230);
    ftp.close();
  });

  it('plain FTP logs in without TLS and offers none', async () => {
    const ftp = await FtpControl.plain(required(servers.ftp, 'ftp').port);
    expect((await ftp.reply()).code).toBe(220);
    expect((await ftp.send('AUTH TLS')).code).not.toBe(234);
    expect((await ftp.send(`USER ${servers.user.name}`)).code).toBe(331);
    expect((await ftp.send(`PASS ${servers.user.password}`)).code).toBe(230);
    ftp.close();
  });

  it('only the weak server accepts a TLS 1.0 client', async () => {
    const tls10 = tlsTo({
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    const weak = await FtpControl.plain(required(servers.ftpsWeak, 'ftps-weak').port);
    await weak.reply();
    expect((await weak.send('AUTH TLS')).code).toBe(234);
    expect((await weak.upgrade(tls10)).getProtocol()).toBe('TLSv1');
    weak.close();

    const strict = await FtpControl.plain(required(servers.ftpsExplicit, 'ftps-explicit').port);
    await strict.reply();
    await strict.send('AUTH TLS');
    await expect(strict.upgrade(tls10)).rejects.toThrow();
    strict.close();
  });
});

describe('fixtures', () => {
  it('creates files, folders and links owned by the test user, visible at FTP "/"', async () => {
    const { fixtures, root } = servers;
    const uid = Number(execFileSync('id', ['-u', servers.user.name]).toString());
    const file = await fixtures.writeFile('docs/deep/a.txt', 'hello');
    expect(file).toBe(`${root}/docs/deep/a.txt`);
    const link = await fixtures.symlink('deep/a.txt', 'docs/link');
    const dir = await fixtures.mkdir('empty');
    for (const path of [file, `${root}/docs`, `${root}/docs/deep`, dir]) {
      expect(statSync(path).uid).toBe(uid);
    }
    expect(lstatSync(link).uid).toBe(uid);
    expect(() => fixtures.abs('../escape')).toThrow();

    const locked = await fixtures.makeUnreadable('locked');
    expect(statSync(locked).mode & 0o777).toBe(0);
    const ftp = await FtpControl.plain(required(servers.ftp, 'ftp').port);
    await ftp.reply();
    await ftp.send(`USER ${servers.user.name}`);
    await ftp.send(`PASS ${servers.user.password}`);
    expect((await ftp.send('SIZE /docs/deep/a.txt')).text).toMatch(/^213 5/);
    expect((await ftp.send('CWD /locked')).code).toBe(550);
    ftp.close();
  });
});

describe('lifecycle', () => {
  it('regenerates the host key and serves the new one on the same port', async () => {
    const sftp = required(servers.sftp, 'sftp');
    const before = { port: sftp.port, fingerprint: sftp.hostKeys[0]?.fingerprint };
    await sftp.regenerateHostKeys();
    expect(sftp.port).toBe(before.port);
    expect(sftp.hostKeys[0]?.fingerprint).not.toBe(before.fingerprint);
    const login = await sftpLogin({ password: servers.user.password });
    expect(login.fingerprint).toBe(sftp.hostKeys[0]?.fingerprint);
  });

  it('two instances run side by side with their own ports and passive ranges', async () => {
    const other = await startServers(['ftp', 'sftp']);
    try {
      const mine = required(servers.ftp, 'ftp');
      const theirs = required(other.ftp, 'ftp');
      expect(theirs.port).not.toBe(mine.port);
      expect(
        theirs.passivePorts.max < mine.passivePorts.min ||
          theirs.passivePorts.min > mine.passivePorts.max,
      ).toBe(true);
      expect(other.root).not.toBe(servers.root);
    } finally {
      await other.stop();
    }
  });

  it('stop() leaves no process, port or file behind', async () => {
    const instance = await startServers();
    const groups = instance.processGroups();
    const ports = [
      instance.sftp,
      instance.sftpOtp,
      instance.ftpsExplicit,
      instance.ftpsImplicit,
      instance.ftp,
    ].map((s) => required(s, 'server').port);
    expect(groups).toHaveLength(7);
    const pamPath = required(instance.sftpOtp, 'sftp-otp').pamPath;
    expect(existsSync(pamPath)).toBe(true);
    // A logged-in session runs in a child process of vsftpd: it must go too.
    const session = await FtpControl.plain(required(instance.ftp, 'ftp').port);
    await session.reply();
    await session.send(`USER ${instance.user.name}`);
    expect((await session.send(`PASS ${instance.user.password}`)).code).toBe(230);
    const pids = groups.flatMap(serverProcesses);
    expect(pids.length).toBeGreaterThan(groups.length);
    await instance.stop();
    session.close();
    expect(pids.filter(isAlive)).toEqual([]);
    for (const port of ports) expect(await isPortFree(port)).toBe(true);
    expect(existsSync(instance.workDir)).toBe(false);
    expect(existsSync(instance.root)).toBe(false);
    // Its PAM service for the one-time-code login went with it.
    expect(existsSync(pamPath)).toBe(false);
  });
});
