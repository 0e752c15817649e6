/**
 * The log of transfer connections against a real FTPS server: logins show, the per-file
 * commands are summarised in one line per burst, everything shows when the user asks for it,
 * and failures always show.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmitEvent, EventName, EventPayload } from '../../shared/contract';
import type { ConnectionParams } from '../../shared/types';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import { sha256 } from '../../e2e/harness/checksums';
import type { RemoteFs } from './remote/remote-fs';
import { SessionManager } from './remote/sessions';
import { TrustBroker } from './trust/broker';
import { CertPins } from './trust/cert-pins';
import { KnownHosts } from './trust/known-hosts';

type LogLine = EventPayload<'log.line'>;

let lines: LogLine[];
let sessions: SessionManager;
const emit: EmitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => {
  if (name === 'log.line') lines.push(payload as LogLine);
};

const files: Record<string, Buffer> = {};

const harness = harnessForSuite(['ftps-explicit', 'sftp'], 'ferry-log-transfer-');
beforeAll(async () => {
  await harness.servers.fixtures.mkdir('log-transfer');
  for (let i = 0; i < 5; i++) {
    const data = randomBytes(1000 + i);
    files[`f${i}.bin`] = data;
    await harness.servers.fixtures.writeFile(`log-transfer/f${i}.bin`, data);
  }
});
afterAll(async () => {
  await sessions?.disconnectAll();
});
beforeEach(async () => {
  await sessions?.disconnectAll();
  lines = [];
  // The harness's own host keys, as a user who checked them would have saved them.
  const knownHosts = new KnownHosts(join(harness.scratch, `known-${Date.now()}.json`));
  for (const key of harness.servers.sftp?.hostKeys ?? [])
    await knownHosts.add('127.0.0.1', harness.servers.sftp?.port ?? 0, key.type, key.fingerprint);
  sessions = new SessionManager({
    emit,
    broker: new TrustBroker(emit),
    knownHosts,
    certPins: new CertPins(join(harness.scratch, `pins-${Date.now()}.json`)),
    timeoutMs: 5000,
    ftpOptions: { extraCa: [harness.servers.ca.certPem] },
  });
});

function params(protocol: 'ftps-explicit' | 'sftp' = 'ftps-explicit'): ConnectionParams {
  return {
    protocol,
    host: '127.0.0.1',
    port:
      (protocol === 'sftp' ? harness.servers.sftp?.port : harness.servers.ftpsExplicit?.port) ?? 0,
    user: harness.servers.user.name,
    password: harness.servers.user.password,
  };
}

/** Where the test files are, as each protocol names them. */
const remoteDir = (protocol: 'ftps-explicit' | 'sftp') =>
  protocol === 'sftp' ? `${harness.servers.root}/log-transfer` : '/log-transfer';

async function fetch(fs: RemoteFs, path: string): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await fs.download(path, sink);
  return Buffer.concat(chunks);
}

/** Downloads every test file over a transfer connection, checking each byte. */
async function downloadAll(
  fs: RemoteFs,
  protocol: 'ftps-explicit' | 'sftp' = 'ftps-explicit',
): Promise<void> {
  for (const [name, data] of Object.entries(files)) {
    expect(sha256(await fetch(fs, `${remoteDir(protocol)}/${name}`))).toBe(sha256(data));
  }
}

const texts = (of: LogLine[]) => of.map((line) => line.text);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to `ms`) until `done` holds. */
async function until(done: () => boolean, ms = 20_000): Promise<void> {
  for (let waited = 0; waited < ms && !done(); waited += 25) await wait(25);
}

describe('the log of transfer connections', () => {
  it('shows the login, summarises the per-file commands, and keeps the password masked', async () => {
    const { sessionId } = await sessions.connect(params());
    const fs = await sessions.openConnection(sessionId);
    const afterLogin = lines.length;
    expect(texts(lines).join('\n')).toMatch(/USER|Login security/);
    await downloadAll(fs);
    expect(texts(lines.slice(afterLogin)).filter((t) => /^RETR /.test(t))).toEqual([]);
    // The summary comes once the connection has been quiet for a second.
    const isSummary = (l: LogLine) => l.text.startsWith('Transfer connections:');
    await until(() => lines.some(isSummary));
    const summary = lines.filter(isSummary);
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ sessionId, level: 'info' });
    // Per file at least the RETR and its replies were held back.
    expect(Number(/: ([\d,]+) routine/.exec(summary[0]?.text ?? '')?.[1])).toBeGreaterThanOrEqual(
      3 * Object.keys(files).length,
    );
    expect(texts(lines).join('\n')).not.toContain(harness.servers.user.password);
    await fs.close();
  });

  it('shows every command when the user asks for them', async () => {
    sessions.transferLog.showAll = true;
    const { sessionId } = await sessions.connect(params());
    const fs = await sessions.openConnection(sessionId);
    await downloadAll(fs);
    const retr = texts(lines).filter((t) => /^RETR \/log-transfer\/f\d\.bin$/.test(t));
    expect(retr).toHaveLength(Object.keys(files).length);
    await wait(1200);
    // (The previous test's connection may still summarise its goodbye: only this session counts.)
    const mine = lines.filter((l) => l.sessionId === sessionId);
    expect(texts(mine).some((t) => t.startsWith('Transfer connections:'))).toBe(false);
    await fs.close();
  });

  it('always shows a failure', async () => {
    const { sessionId } = await sessions.connect(params());
    const fs = await sessions.openConnection(sessionId);
    await expect(fetch(fs, '/log-transfer/missing.bin')).rejects.toBeDefined();
    expect(lines.some((l) => l.level === 'reply' && /^5\d\d/.test(l.text))).toBe(true);
    await fs.close();
  });

  it('over SFTP too: nothing per file once logged in, but a missing file shows', async () => {
    const { sessionId } = await sessions.connect(params('sftp'));
    const fs = await sessions.openConnection(sessionId);
    expect(texts(lines).join('\n')).toMatch(/Logged in|USERAUTH/);
    const afterLogin = lines.length;
    await downloadAll(fs, 'sftp');
    expect(texts(lines.slice(afterLogin))).toEqual([]);
    await expect(fetch(fs, `${remoteDir('sftp')}/missing.bin`)).rejects.toBeDefined();
    expect(texts(lines.slice(afterLogin)).join('\n')).toMatch(/STATUS/);
    await fs.close();
  });
});
