/**
 * A jump connection that drops mid-session, through the app's handlers against the real servers:
 * the harness sshd is the jump host, reached through a relay that hangs up like a cut network
 * (the servers behind it are reached from the jump host, so only the jump connection is cut).
 * What the user sees names the jump host — the tab's reason and hint, the transfer's error —
 * and Reconnect then Retry finishes the download intact.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harnessForSuite } from '../../../../e2e/harness/vitest-suite';
import { startHangUpRelay, type HangUpRelay } from '../../../../e2e/helpers/hang-up-relay';
import type { EventPayload } from '../../../../shared/contract';
import type { TransferJob } from '../../../../shared/contract/transfers';
import type { ConnectionParams } from '../../../../shared/types';
import type { FerryApp } from '../../app';
import { appTrustingOnce, jobWhen } from '../../transfers/testing-app';

const harness = harnessForSuite(['sftp', 'ftps-explicit'], 'ferry-jump-lost-');
let app: FerryApp;
let events: ReturnType<typeof appTrustingOnce>['events'];
let relay: HangUpRelay;
const content = randomBytes(3 * 1024 * 1024 + 17);

beforeAll(async () => {
  await harness.servers.fixtures.writeFile('jump-lost/big.bin', content);
  relay = await startHangUpRelay(harness.servers.sftp!.port);
  ({ app, events } = appTrustingOnce(harness.scratch));
});
afterAll(async () => {
  await app?.dispose();
  await relay?.close();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const lostWords = () =>
  `The connection to the jump host 127.0.0.1:${relay.port} was lost — the connection to the server through it ended with it.`;

function behindJump(protocol: 'sftp' | 'ftps-explicit'): ConnectionParams {
  const { servers } = harness;
  return {
    protocol,
    host: 'localhost',
    port: protocol === 'sftp' ? servers.sftp!.port : servers.ftpsExplicit!.port,
    user: servers.user.name,
    password: servers.user.password,
    proxy: null,
    jump: {
      host: '127.0.0.1',
      port: relay.port,
      user: servers.user.name,
      password: servers.user.password,
    },
  };
}

const job = (jobId: string, done: (job: TransferJob) => boolean) =>
  jobWhen(app, jobId, done, 30_000);

it('SFTP: the tab and the running download say the jump host was lost; Reconnect and Retry finish it intact', async () => {
  const { handlers } = app;
  // Slow enough to cut mid-download: about 6 s for the whole file.
  await handlers['settings.set']({ downloadLimit: { value: 512, unit: 'KiB/s' } });
  const first = await handlers['remote.connect'](behindJump('sftp'));
  const target = await mkdtemp(join(harness.scratch, 'downloads-'));
  const [jobId] = await handlers['transfers.enqueue']({
    sessionId: first.sessionId,
    direction: 'download',
    sources: [posix.join(harness.servers.root, 'jump-lost', 'big.bin')],
    targetFolder: target,
  });
  await job(jobId!, (j) => j.state === 'active' && j.bytes > 0);

  relay.hangUp();
  const failed = await job(jobId!, (j) => j.state === 'failed');
  expect(failed.error?.message).toBe(lostWords());
  expect(failed.error?.hint).toMatch(/^Check that the jump host is running .* then Reconnect/);
  const closed = events.events.find((e) => e.name === 'session.closed')
    ?.payload as EventPayload<'session.closed'>;
  expect(closed).toEqual({
    sessionId: first.sessionId,
    reason: lostWords(),
    hint: failed.error?.hint,
  });

  // Reconnect (the jump host answers again), then Retry: the download lands intact.
  await handlers['settings.set']({ downloadLimit: null });
  const again = await handlers['remote.connect'](behindJump('sftp'));
  await handlers['transfers.retry']({ jobId: jobId! });
  expect(await job(jobId!, (j) => j.state === 'done' || j.state === 'failed')).toMatchObject({
    state: 'done',
    sessionId: again.sessionId,
  });
  expect(sha256(await readFile(join(target, 'big.bin')))).toBe(sha256(content));
  await handlers['remote.disconnect']({ sessionId: again.sessionId });
});

it('FTPS: a cut jump connection is logged in again for the next listing; a jump host gone for good is named', async () => {
  const { handlers } = app;
  const info = await handlers['remote.connect'](behindJump('ftps-explicit'));
  await harness.servers.fixtures.writeFile('jump-lost/here.txt', 'still here');
  const list = () => handlers['remote.list']({ sessionId: info.sessionId, path: '/jump-lost' });
  expect((await list()).entries.map((e) => e.name)).toContain('here.txt');

  // Cut: the next listing logs in to the jump host again by itself, and works.
  relay.hangUp();
  await sleep(200);
  expect((await list()).entries.map((e) => e.name)).toContain('here.txt');

  // Gone for good (its sshd stopped): the listing and the tab name the jump host.
  relay.hangUp();
  await relay.close();
  await sleep(200);
  await expect(list()).rejects.toMatchObject({ message: lostWords() });
  await expect
    .poll(() =>
      events.events.some(
        (e) =>
          e.name === 'session.closed' &&
          (e.payload as EventPayload<'session.closed'>).sessionId === info.sessionId &&
          (e.payload as EventPayload<'session.closed'>).reason === lostWords(),
      ),
    )
    .toBe(true);
});
