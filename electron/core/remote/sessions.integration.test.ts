import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmitEvent, EventName, EventPayload } from '../../../shared/contract';
import type { TrustDecision, TrustPrompt } from '../../../shared/contract/remote';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { TrustBroker } from '../trust/broker';
import { CertPins } from '../trust/cert-pins';
import { KnownHosts } from '../trust/known-hosts';
import { remoteHandlers, type RemoteHandlers } from './handlers';
import { SessionClaims } from './session-claims';
import { SessionManager } from './sessions';
import { sftpParams } from './sftp-testing';

interface Emitted {
  name: EventName;
  payload: unknown;
}

let events: Emitted[];
let answer: TrustDecision;
let broker: TrustBroker;
let knownHosts: KnownHosts;
let sessions: SessionManager;
let handlers: RemoteHandlers;

/** Captures every event; answers trust prompts the way the user would, through the broker. */
const emit: EmitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => {
  events.push({ name, payload });
  if (name === 'trust.prompt') {
    const prompt = payload as TrustPrompt;
    setTimeout(
      () => void handlers['trust.respond']({ promptId: prompt.promptId, decision: answer }),
      20,
    );
  }
};
const prompts = (): TrustPrompt[] =>
  events.filter((e) => e.name === 'trust.prompt').map((e) => e.payload as TrustPrompt);

const harness = harnessForSuite(['sftp'], 'ferry-sessions-test-');
afterAll(async () => {
  await sessions?.disconnectAll();
});
beforeEach(async () => {
  await sessions?.disconnectAll();
  events = [];
  answer = 'reject';
  broker = new TrustBroker(emit);
  knownHosts = new KnownHosts(join(harness.scratch, `known-hosts-${Date.now()}.json`));
  const certPins = new CertPins(join(harness.scratch, `cert-pins-${Date.now()}.json`));
  sessions = new SessionManager({ emit, broker, knownHosts, certPins, timeoutMs: 5000 });
  const open = sessions;
  const claims = new SessionClaims({
    openSessions: () => open.list().map((s) => s.sessionId),
    close: (sessionId) => open.disconnect(sessionId),
    isBusy: () => false,
    graceMs: 60_000,
    adoptAfterMs: 10_000,
  });
  handlers = remoteHandlers(sessions, broker, claims);
});

describe('trusting a server', () => {
  it('asks on first contact with the real fingerprint; "trust always" stores it and is silent next time', async () => {
    answer = 'trust-always';
    const info = await handlers['remote.connect'](sftpParams(harness.servers));
    const [key] = harness.servers.sftp?.hostKeys ?? [];
    expect(prompts()).toEqual([
      expect.objectContaining({
        kind: 'host-key',
        host: '127.0.0.1',
        port: harness.servers.sftp?.port,
        keyType: key?.type,
        fingerprint: key?.fingerprint,
      }),
    ]);
    expect(events.some((e) => e.name === 'trust.settled')).toBe(true);
    expect(info).toMatchObject({
      protocol: 'sftp',
      home: harness.servers.root,
      user: harness.servers.user.name,
    });
    expect(info.serverBanner).toMatch(/^SSH-2\.0-/);

    const saved = await knownHosts.list();
    expect(saved).toEqual([expect.objectContaining({ fingerprint: key?.fingerprint })]);

    events = [];
    answer = 'reject'; // would fail if asked
    await handlers['remote.connect'](sftpParams(harness.servers));
    expect(prompts()).toEqual([]);
    expect(await handlers['remote.sessions']({})).toHaveLength(2);
  });

  it('"trust once" connects without storing, and asks again next time', async () => {
    answer = 'trust-once';
    const info = await sessions.connect(sftpParams(harness.servers));
    expect(await knownHosts.list()).toEqual([]);
    // More connections of the same session (parallel transfers) do not ask again.
    const extra = await sessions.openConnection(info.sessionId);
    await extra.close();
    expect(prompts()).toHaveLength(1);

    await sessions.connect(sftpParams(harness.servers));
    expect(prompts()).toHaveLength(2);
  });

  it('"reject" refuses to connect with trust_declined (not a login failure)', async () => {
    answer = 'reject';
    await expect(sessions.connect(sftpParams(harness.servers))).rejects.toMatchObject({
      code: 'trust_declined',
    });
    expect(sessions.list()).toEqual([]);
    expect(await knownHosts.list()).toEqual([]);
  });
});

describe('plain FTP', () => {
  it('is refused until the user acknowledges the risk', async () => {
    await expect(
      sessions.connect({ protocol: 'ftp', host: '127.0.0.1', port: 21, user: 'u', password: 'p' }),
    ).rejects.toMatchObject({ code: 'plain_ftp_not_acknowledged' });
  });
});

describe('the remote pane through the contract handlers', () => {
  it('lists, makes folders, renames, changes permissions and deletes — as seen on disk', async () => {
    answer = 'trust-once';
    const { sessionId } = await handlers['remote.connect'](sftpParams(harness.servers));
    await harness.servers.fixtures.writeFile('pane/notes.txt', 'hello');
    const base = `${harness.servers.root}/pane`;

    const made = await handlers['remote.mkdir']({ sessionId, parent: base, name: 'New folder' });
    expect(made).toBe(`${base}/New folder`);
    expect((await stat(made)).isDirectory()).toBe(true);
    await expect(
      handlers['remote.mkdir']({ sessionId, parent: base, name: 'New folder' }),
    ).rejects.toMatchObject({ code: 'already_exists' });

    const renamed = await handlers['remote.rename']({
      sessionId,
      path: `${base}/notes.txt`,
      newName: 'notes (old).txt',
    });
    expect(await readFile(renamed, 'utf8')).toBe('hello');
    await expect(
      handlers['remote.rename']({ sessionId, path: renamed, newName: 'New folder' }),
    ).rejects.toMatchObject({ code: 'already_exists' });

    await handlers['remote.chmod']({ sessionId, path: renamed, mode: 0o600 });
    expect((await stat(renamed)).mode & 0o777).toBe(0o600);

    const listing = await handlers['remote.list']({ sessionId, path: base });
    expect(listing.entries.map((e) => `${e.kind}:${e.name}`).sort()).toEqual([
      'file:notes (old).txt',
      'folder:New folder',
    ]);

    await harness.servers.fixtures.writeFile('pane/New folder/inner/deep.txt', 'x');
    await handlers['remote.delete']({
      sessionId,
      paths: [made, renamed, `${base}/already gone`],
    });
    expect((await handlers['remote.list']({ sessionId, path: base })).entries).toEqual([]);
    await expect(handlers['remote.delete']({ sessionId, paths: ['/'] })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('disconnect closes the session and says so; its id is then unknown', async () => {
    answer = 'trust-once';
    const { sessionId } = await handlers['remote.connect'](sftpParams(harness.servers));
    await handlers['remote.disconnect']({ sessionId });
    expect(events).toContainEqual({ name: 'session.closed', payload: { sessionId } });
    expect(await handlers['remote.sessions']({})).toEqual([]);
    await expect(
      handlers['remote.list']({ sessionId, path: harness.servers.root }),
    ).rejects.toMatchObject({
      code: 'session_not_found',
    });
  });

  it('keeps passwords and passphrases out of every log line, even at verbose level', async () => {
    answer = 'trust-always';
    const { privateKeyPath, passphrase } = harness.servers.clientKey;
    await sessions.connect(sftpParams(harness.servers, { privateKeyPath, passphrase }));
    await expect(
      sessions.connect(sftpParams(harness.servers, { password: 'Wrong-Secret-9f3a' })),
    ).rejects.toMatchObject({ code: 'auth_failed' });
    await expect(
      sessions.connect(
        sftpParams(harness.servers, {
          password: undefined,
          privateKeyPath,
          passphrase: 'Wrong-Passphrase-77c1',
        }),
      ),
    ).rejects.toMatchObject({ code: 'auth_failed' });

    const lines = events
      .filter((e) => e.name === 'log.line')
      .map((e) => (e.payload as EventPayload<'log.line'>).text);
    const all = lines.join('\n');
    // The conversation is there (so this test is not vacuous)...
    expect(all).toContain('USERAUTH_REQUEST');
    expect(all).toContain('Server host key: ssh-ed25519 SHA256:');
    expect(lines.length).toBeGreaterThan(50);
    // ...and no secret, in clear or base64.
    for (const secret of [
      harness.servers.user.password,
      passphrase,
      'Wrong-Secret-9f3a',
      'Wrong-Passphrase-77c1',
    ]) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(Buffer.from(secret).toString('base64'));
    }
  });
});

// Last: regenerating the host keys ends every open session on this server.
describe('when the server changes', () => {
  it('a dropped connection emits session.closed; a new host key is refused loudly without asking', async () => {
    answer = 'trust-always';
    const { sessionId } = await sessions.connect(sftpParams(harness.servers));
    const oldFingerprint = harness.servers.sftp?.hostKeys[0]?.fingerprint;
    events = [];

    await harness.servers.sftp?.regenerateHostKeys();
    await expect
      .poll(() => events.find((e) => e.name === 'session.closed'))
      .toMatchObject({
        payload: { sessionId, reason: expect.any(String) },
      });
    expect(sessions.list()).toEqual([]);

    const newFingerprint = harness.servers.sftp?.hostKeys[0]?.fingerprint ?? '';
    expect(newFingerprint).not.toBe(oldFingerprint);
    const refused = await sessions
      .connect(sftpParams(harness.servers))
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'host_key_changed' });
    const { message, hint } = refused as { message: string; hint: string };
    expect(message).toMatch(/man-in-the-middle/);
    expect(hint).toContain(newFingerprint);
    expect(hint).toMatch(/Settings → Trusted servers/);
    expect(prompts()).toEqual([]);
    // The stored key is untouched: refusing must not weaken what was trusted.
    expect(
      await knownHosts.lookup(
        '127.0.0.1',
        harness.servers.sftp?.port ?? 0,
        'ssh-ed25519',
        oldFingerprint ?? '',
      ),
    ).toBe('match');
  });
});
