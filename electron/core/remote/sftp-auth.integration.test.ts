import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import ssh2, { type Connection, type Server } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSshKeyPair } from '../../../e2e/harness/ssh-keys';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { sshFingerprint } from '../trust/known-hosts-fingerprint';
import type { TrustDecider } from './connect-deps';
import { connectSftp } from './sftp';
import { captureLog, sftpParams, testDeps } from './sftp-testing';

const harness = harnessForSuite(['sftp'], 'ferry-sftp-auth-');

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`)),
    );
  });
}

describe('logging in through the SSH agent', () => {
  let agent: ChildProcess | undefined;
  const savedSocket = process.env.SSH_AUTH_SOCK;

  afterAll(() => {
    if (agent?.pid) process.kill(agent.pid, 'SIGTERM');
    if (savedSocket === undefined) delete process.env.SSH_AUTH_SOCK;
    else process.env.SSH_AUTH_SOCK = savedSocket;
  });

  it('uses the key held by the agent when asked to', async () => {
    const socketPath = join(harness.scratch, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', socketPath], { stdio: 'ignore' });
    const env = { ...process.env, SSH_AUTH_SOCK: socketPath };
    await expect
      .poll(() =>
        run('ssh-add', ['-l'], env).then(
          () => true,
          // exit 1 = agent up, no keys yet; anything else (2) = not up yet
          (error: Error) => error.message.endsWith('exited 1'),
        ),
      )
      .toBe(true);
    await run('ssh-add', [harness.servers.clientKey.unencryptedPrivateKeyPath], env);
    process.env.SSH_AUTH_SOCK = socketPath;

    const session = await connectSftp(
      sftpParams(harness.servers, { password: undefined, useAgent: true }),
      testDeps(harness.servers),
    );
    expect(await session.home()).toBe(harness.servers.root);
    await session.close();
  });

  it('says plainly when no agent is running and nothing else was given', async () => {
    delete process.env.SSH_AUTH_SOCK;
    await expect(
      connectSftp(
        sftpParams(harness.servers, { password: undefined, useAgent: true }),
        testDeps(harness.servers),
      ),
    ).rejects.toMatchObject({ code: 'auth_failed', message: /No SSH agent/ });
  });
});

describe('keyboard-interactive servers (an in-test ssh2 server)', () => {
  const hostKey = generateSshKeyPair();
  const hostKeyBlob = Buffer.from(hostKey.public.split(' ')[1] ?? '', 'base64');
  const answers: string[][] = [];
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    server = new ssh2.Server(
      // Lines before the SSH identification are allowed (RFC 4253 §4.2) and must not confuse us.
      { hostKeys: [hostKey.private], greeting: 'Welcome to the test box\r\nBe nice' },
      (client: Connection) => {
        client.on('error', () => undefined);
        client.on('authentication', (ctx) => {
          if (ctx.method !== 'keyboard-interactive') return ctx.reject(['keyboard-interactive']);
          ctx.prompt([{ prompt: 'Password: ', echo: false }], (replies) => {
            answers.push(replies);
            if (replies[0] === 'kbd-secret') ctx.accept();
            else ctx.reject();
          });
        });
        client.on('ready', () => {
          client.on('session', (accept) => {
            accept().on('sftp', (acceptSftp) => {
              const sftp = acceptSftp();
              sftp.on('REALPATH', (id) =>
                sftp.name(id, [{ filename: '/kbd-home', longname: '', attrs: {} as never }]),
              );
            });
          });
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const trustThisKey: TrustDecider = {
    checkHostKey: (_h: string, _p: number, _t: string, fingerprint: string) =>
      Promise.resolve(fingerprint === sshFingerprint(hostKeyBlob) ? 'trusted' : 'rejected'),
    checkCertificate: () => Promise.resolve('rejected' as const),
  };

  it('answers the password prompt with the password', async () => {
    const session = await connectSftp(
      { protocol: 'sftp', host: '127.0.0.1', port, user: 'kim', password: 'kbd-secret' },
      { trust: trustThisKey, log: captureLog(), timeoutMs: 5000 },
    );
    expect(await session.home()).toBe('/kbd-home');
    expect(session.serverBanner).toMatch(/^SSH-2\.0-/);
    expect(answers.at(-1)).toEqual(['kbd-secret']);
    await session.close();
  });

  it('a wrong password there is auth_failed', async () => {
    await expect(
      connectSftp(
        { protocol: 'sftp', host: '127.0.0.1', port, user: 'kim', password: 'nope' },
        { trust: trustThisKey, log: captureLog(), timeoutMs: 5000 },
      ),
    ).rejects.toMatchObject({ code: 'auth_failed' });
  });
});
