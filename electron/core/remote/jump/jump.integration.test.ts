/**
 * Connecting through an SSH jump host: the harness's own sshd is the jump host (it allows
 * `direct-tcpip` to 127.0.0.1 and localhost only: AllowTcpForwarding local, PermitOpen), and the
 * servers behind it are the harness's sshd and vsftpd, reached by the name "localhost" that only
 * the jump host resolves. Files go both ways with checksums; the jump host's key is asked about
 * under its own address, and what goes wrong at the jump host is said as the jump host's.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { reserveSlot } from '../../../../e2e/harness/ports';
import { startProxies } from '../../../../e2e/harness/proxies';
import { startSshd } from '../../../../e2e/harness/sshd';
import { harnessForSuite } from '../../../../e2e/harness/vitest-suite';
import type { EmitEvent, EventName, EventPayload } from '../../../../shared/contract';
import type { TrustDecision, TrustPrompt } from '../../../../shared/contract/remote';
import type { FerryError } from '../../../../shared/errors';
import type { JumpHostSettings } from '../../../../shared/jump-host';
import type { ConnectionParams } from '../../../../shared/types';
import { TrustBroker } from '../../trust/broker';
import { CertPins } from '../../trust/cert-pins';
import { KnownHosts } from '../../trust/known-hosts';
import { unusedPort } from '../ftp-test-kit';
import type { RemoteFs } from '../remote-fs';
import { roundTrip as roundTripOver } from '../round-trip-test-kit';
import { SessionManager, type SessionManagerOptions } from '../sessions';

const harness = harnessForSuite(
  ['sftp', 'sftp-otp', 'ftps-explicit', 'ftps-implicit', 'ftp'],
  'ferry-jump-',
);

let events: { name: EventName; payload: unknown }[];
let answer: (prompt: TrustPrompt) => TrustDecision;
let broker: TrustBroker;
let knownHosts: KnownHosts;
let sessions: SessionManager;
let certPins: CertPins;

const emit: EmitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => {
  events.push({ name, payload });
  if (name === 'trust.prompt') {
    const prompt = payload as TrustPrompt;
    setTimeout(() => broker.respond(prompt.promptId, answer(prompt)), 10);
  }
};
const prompts = (): TrustPrompt[] =>
  events.filter((e) => e.name === 'trust.prompt').map((e) => e.payload as TrustPrompt);
const logText = (): string =>
  events
    .filter((e) => e.name === 'log.line')
    .map((e) => (e.payload as { text: string }).text)
    .join('\n');

afterAll(async () => {
  await sessions?.disconnectAll();
});
beforeEach(async () => {
  await sessions?.disconnectAll();
  events = [];
  answer = () => 'trust-once';
  broker = new TrustBroker(emit);
  const stamp = `${Date.now()}-${Math.random()}`;
  knownHosts = new KnownHosts(join(harness.scratch, `known-hosts-${stamp}.json`));
  certPins = new CertPins(join(harness.scratch, `cert-pins-${stamp}.json`));
  sessions = sessionManager({ ftpOptions: { extraCa: [harness.servers.ca.certPem] } });
});

/** How many of this process's handles of `kind` are open, once at most `most` (≤ 2 s). */
async function openCount(kind: string, most = Infinity): Promise<number> {
  const count = (): number => process.getActiveResourcesInfo().filter((k) => k === kind).length;
  for (let waited = 0; waited < 2000 && count() > most; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return count();
}

/** A session manager asking this suite's broker, with its stores; `extra` on top. */
function sessionManager(extra: Partial<SessionManagerOptions> = {}): SessionManager {
  return new SessionManager({ emit, broker, knownHosts, certPins, timeoutMs: 8000, ...extra });
}

function jumpHost(extra: Partial<JumpHostSettings> = {}): JumpHostSettings {
  const { servers } = harness;
  return {
    host: '127.0.0.1',
    port: servers.sftp!.port,
    user: servers.user.name,
    password: servers.user.password,
    ...extra,
  };
}

function behindJump(
  protocol: 'sftp' | 'ftps-explicit' | 'ftps-implicit' | 'ftp',
  extra: Partial<ConnectionParams> = {},
): ConnectionParams {
  const { servers } = harness;
  const ports = {
    sftp: servers.sftp!.port,
    'ftps-explicit': servers.ftpsExplicit!.port,
    'ftps-implicit': servers.ftpsImplicit!.port,
    ftp: servers.ftp!.port,
  };
  return {
    protocol,
    host: 'localhost',
    port: ports[protocol],
    user: servers.user.name,
    password: servers.user.password,
    proxy: null,
    jump: jumpHost(),
    ...extra,
  };
}

/** A file of 2 * 1024 * 1024 + 31 bytes up and back (round-trip-test-kit.ts). */
function roundTrip(fs: RemoteFs, folder: string): Promise<void> {
  return roundTripOver(fs, folder, harness.servers.root, 2 * 1024 * 1024 + 31);
}

async function refusal(params: ConnectionParams): Promise<FerryError> {
  return sessions.connect(params).then(
    () => {
      throw new Error('connected, but should have been refused');
    },
    (error: FerryError) => error,
  );
}

describe('through the jump host', () => {
  it('SFTP: the jump host is asked about under its own address first, files move intact, transfers share the one jump login', async () => {
    const [key] = harness.servers.sftp!.hostKeys;
    const info = await sessions.connect(behindJump('sftp'));
    expect(
      prompts().map((p) => [
        p.kind,
        'host' in p ? p.host : '',
        'fingerprint' in p ? p.fingerprint : '',
      ]),
    ).toEqual([
      ['host-key', '127.0.0.1', key!.fingerprint],
      ['host-key', 'localhost', key!.fingerprint],
    ]);
    // The user is told which is the jump host, and where it leads.
    expect(prompts()[0]).toMatchObject({ jumpHostFor: `localhost:${harness.servers.sftp!.port}` });
    expect(prompts()[1]).not.toHaveProperty('jumpHostFor');
    expect(info.jump).toBe(
      `SSH jump host ${harness.servers.user.name}@127.0.0.1:${harness.servers.sftp!.port}`,
    );
    await roundTrip(sessions.get(info.sessionId), harness.servers.root);
    // Two transfer connections: no new question, no second jump login.
    const extra = [
      await sessions.openConnection(info.sessionId),
      await sessions.openConnection(info.sessionId),
    ];
    await Promise.all(extra.map((fs) => roundTrip(fs, harness.servers.root)));
    await Promise.all(extra.map((fs) => fs.close()));
    expect(prompts()).toHaveLength(2);
    expect(logText().match(/Logging in to the SSH jump host/g)).toHaveLength(1);
    expect(logText()).not.toContain(harness.servers.user.password);
    // Closing the session ends the jump connection too: sshd sees both logins end.
    const ended = async (): Promise<number> =>
      (
        (await readFile(harness.servers.sftp!.logPath, 'utf8')).match(/Disconnected from user/g) ??
        []
      ).length;
    // The two transfer connections have ended (this is the suite's first test).
    await expect.poll(ended, { timeout: 3000 }).toBe(2);
    const before = await ended();
    await sessions.disconnect(info.sessionId);
    await expect.poll(ended, { timeout: 3000 }).toBe(before + 2);
  });

  it('FTPS: control and every data connection go through the jump host, the certificate checked as ever', async () => {
    const info = await sessions.connect(behindJump('ftps-explicit'));
    const fs = sessions.get(info.sessionId);
    await harness.servers.fixtures.writeFile('jump-dir/hello.txt', 'through the jump host');
    const listing = await fs.list('/jump-dir');
    expect(listing.entries.map((e) => e.name)).toContain('hello.txt');
    await roundTrip(fs, '');
    const transfer = await sessions.openConnection(info.sessionId);
    await roundTrip(transfer, '');
    await transfer.close();
    // Each data connection's local relay (a listener and two sockets) closes with it: many
    // listings leave no more sockets open than one did, and no listener at all.
    const sockets = await openCount('TCPSocketWrap');
    for (let i = 0; i < 20; i++) await fs.list('/jump-dir');
    expect(await openCount('TCPSocketWrap', sockets)).toBeLessThanOrEqual(sockets);
    expect(await openCount('TCPServerWrap', 0)).toBe(0);
    // The test CA vouches for "localhost": only the jump host's key was asked about.
    expect(prompts().map((p) => p.kind)).toEqual(['host-key']);
    expect(logText().match(/Logging in to the SSH jump host/g)).toHaveLength(1);
  });

  it('implicit FTPS, and plain FTP (passive: active cannot work through it), move files intact', async () => {
    const implicit = await sessions.connect(behindJump('ftps-implicit'));
    await roundTrip(sessions.get(implicit.sessionId), '');
    const plain = await sessions.connect(
      behindJump('ftp', { plainFtpAcknowledged: true, passive: false }),
    );
    await roundTrip(sessions.get(plain.sessionId), '');
    expect(logText()).toContain('Active mode cannot work through a proxy or jump host');
    // Each session made its own jump login.
    expect(logText().match(/Logging in to the SSH jump host/g)).toHaveLength(2);
  });

  it('the jump connection itself goes through the app’s proxy (HTTP CONNECT with a login)', async () => {
    const proxies = await startProxies(harness.servers);
    try {
      const { port } = proxies.httpAuth;
      sessions = sessionManager({
        defaultProxy: () =>
          Promise.resolve({
            kind: 'http',
            host: '127.0.0.1',
            port,
            user: proxies.user.name,
            password: proxies.user.password,
          }),
      });
      const info = await sessions.connect({ ...behindJump('sftp'), proxy: undefined });
      expect(info.jump).toContain('SSH jump host');
      expect(info.proxy).toBe(`HTTP CONNECT proxy 127.0.0.1:${port}`);
      await roundTrip(sessions.get(info.sessionId), harness.servers.root);
      // The proxy opened one tunnel: to the jump host, never to the server behind it.
      const tunnels = (await readFile(proxies.httpAuth.logPath, 'utf8')).match(/CONNECT [^ ]+/g);
      expect(tunnels).toEqual([`CONNECT 127.0.0.1:${harness.servers.sftp!.port}`]);
      expect(logText()).not.toContain(proxies.user.password);
    } finally {
      await proxies.stop();
    }
  });

  it('a jump host that asks for a one-time code asks once: the session’s transfers share its login', async () => {
    const asked: { host: string; port: number }[] = [];
    sessions = sessionManager({
      loginQuestions: {
        ask: (question) => {
          asked.push({ host: question.host, port: question.port });
          return Promise.resolve(
            question.prompts.map(() => harness.servers.sftpOtp!.oneTimeCode()),
          );
        },
      },
    });
    const otpPort = harness.servers.sftpOtp!.port;
    const info = await sessions.connect(behindJump('sftp', { jump: jumpHost({ port: otpPort }) }));
    const extra = await sessions.openConnection(info.sessionId);
    await roundTrip(extra, harness.servers.root);
    await extra.close();
    expect(asked).toEqual([{ host: '127.0.0.1', port: otpPort }]);
  });

  it('FTPS: a certificate no trusted authority vouches for is asked about, and refused when the user says no', async () => {
    // Without the test CA: the certificate is checked through the tunnel as on a direct connection.
    sessions = sessionManager();
    answer = (prompt) => (prompt.kind === 'host-key' ? 'trust-once' : 'reject');
    const error = await refusal(behindJump('ftps-explicit'));
    expect(prompts().map((p) => p.kind)).toEqual(['host-key', 'certificate']);
    expect(error.code).toMatch(/certificate_untrusted|trust_declined/);
  });
});

describe('what the jump host refuses, in words', () => {
  it('an unknown jump host key the user rejects: nothing further happens', async () => {
    answer = () => 'reject';
    const error = await refusal(behindJump('sftp'));
    expect(error.code).toBe('trust_declined');
    expect(prompts()).toHaveLength(1);
    expect(prompts()[0]).toMatchObject({ kind: 'host-key', host: '127.0.0.1' });
  });

  it('a changed jump host key is refused loudly, without asking', async () => {
    const [key] = harness.servers.sftp!.hostKeys;
    await knownHosts.add(
      '127.0.0.1',
      harness.servers.sftp!.port,
      key!.type,
      'SHA256:' + 'A'.repeat(43),
    );
    const error = await refusal(behindJump('sftp'));
    expect(error.code).toBe('host_key_changed');
    expect(error.message).toContain(`127.0.0.1:${harness.servers.sftp!.port}`);
    expect(prompts()).toHaveLength(0);
  });

  it('a wrong jump host password: the jump host refused the login (not the server)', async () => {
    const error = await refusal(
      behindJump('sftp', { jump: jumpHost({ password: 'wrong-password' }) }),
    );
    expect(error.code).toBe('auth_failed');
    expect(error.message).toMatch(/^The jump host 127\.0\.0\.1:\d+ refused the login/);
    expect(error.hint).toContain('jump host’s login, not the server’s');
    expect(logText()).not.toContain('wrong-password');
  });

  it('a jump host that is not there', async () => {
    const port = await unusedPort();
    const error = await refusal(behindJump('sftp', { jump: jumpHost({ port }) }));
    expect(error.code).toBe('connection_refused');
    expect(error.message).toBe(
      `Ferry could not reach the jump host 127.0.0.1:${port}: nothing is accepting connections on 127.0.0.1:${port}.`,
    );
  });

  it('forwarding refused by the jump host (PermitOpen allows only 127.0.0.1 and localhost)', async () => {
    const error = await refusal(behindJump('sftp', { host: '127.0.0.2' }));
    expect(error.code).toBe('connection_refused');
    expect(error.message).toMatch(
      /^The jump host 127\.0\.0\.1:\d+ refused to forward the connection to 127\.0\.0\.2:\d+/,
    );
    expect(error.hint).toContain('AllowTcpForwarding or PermitOpen');
  });

  it('forwarding refused by a jump host that allows no tunnels at all (AllowTcpForwarding no)', async () => {
    const { servers } = harness;
    const slot = await reserveSlot();
    const strict = await startSshd({
      dir: servers.workDir,
      slot,
      userName: servers.user.name,
      root: servers.root,
      authorizedKeysPath: join(servers.workDir, 'no-forwarding-authorized_keys'),
      filePrefix: 'no-forwarding-',
      allowTcpForwarding: false,
    });
    try {
      const port = strict.server.port;
      const error = await refusal(behindJump('sftp', { jump: jumpHost({ port }) }));
      expect(error.code).toBe('connection_refused');
      expect(error.message).toMatch(
        new RegExp(
          `^The jump host 127\\.0\\.0\\.1:${port} refused to forward the connection to localhost:`,
        ),
      );
      // Its own key was asked about under its own address; the server's never was.
      expect(prompts().map((p) => ('port' in p ? p.port : 0))).toEqual([port]);
    } finally {
      await strict.stop();
      await slot.release();
    }
  });

  it('a server the jump host cannot reach', async () => {
    const port = await unusedPort();
    const error = await refusal(behindJump('ftps-explicit', { port }));
    expect(error.code).toBe('connection_refused');
    expect(error.message).toMatch(
      new RegExp(
        `^The jump host 127\\.0\\.0\\.1:\\d+ could not reach the server localhost:${port}`,
      ),
    );
  });
});
