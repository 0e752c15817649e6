/**
 * The transfer service as the app wires it: a real SessionManager (with the trust broker and
 * Ferry's stores) lends its login to the queue, the contract handlers drive it, and the settings
 * store sets its pace.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServers, type TestServers } from '../../../e2e/harness/servers';
import type { TrustPrompt } from '../../../shared/contract/remote';
import type { TransferJob } from '../../../shared/contract/transfers';
import { sftpParams } from '../remote/sftp-testing';
import { SessionManager } from '../remote/sessions';
import { SettingsStore } from '../settings/settings-store';
import { TrustBroker } from '../trust/broker';
import { CertPins } from '../trust/cert-pins';
import { KnownHosts } from '../trust/known-hosts';
import { createTransfers } from './service';
import { recorder } from './testing';

let servers: TestServers;
let dir: string;

beforeAll(async () => {
  servers = await startServers(['sftp']);
  dir = await mkdtemp(join(tmpdir(), 'ferry-transfer-service-'));
});
afterAll(async () => {
  await servers?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('downloads through the session login, asking about the server once, at its pace', async () => {
  const events = recorder();
  const broker = new TrustBroker(events.emit);
  events.on('trust.prompt', (prompt: TrustPrompt) => {
    setTimeout(() => broker.respond(prompt.promptId, 'trust-once'));
  });
  const sessions = new SessionManager({
    emit: events.emit,
    broker,
    knownHosts: new KnownHosts(join(dir, 'known-hosts.json')),
    certPins: new CertPins(join(dir, 'pinned-certificates.json')),
    timeoutMs: 5000,
  });
  let opened = 0;
  const openConnection = sessions.openConnection.bind(sessions);
  sessions.openConnection = (id) => {
    opened++;
    return openConnection(id);
  };
  const settings = new SettingsStore(dir);
  const transfers = createTransfers({ emit: events.emit, sessions, settings });
  const { handlers } = transfers;
  try {
    const session = await sessions.connect(sftpParams(servers));
    await handlers['settings.set']({ parallelTransfers: 3 });
    for (let i = 0; i < 6; i++) await servers.fixtures.writeFile(`svc/f${i}.txt`, `file ${i}`);
    const local = await mkdtemp(join(dir, 'down-'));
    const ids = await handlers['transfers.enqueue']({
      sessionId: session.sessionId,
      direction: 'download',
      sources: [posix.join(servers.root, 'svc')],
      targetFolder: local,
    });
    expect(ids).toHaveLength(1);
    await transfers.queue.whenIdle();
    const rows = await handlers['transfers.list']({});
    expect(rows.find((row: TransferJob) => row.id === ids[0])?.state).toBe('done');
    expect(await readFile(join(local, 'svc', 'f5.txt'), 'utf8')).toBe('file 5');
    // Three transfer connections of its own; the browsing connection was not one of them.
    expect(opened).toBeGreaterThanOrEqual(2);
    expect(opened).toBeLessThanOrEqual(3);
    // "Trust once" was asked for the session, and its transfer connections did not ask again.
    expect(events.events.filter((e) => e.name === 'trust.prompt')).toHaveLength(1);
    const totals = events.events.filter((e) => e.name === 'transfer.totals').at(-1);
    expect(totals?.payload).toMatchObject({ done: 6, failed: 0, paused: false });

    await expect(
      handlers['transfers.enqueue']({
        sessionId: 'no-such-session',
        direction: 'download',
        sources: ['/x'],
        targetFolder: local,
      }),
    ).rejects.toMatchObject({ code: 'session_not_found' });
    await expect(
      handlers['transfers.enqueue']({
        sessionId: session.sessionId,
        direction: 'download',
        sources: ['relative/path'],
        targetFolder: local,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  } finally {
    await transfers.dispose();
    await sessions.disconnectAll();
  }
});
