/**
 * A site's "Adjust server time" on real transfers, through the app's handlers against the real
 * sshd: a download keeps the time the file list shows (the server's plus the offset), an upload
 * is listed with the local file's time (the offset taken off what is set there), and a site
 * edited while connected applies from the next file on; a search shows and filters by the moved
 * times. Contents are checked by SHA-256.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sha256 } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { SearchFinished, SearchProgress } from '../../../shared/contract/search';
import type { TransferJob } from '../../../shared/contract/transfers';
import type { FerryApp } from '../app';
import { sampleDraftFor } from '../sites/testing/sample-site';
import { appTrustingOnce } from '../transfers/testing-app';
import { sftpParams } from './sftp-testing';

const MINUTE = 60_000;
const harness = harnessForSuite(['sftp'], 'ferry-server-time-');
let app: FerryApp;
let events: ReturnType<typeof appTrustingOnce>['events'];

beforeAll(() => {
  ({ app, events } = appTrustingOnce(harness.scratch));
});
afterAll(async () => {
  await app?.dispose();
});

async function finished(id: string | undefined): Promise<TransferJob | undefined> {
  let row: TransferJob | undefined;
  for (let waited = 0; waited < 15_000; waited += 50) {
    row = (await app.handlers['transfers.list']({})).find((r) => r.id === id);
    if (row?.state === 'done' || row?.state === 'failed') return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return row;
}

it('downloads keep the shown time and uploads list with the local time, by the site’s offset', async () => {
  const { handlers } = app;
  const params = sftpParams(harness.servers);
  const folder = `server-time-${randomBytes(3).toString('hex')}`;
  const bytes = randomBytes(3000);
  const serverFile = await harness.servers.fixtures.writeFile(`${folder}/report.bin`, bytes);
  // What the server says: 10:00:07 UTC. The site says its clock is 5 h 30 min behind.
  const listed = new Date(Date.UTC(2026, 10, 26, 10, 0, 7));
  await utimes(serverFile, listed, listed);
  const site = await handlers['sites.save']({
    site: sampleDraftFor(params, { name: 'Clock behind', serverTimeOffsetMinutes: 330 }),
  });
  const session = await handlers['sites.connect']({
    siteId: site.id,
    password: params.password ?? '',
  });
  const serverFolder = posix.join(harness.servers.root, folder);

  const down = await mkdtemp(join(harness.scratch, 'down-'));
  const [downId] = await handlers['transfers.enqueue']({
    sessionId: session.sessionId,
    direction: 'download',
    sources: [posix.join(serverFolder, 'report.bin')],
    targetFolder: down,
  });
  expect((await finished(downId))?.state).toBe('done');
  const got = join(down, 'report.bin');
  expect(sha256(await readFile(got))).toBe(sha256(bytes));
  expect((await stat(got)).mtimeMs).toBe(listed.getTime() + 330 * MINUTE);

  const up = await mkdtemp(join(harness.scratch, 'up-'));
  const localFile = join(up, 'notes.txt');
  const localTime = new Date(Date.UTC(2026, 10, 26, 18, 45, 31));
  await writeFile(localFile, 'uploaded with its time');
  await utimes(localFile, localTime, localTime);
  const [upId] = await handlers['transfers.enqueue']({
    sessionId: session.sessionId,
    direction: 'upload',
    sources: [localFile],
    targetFolder: serverFolder,
  });
  expect((await finished(upId))?.state).toBe('done');
  const onServer = join(harness.servers.root, folder, 'notes.txt');
  expect(await readFile(onServer, 'utf8')).toBe('uploaded with its time');
  // Stored 5 h 30 min earlier: listed and moved by the offset, it reads as the local time.
  expect((await stat(onServer)).mtimeMs).toBe(localTime.getTime() - 330 * MINUTE);

  // A search shows, and filters by, the moved times too.
  const shown = listed.getTime() + 330 * MINUTE;
  const ended = new Promise<SearchFinished>((resolve) =>
    events.on('search.finished', (end) => resolve(end)),
  );
  await handlers['search.start']({
    pageId: 'page-server-time',
    sessionId: session.sessionId,
    root: serverFolder,
    criteria: {
      name: 'report',
      nameMode: 'contains',
      matchCase: false,
      includeFolders: false,
      modifiedFrom: shown - 1000,
      modifiedBefore: shown + 1000,
    },
  });
  expect(await ended).toMatchObject({ outcome: 'done', found: 1 });
  const hits = events.events
    .filter((e) => e.name === 'search.progress')
    .flatMap((e) => (e.payload as SearchProgress).hits);
  expect(hits.map((hit) => [hit.name, hit.modified])).toEqual([['report.bin', shown]]);

  // The site edited while connected: the next download uses the new offset (none).
  await handlers['sites.save']({
    site: { ...sampleDraftFor(params, { name: 'Clock behind' }), id: site.id },
  });
  const again = await mkdtemp(join(harness.scratch, 'again-'));
  const [againId] = await handlers['transfers.enqueue']({
    sessionId: session.sessionId,
    direction: 'download',
    sources: [posix.join(serverFolder, 'report.bin')],
    targetFolder: again,
  });
  expect((await finished(againId))?.state).toBe('done');
  expect((await stat(join(again, 'report.bin'))).mtimeMs).toBe(listed.getTime());
});
