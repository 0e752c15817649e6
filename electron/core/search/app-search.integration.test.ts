/**
 * Search through the app as the pages use it, against the real sshd: `search.start` on an open
 * session streams hits as events and ends with one `search.finished`; the search has a
 * connection of its own (the pane's can list meanwhile); disconnecting the session stops it; a
 * reload of its page does not (the page gets it back), its page gone for good does.
 */
import { mkdtemp } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { SearchFinished, SearchProgress } from '../../../shared/contract/search';
import { sftpParams } from '../remote/sftp-testing';
import { waitFor } from '../transfers/testing';
import { appTrustingOnce } from '../transfers/testing-app';

const harness = harnessForSuite(['sftp'], 'ferry-app-search-');
beforeAll(async () => {
  await harness.servers.fixtures.writeFile('site/a/index.html', '<p>a</p>');
  await harness.servers.fixtures.writeFile('site/b/c/index.html', '<p>c</p>');
  for (let i = 0; i < 400; i++) await harness.servers.fixtures.mkdir(`many/d${i}/e`);
});

async function connected(pageAdoptAfterMs?: number) {
  const { app, events } = appTrustingOnce(
    await mkdtemp(join(harness.scratch, 'data-')),
    pageAdoptAfterMs === undefined ? {} : { pageAdoptAfterMs },
  );
  const session = await app.handlers['remote.connect'](sftpParams(harness.servers));
  const finished = (searchId: string) =>
    new Promise<SearchFinished>((resolve) =>
      events.on('search.finished', (end) => {
        if (end.searchId === searchId) resolve(end);
      }),
    );
  return { app, events, session, finished };
}

const PAGE = 'page-search-1';

const INDEX = {
  name: 'index.html',
  nameMode: 'contains',
  matchCase: false,
  includeFolders: false,
} as const;

it('finds files through the contract, while the pane lists on its own connection', async () => {
  const { app, events, session, finished } = await connected();
  try {
    const root = posix.join(harness.servers.root, 'site');
    const { searchId } = await app.handlers['search.start']({
      pageId: PAGE,
      sessionId: session.sessionId,
      root,
      criteria: INDEX,
    });
    // The pane's connection answers while the search runs.
    const listing = await app.handlers['remote.list']({ sessionId: session.sessionId, path: root });
    expect(listing.entries.map((e) => e.name).sort()).toEqual(['a', 'b']);
    const end = await finished(searchId);
    expect(end).toMatchObject({ outcome: 'done', found: 2, folders: 4 });
    expect(end.sharedConnection).toBeUndefined();
    const hits = events.events
      .filter((e) => e.name === 'search.progress')
      .flatMap((e) => (e.payload as SearchProgress).hits)
      .map((hit) => posix.join(hit.folder, hit.name))
      .sort();
    expect(hits).toEqual([`${root}/a/index.html`, `${root}/b/c/index.html`]);
    await app.handlers['search.stop']({ searchId }); // already ended: fine
  } finally {
    await app.dispose();
  }
});

it('stops a search when its session is disconnected', async () => {
  const { app, session, finished } = await connected();
  try {
    const { searchId } = await app.handlers['search.start']({
      pageId: PAGE,
      sessionId: session.sessionId,
      root: posix.join(harness.servers.root, 'many'),
      criteria: { ...INDEX, name: 'e', includeFolders: true },
    });
    const end = finished(searchId);
    await app.handlers['remote.disconnect']({ sessionId: session.sessionId });
    expect((await end).outcome).toBe('stopped');
    await expect(
      app.handlers['search.start']({
        pageId: PAGE,
        sessionId: session.sessionId,
        root: '/',
        criteria: INDEX,
      }),
    ).rejects.toMatchObject({ code: 'session_not_found' });
  } finally {
    await app.dispose();
  }
});

it('goes on across a reload of its page, which gets it back as it saw it; stops when its page is gone', async () => {
  const { app, events, session, finished } = await connected(150);
  try {
    app.pages.opened(PAGE);
    const root = posix.join(harness.servers.root, 'many');
    const criteria = { ...INDEX, name: 'e', includeFolders: true };
    const start = () =>
      app.handlers['search.start']({ pageId: PAGE, sessionId: session.sessionId, root, criteria });
    const { searchId } = await start();
    const end = finished(searchId);
    const sentFor = (id: string) =>
      events.events
        .filter((e) => e.name === 'search.progress')
        .map((e) => e.payload as SearchProgress)
        .filter((p) => p.searchId === id);
    await waitFor(() => sentFor(searchId).some((p) => p.hits.length > 0), 10_000);

    // The page reloads: the search goes on, and the page gets every hit it had been sent.
    app.pages.closed(PAGE);
    app.pages.opened(PAGE);
    const [back, ...more] = await app.handlers['search.reattach']({ pageId: PAGE });
    expect(more).toEqual([]);
    expect(back).toMatchObject({ searchId, sessionId: session.sessionId, root, depth: 20 });
    expect(back?.finished).toBeUndefined();
    const sentBefore = sentFor(searchId).flatMap((p) => p.hits);
    expect(back?.hits).toEqual(sentBefore);
    expect(await app.handlers['search.reattach']({ pageId: 'another-page-1' })).toEqual([]);
    const done = await end;
    expect(done).toMatchObject({ outcome: 'done', found: 400 });
    expect(sentFor(searchId).flatMap((p) => p.hits)).toHaveLength(400);

    // The page is gone: after a reload's time the search stops; the session stays.
    const again = await start();
    const stopped = finished(again.searchId);
    app.pages.closed('another-page-1');
    app.pages.closed(PAGE);
    expect((await stopped).outcome).toBe('stopped');
    await expect(app.handlers['remote.sessions']({})).resolves.toHaveLength(1);
  } finally {
    await app.dispose();
  }
});

it('a search that ends while its page reloads is told to the page once, with its end', async () => {
  const { app, session, finished } = await connected(5000);
  try {
    app.pages.opened(PAGE);
    const { searchId } = await app.handlers['search.start']({
      pageId: PAGE,
      sessionId: session.sessionId,
      root: posix.join(harness.servers.root, 'site'),
      criteria: INDEX,
    });
    app.pages.closed(PAGE);
    await finished(searchId);
    app.pages.opened(PAGE);
    const [back] = await app.handlers['search.reattach']({ pageId: PAGE });
    expect(back).toMatchObject({ searchId, found: 2, finished: { outcome: 'done', found: 2 } });
    expect(back?.hits.map((hit) => hit.name)).toEqual(['index.html', 'index.html']);
    expect(await app.handlers['search.reattach']({ pageId: PAGE })).toEqual([]);
  } finally {
    await app.dispose();
  }
});
