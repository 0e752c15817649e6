/**
 * A page that reloads finds its sessions again, and a page gone for good does not leave them
 * open forever — through the app's handlers, against the real sshd: the reloaded page gets each
 * session with its site's name and the folder it showed, and lists it without a new login; a
 * closed page's sessions end after the grace period, on the server side too. The reloaded page
 * also gets the log's recent lines.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import type { FerryApp } from './app';
import { sftpParams } from './remote/sftp-testing';
import { sampleDraftFor } from './sites/testing/sample-site';
import { patterned } from './transfers/testing';
import { appTrustingOnce } from './transfers/testing-app';

const GRACE_MS = 1500;
const harness = harnessForSuite(['sftp'], 'ferry-app-reattach-');
let app: FerryApp;
let events: ReturnType<typeof appTrustingOnce>['events'];

beforeAll(async () => {
  await harness.servers.fixtures.writeFile('reattach/inside.txt', 'inside');
  ({ app, events } = appTrustingOnce(harness.scratch, { pageGraceMs: GRACE_MS }));
});
afterAll(async () => {
  await app?.dispose();
});

/** Log lines saying a connection of `sessionId` logged in. */
const logins = (sessionId: string) =>
  events.events.filter(
    (e) =>
      e.name === 'log.line' &&
      (e.payload as { sessionId?: string; text?: string }).sessionId === sessionId &&
      /logged in/i.test((e.payload as { text?: string }).text ?? ''),
  ).length;

/** The sessions a session.closed event announced, in order. */
const closedIds = () =>
  events.events
    .filter((e) => e.name === 'session.closed')
    .map((e) => (e.payload as { sessionId: string }).sessionId);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const openIds = async () => (await app.handlers['remote.sessions']({})).map((s) => s.sessionId);

it('a reloaded page gets its sessions back with site name and folder; another page does not', async () => {
  const { handlers } = app;
  const params = sftpParams(harness.servers);
  const site = await handlers['sites.save']({
    site: sampleDraftFor(params, { name: 'Harness SFTP' }),
  });
  const fromSite = await handlers['sites.connect']({
    siteId: site.id,
    password: params.password ?? '',
  });
  const quick = await handlers['remote.connect'](params);
  app.pages.opened('page-aaaa-1');
  app.pages.opened('page-bbbb-2');
  await handlers['remote.claim']({ pageId: 'page-aaaa-1', sessionId: fromSite.sessionId });
  await handlers['remote.claim']({ pageId: 'page-aaaa-1', sessionId: quick.sessionId });
  const folder = posix.join(harness.servers.root, 'reattach');
  await handlers['remote.list']({ sessionId: quick.sessionId, path: folder });
  const loginsBefore = logins(quick.sessionId);
  expect(loginsBefore).toBe(1);

  // The page reloads: its socket closes and opens again.
  app.pages.closed('page-aaaa-1');
  app.pages.opened('page-aaaa-1');
  expect(await handlers['remote.reattach']({ pageId: 'page-bbbb-2' })).toEqual([]);
  const back = await handlers['remote.reattach']({ pageId: 'page-aaaa-1' });
  expect(back.map((s) => s.sessionId)).toEqual([fromSite.sessionId, quick.sessionId]);
  expect(back[0]).toMatchObject({
    site: { id: site.id, name: 'Harness SFTP' },
    home: fromSite.home,
  });
  expect(back[0]?.folder).toBeUndefined();
  expect(back[1]).toMatchObject({ folder, protocol: 'sftp', host: params.host });
  expect(back[1]?.site).toBeUndefined();

  const listing = await handlers['remote.list']({ sessionId: quick.sessionId, path: folder });
  expect(listing.entries.map((e) => e.name)).toEqual(['inside.txt']);
  expect(logins(quick.sessionId)).toBe(loginsBefore);

  // The reloaded page's log shows the lines from before, logins included, secrets masked.
  const recent = await handlers['log.recent']({});
  const texts = recent.filter((l) => l.sessionId === quick.sessionId).map((l) => l.text);
  expect(texts.some((text) => /logged in/i.test(text))).toBe(true);
  expect(recent.some((l) => l.text.includes(params.password ?? '(none)'))).toBe(false);
  const last = recent.at(-1)?.seq ?? 0;
  expect(await handlers['log.recent']({ after: last })).toEqual([]);

  // A reload that takes less than the grace period keeps everything open.
  app.pages.closed('page-aaaa-1');
  await new Promise((resolve) => setTimeout(resolve, 100));
  app.pages.opened('page-aaaa-1');
  await new Promise((resolve) => setTimeout(resolve, GRACE_MS * 1.5));
  expect(await openIds()).toEqual([fromSite.sessionId, quick.sessionId]);

  // The browser tab closes for good: its sessions end after the grace period. A session leaves
  // the list as its close begins; session.closed comes once its connection has ended (an SFTP
  // goodbye may take a moment), so wait for the events themselves.
  app.pages.closed('page-aaaa-1');
  const both = [fromSite.sessionId, quick.sessionId];
  const bothClosed = () => both.every((id) => closedIds().includes(id));
  for (let waited = 0; waited < 15_000 && !bothClosed(); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(closedIds()).toEqual(expect.arrayContaining(both));
  expect(await openIds()).toEqual([]);
  app.pages.closed('page-bbbb-2');
});

it('a paused transfer keeps its session after the page is gone; resumed, it completes', async () => {
  const { handlers } = app;
  const content = patterned(512 * 1024, 7);
  await harness.servers.fixtures.writeFile('reattach/paused.bin', content);
  const { sessionId } = await handlers['remote.connect'](sftpParams(harness.servers));
  app.pages.opened('page-cccc-3');
  await handlers['remote.claim']({ pageId: 'page-cccc-3', sessionId });
  // Paused before it starts, so it is certainly waiting (not finished) when the page goes.
  await handlers['transfers.pause']({});
  const target = await mkdtemp(join(harness.scratch, 'paused-'));
  const [jobId] = await handlers['transfers.enqueue']({
    sessionId,
    direction: 'download',
    sources: [posix.join(harness.servers.root, 'reattach', 'paused.bin')],
    targetFolder: target,
  });

  app.pages.closed('page-cccc-3');
  await sleep(GRACE_MS * 2.5);
  expect(await openIds()).toEqual([sessionId]);

  await handlers['transfers.resume']({});
  const state = async () =>
    (await handlers['transfers.list']({})).find((job) => job.id === jobId)?.state;
  for (let waited = 0; waited < 15_000 && (await state()) !== 'done'; waited += 50) {
    await sleep(50);
  }
  expect(await state()).toBe('done');
  expect(sha256(await readFile(join(target, 'paused.bin')))).toBe(sha256(content));

  // Done now, with its page still gone: the session closes at the next look.
  for (let waited = 0; waited < 15_000 && !closedIds().includes(sessionId); waited += 50) {
    await sleep(50);
  }
  expect(closedIds()).toContain(sessionId);
});

it('a connect whose page reloaded meanwhile: its failure is kept for that page alone, told once', async () => {
  const { handlers } = app;
  const page = 'page-dddd-4';
  const connectId = 'connect-wrong-password-1';
  app.pages.opened(page);
  const wrong = { ...sftpParams(harness.servers), password: 'not-the-password' };
  // The page reloads while the server weighs the password: the reply goes nowhere.
  const reply = handlers['remote.connect']({ ...wrong, pageId: page, connectId });
  app.pages.closed(page);
  await expect(reply).rejects.toMatchObject({ code: 'auth_failed' });
  app.pages.opened(page);

  const announced = events.events.filter((e) => e.name === 'session.failed');
  expect(announced.map((e) => e.payload)).toEqual([{ connectId }]);
  // Another page learns nothing of it; the page that made it gets the words the reply had.
  expect(
    await handlers['remote.connectOutcomes']({ pageId: 'page-eeee-5', connectIds: [connectId] }),
  ).toEqual([{ connectId, state: 'unknown' }]);
  const [outcome] = await handlers['remote.connectOutcomes']({
    pageId: page,
    connectIds: [connectId],
  });
  expect(outcome).toMatchObject({ connectId, state: 'failed', error: { code: 'auth_failed' } });
  expect(outcome?.error?.hint).toBeTruthy();
  expect(JSON.stringify(outcome)).not.toContain('not-the-password');
  // Told once: a second reload does not show it again.
  expect(
    await handlers['remote.connectOutcomes']({ pageId: page, connectIds: [connectId] }),
  ).toEqual([{ connectId, state: 'unknown' }]);
  app.pages.closed(page);
});
