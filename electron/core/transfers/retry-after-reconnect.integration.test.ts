/**
 * Retry after a Reconnect, through the app's handlers against the real sshd behind a relay that
 * hangs up like a dropped network: a download that failed on a connection that is gone since
 * retries on the session opened again to the same server as the same user, and lands intact;
 * a session to another address does not take it over. A download cut mid-way says why, as its
 * tab does, and what to do — then resumes to the right bytes.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { startHangUpRelay, type HangUpRelay } from '../../../e2e/helpers/hang-up-relay';
import type { EventPayload } from '../../../shared/contract';
import type { TransferJob } from '../../../shared/contract/transfers';
import type { FerryApp } from '../app';
import { sftpParams } from '../remote/sftp-testing';
import { patterned } from './testing';
import { appTrustingOnce, jobWhen } from './testing-app';

const harness = harnessForSuite(['sftp'], 'ferry-retry-reconnect-');
let app: FerryApp;
let events: ReturnType<typeof appTrustingOnce>['events'];
let relay: HangUpRelay;
const content = patterned(256 * 1024, 11);
const big = patterned(2 * 1024 * 1024, 12);
let locked: string;

beforeAll(async () => {
  locked = await harness.servers.fixtures.writeFile('reconnect/locked.bin', content);
  // The server's user may not read it: the download fails, and is not retried by itself.
  await chmod(locked, 0o000);
  await harness.servers.fixtures.writeFile('reconnect/big.bin', big);
  relay = await startHangUpRelay(harness.servers.sftp!.port);
  ({ app, events } = appTrustingOnce(harness.scratch));
});
afterAll(async () => {
  await app?.dispose();
  await relay?.close();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const until = (jobId: string, done: (job: TransferJob) => boolean) => jobWhen(app, jobId, done);
const settled = (jobId: string) =>
  until(jobId, (job) => job.state !== 'queued' && job.state !== 'active');

it('a failed download retries on the session opened again to its server, and lands intact', async () => {
  const { handlers } = app;
  const throughRelay = { ...sftpParams(harness.servers), port: relay.port };
  const first = await handlers['remote.connect'](throughRelay);
  const target = await mkdtemp(join(harness.scratch, 'downloads-'));
  const [jobId] = await handlers['transfers.enqueue']({
    sessionId: first.sessionId,
    direction: 'download',
    sources: [posix.join(harness.servers.root, 'reconnect', 'locked.bin')],
    targetFolder: target,
  });
  expect(await settled(jobId!)).toMatchObject({ state: 'failed', sessionId: first.sessionId });

  // The network drops: the session is gone.
  relay.hangUp();
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (events.events.some((e) => e.name === 'session.closed')) break;
    await sleep(50);
  }
  expect((await handlers['remote.sessions']({})).map((s) => s.sessionId)).toEqual([]);
  await chmod(locked, 0o644);

  // Another address (the server without the relay) is not the same server: nothing moves.
  const elsewhere = await handlers['remote.connect'](sftpParams(harness.servers));
  await handlers['transfers.retry']({ jobId });
  expect(await settled(jobId!)).toMatchObject({ state: 'failed', sessionId: first.sessionId });

  // Reconnect to the same server as the same user: Retry moves the download there.
  const again = await handlers['remote.connect'](throughRelay);
  await handlers['transfers.retry']({ jobId });
  expect(await settled(jobId!)).toMatchObject({ state: 'done', sessionId: again.sessionId });
  expect(sha256(await readFile(join(target, 'locked.bin')))).toBe(sha256(content));
  await handlers['remote.disconnect']({ sessionId: elsewhere.sessionId });
});

it('a download cut mid-way says the server hung up and to Reconnect, then resumes intact', async () => {
  const { handlers } = app;
  events.events.length = 0;
  // Slow enough to cut mid-download: about 4 s for the whole file.
  await handlers['settings.set']({ downloadLimit: { value: 512, unit: 'KiB/s' } });
  const throughRelay = { ...sftpParams(harness.servers), port: relay.port };
  const first = await handlers['remote.connect'](throughRelay);
  const target = await mkdtemp(join(harness.scratch, 'cut-'));
  const [jobId] = await handlers['transfers.enqueue']({
    sessionId: first.sessionId,
    direction: 'download',
    sources: [posix.join(harness.servers.root, 'reconnect', 'big.bin')],
    targetFolder: target,
  });
  await until(jobId!, (job) => job.state === 'active' && job.bytes > 0);

  relay.hangUp();
  const failed = await settled(jobId!);
  const closed = events.events.find((e) => e.name === 'session.closed')
    ?.payload as EventPayload<'session.closed'>;
  // The row says what its tab says, not that "that connection is no longer open".
  expect(failed.state).toBe('failed');
  expect(failed.error?.message).toBe(closed.reason);
  expect(failed.error?.hint).toMatch(/Reconnect .* then Retry/);
  expect(await readdir(target)).not.toContain('big.bin'); // only the hidden part file

  await handlers['settings.set']({ downloadLimit: null });
  const again = await handlers['remote.connect'](throughRelay);
  await handlers['transfers.retry']({ jobId: jobId! });
  expect(await settled(jobId!)).toMatchObject({ state: 'done', sessionId: again.sessionId });
  expect(sha256(await readFile(join(target, 'big.bin')))).toBe(sha256(big));
  await handlers['remote.disconnect']({ sessionId: again.sessionId });
});

it('a server that stops answering after the login: a new transfer connection refused says so, not "check the port"', async () => {
  const { handlers } = app;
  await handlers['settings.set']({ retries: 0 });
  const stopping = await startHangUpRelay(harness.servers.sftp!.port);
  const info = await handlers['remote.connect']({
    ...sftpParams(harness.servers),
    port: stopping.port,
  });
  await stopping.refuseNew(); // the browsing connection stays; a new one is refused
  const [jobId] = await handlers['transfers.enqueue']({
    sessionId: info.sessionId,
    direction: 'download',
    sources: [posix.join(harness.servers.root, 'reconnect', 'big.bin')],
    targetFolder: await mkdtemp(join(harness.scratch, 'refused-')),
  });
  const failed = await settled(jobId!);
  expect(failed.error?.code).toBe('connection_refused');
  expect(failed.error?.message).toBe(
    `Nothing is accepting connections on 127.0.0.1:${stopping.port}.`,
  );
  expect(failed.error?.hint).toMatch(
    /^The server answered when you connected: it may have stopped or restarted/,
  );
  await handlers['remote.disconnect']({ sessionId: info.sessionId });
  await stopping.close();
});
