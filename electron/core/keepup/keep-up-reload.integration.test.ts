/**
 * Keep up to date across a page reload, through the app as the browser edition serves it,
 * against the real sshd: a reload does not stop it — the reloaded page gets it back, running,
 * and an edit after the reload reaches the server (SHA-256). A page gone longer than a reload
 * takes stops it, and the page that takes its tab over hears why, once. A page whose old socket
 * closes after its new one opened has not left.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { KeepUpState } from '../../../shared/contract/keepup';
import type { FerryApp } from '../app';
import { appTrustingOnce } from '../transfers/testing-app';
import { paramsFor, waitFor } from '../transfers/testing';

const AWAY_MS = 800;
const harness = harnessForSuite(['sftp'], 'ferry-keepup-reload-');
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let app: FerryApp | undefined;
afterAll(async () => {
  await app?.dispose();
});

it('goes on across a reload and comes back to the page; stops when the page is gone, said once', async () => {
  const local = join(harness.scratch, 'site');
  await mkdir(local, { recursive: true });
  await harness.servers.fixtures.mkdir('kept-reload');
  const made = appTrustingOnce(await mkdtemp(join(harness.scratch, 'data-')), {
    pageAdoptAfterMs: AWAY_MS,
  });
  app = made.app;
  const { handlers, pages } = made.app;
  const states: KeepUpState[] = [];
  made.events.on('keepup.state', (state: KeepUpState) => void states.push(state));
  const page = 'page-keep-reload-1';
  pages.opened(page);
  const session = await handlers['remote.connect']({
    ...paramsFor(harness.servers, 'sftp'),
    pageId: page,
  });
  const started = await handlers['keepup.start']({
    pageId: page,
    sessionId: session.sessionId,
    localRoot: local,
    remoteRoot: posix.join(harness.servers.root, 'kept-reload'),
    deleteOnServer: false,
  });
  const last = () => states.filter((s) => s.keepId === started.keepId).at(-1) ?? started;
  const server = (name: string) => harness.servers.fixtures.abs(`kept-reload/${name}`);

  // The page reloads (its socket closes and opens again) and asks for its tabs, then keep-ups.
  pages.closed(page);
  await pause(AWAY_MS / 4);
  pages.opened(page);
  await handlers['remote.reattach']({ pageId: page });
  const back = await handlers['keepup.reattach']({ pageId: page });
  expect(back).toEqual([expect.objectContaining({ keepId: started.keepId, running: true })]);
  // A reload whose new socket opens before the old one has closed: the page never left.
  pages.opened(page);
  pages.closed(page);
  // Longer than a page may be away: still running, and an edit reaches the server.
  await pause(AWAY_MS * 2);
  await writeFile(join(local, 'after-reload.html'), '<p>after the reload</p>');
  await waitFor(() => last().uploaded === 1 && last().waiting === 0, 30_000);
  expect(sha(await readFile(server('after-reload.html')))).toBe(sha('<p>after the reload</p>'));
  expect(last().running).toBe(true);

  // Another page learns nothing of it while its page is there.
  expect(await handlers['keepup.reattach']({ pageId: 'page-keep-other-2' })).toEqual([]);

  // The page is closed for good: after a reload's time it stops, and sends nothing more.
  pages.closed(page);
  await waitFor(() => !last().running, AWAY_MS * 5);
  expect(last().stoppedBecause).toBe('page');
  await writeFile(join(local, 'after-close.html'), 'not sent');
  await pause(1500);
  await expect(readFile(server('after-close.html'))).rejects.toMatchObject({ code: 'ENOENT' });

  // The page that takes its tab over hears why it stopped, once.
  const other = 'page-keep-other-2';
  pages.opened(other);
  const taken = await handlers['remote.reattach']({ pageId: other });
  expect(taken.map((s) => s.sessionId)).toEqual([session.sessionId]);
  expect(await handlers['keepup.reattach']({ pageId: other })).toEqual([
    expect.objectContaining({ keepId: started.keepId, running: false, stoppedBecause: 'page' }),
  ]);
  expect(await handlers['keepup.reattach']({ pageId: other })).toEqual([]);
  pages.closed(other);
});
