/**
 * Searching a known tree on the real servers (OpenSSH sshd, vsftpd with explicit FTPS): exactly
 * what is found, the folder the test user may not read counted and left out, link loops not
 * followed, odd names found as they are, the limits said, Stop at once, hits in batches.
 */
import { posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type {
  SearchCriteria,
  SearchFinished,
  SearchProgress,
} from '../../../shared/contract/search';
import type { RemoteFs } from '../remote/remote-fs';
import { connectTo, recorder, remoteRoot, type ProtocolKind } from '../transfers/testing';
import { SearchManager, type SearchRequest } from './search-manager';

const KINDS: ProtocolKind[] = ['sftp', 'ftps-explicit'];
const harness = harnessForSuite(KINDS);

/** Names Linux allows that are hostile elsewhere or on a screen; found as they are. */
const ODD_NAMES = ['back\\slash.jpg', 'quote".jpg', 'bell\u0007.jpg', 'trailing space.jpg '];

beforeAll(async () => {
  const f = harness.servers.fixtures;
  await f.writeFile('tree/photos/2024/beach.jpg', Buffer.alloc(2000));
  await f.writeFile('tree/photos/2024/SUNSET.JPG', Buffer.alloc(50_000));
  await f.writeFile('tree/photos/2024/notes.txt', 'notes');
  await f.writeFile('tree/photos/2024/deep/deeper/cave.jpg', Buffer.alloc(10));
  await f.writeFile('tree/docs/report.pdf', Buffer.alloc(300_000));
  await f.writeFile('tree/docs/jpg-guide.txt', 'about jpg');
  await f.mkdir('tree/empty');
  await f.writeFile('tree/locked/secret.jpg', 'hidden');
  await f.makeUnreadable('tree/locked');
  // Loops: a link to its own folder and one to the folder above.
  await f.symlink('.', 'tree/loop');
  await f.symlink('..', 'tree/photos/up');
  await f.symlink('beach.jpg', 'tree/photos/2024/link.jpg');
  for (const name of ODD_NAMES) await f.writeFile(`tree/odd/${name}`, 'odd');
  // Many folders, one match each: enough to stop mid-way and to see batching.
  for (let i = 0; i < 120; i++) await f.writeFile(`wide/d${i}/hit${i}.log`, String(i));
});

const JPG: SearchCriteria = {
  name: '*.jpg',
  nameMode: 'pattern',
  matchCase: false,
  includeFolders: true,
};

describe.each(KINDS)('%s', (kind) => {
  let browsing: RemoteFs;
  const root = (rel: string) => posix.join(remoteRoot(harness.servers, kind), rel);

  beforeAll(async () => {
    browsing = await connectTo(harness.servers, kind);
  });
  afterAll(async () => {
    await browsing?.close();
  });

  /** Runs one search to its end; `open` fails to make the search use the browsing connection. */
  async function search(
    request: Omit<SearchRequest, 'sessionId' | 'pageId'>,
    options: {
      open?: () => Promise<RemoteFs>;
      stopAfterFirstProgress?: boolean;
      batchMs?: number;
    } = {},
  ) {
    const events = recorder();
    const opened: RemoteFs[] = [];
    const manager = new SearchManager({
      emit: events.emit,
      batchMs: options.batchMs ?? 50,
      open:
        options.open ??
        (async () => {
          const fs = await connectTo(harness.servers, kind);
          opened.push(fs);
          return fs;
        }),
      browsing: () => browsing,
    });
    const finished = new Promise<SearchFinished>((resolve) =>
      events.on('search.finished', resolve),
    );
    const started = performance.now();
    let stoppedAt = 0;
    const { searchId } = manager.start({ pageId: 'page-1', sessionId: 's', ...request });
    if (options.stopAfterFirstProgress) {
      events.on('search.progress', () => {
        if (stoppedAt === 0) {
          stoppedAt = performance.now();
          manager.stop(searchId);
        }
      });
    }
    const end = await finished;
    const progress = events.events
      .filter((e) => e.name === 'search.progress')
      .map((e) => e.payload as SearchProgress);
    const paths = progress.flatMap((p) => p.hits.map((h) => posix.join(h.folder, h.name)));
    await manager.dispose();
    return { end, progress, paths, opened, stopMs: performance.now() - (stoppedAt || started) };
  }

  it('finds exactly the matching files and folders, counting the folder it may not read', async () => {
    const { end, paths, opened } = await search({ root: root('tree'), criteria: JPG });
    expect(end).toMatchObject({ outcome: 'done', unreadable: 1, found: paths.length });
    expect(end.unreadablePaths).toEqual([root('tree/locked')]);
    expect(paths.sort()).toEqual(
      [
        'photos/2024/beach.jpg',
        'photos/2024/SUNSET.JPG',
        'photos/2024/link.jpg',
        'photos/2024/deep/deeper/cave.jpg',
        ...ODD_NAMES.filter((n) => !n.endsWith(' ')).map((n) => `odd/${n}`),
      ]
        .map((rel) => root(`tree/${rel}`))
        .sort(),
    );
    // Neither link loop was followed (nothing found twice), and the search's own connection closed.
    expect(new Set(paths).size).toBe(paths.length);
    expect(opened).toHaveLength(1);
    expect(end.sharedConnection).toBeUndefined();
  });

  it('matches case when asked, finds folders by name, and filters by size', async () => {
    const cased = await search({
      root: root('tree'),
      criteria: { ...JPG, name: '*.JPG', matchCase: true },
    });
    expect(cased.paths).toEqual([root('tree/photos/2024/SUNSET.JPG')]);

    const named = await search({
      root: root('tree'),
      criteria: { ...JPG, name: 'DEEP', nameMode: 'contains' },
    });
    expect(named.paths.sort()).toEqual([
      root('tree/photos/2024/deep'),
      root('tree/photos/2024/deep/deeper'),
    ]);

    const big = await search({
      root: root('tree'),
      criteria: { ...JPG, name: '', nameMode: 'contains', largerThan: 10_000 },
    });
    expect(big.paths.sort()).toEqual([
      root('tree/docs/report.pdf'),
      root('tree/photos/2024/SUNSET.JPG'),
    ]);
  });

  it('finds a name with a trailing space or a backslash as the server has it', async () => {
    const { paths } = await search({
      root: root('tree/odd'),
      criteria: { ...JPG, name: '', nameMode: 'contains' },
    });
    expect(paths.sort()).toEqual(ODD_NAMES.map((n) => root(`tree/odd/${n}`)).sort());
  });

  it('says when it left folders out for depth, and stops at the most folders or results', async () => {
    const shallow = await search({ root: root('tree'), criteria: JPG, limits: { depth: 2 } });
    expect(shallow.end).toMatchObject({ outcome: 'done', tooDeep: 1 });
    expect(shallow.paths).not.toContain(root('tree/photos/2024/deep/deeper/cave.jpg'));

    const fewFolders = await search({ root: root('tree'), criteria: JPG, limits: { folders: 2 } });
    expect(fewFolders.end).toMatchObject({ outcome: 'limit', limit: 'folders' });
    // Two folders looked into: listed, or refused by the server (the locked one).
    expect(fewFolders.end.folders + fewFolders.end.unreadable).toBe(2);

    const fewResults = await search({ root: root('wide'), criteria: JPG, limits: { results: 5 } });
    expect(fewResults.end.outcome).toBe('done'); // nothing matches *.jpg there
    const five = await search({
      root: root('wide'),
      criteria: { ...JPG, name: '*.log' },
      limits: { results: 5 },
    });
    expect(five.end).toMatchObject({ outcome: 'limit', limit: 'results', found: 5 });
    expect(five.paths).toHaveLength(5);
  });

  it('sends hits in batches, with the folder it is in and the counts', async () => {
    const { end, progress, paths } = await search({
      root: root('wide'),
      criteria: { ...JPG, name: 'hit*.log' },
    });
    expect(end).toMatchObject({ outcome: 'done', found: 120, folders: 121 });
    expect(paths).toHaveLength(120);
    // Fewer events than hits: a batch carries several.
    expect(progress.length).toBeLessThan(60);
    expect(progress.some((p) => p.hits.length > 1)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ found: 120, folders: 121 });
    expect(progress.some((p) => p.current.startsWith(root('wide/d')))).toBe(true);
  });

  it('stops at once when asked', async () => {
    const { end, stopMs, paths } = await search(
      { root: root('wide'), criteria: { ...JPG, name: '*.log' } },
      // Progress every 5 ms: the first comes a few folders in, long before the 121st.
      { stopAfterFirstProgress: true, batchMs: 5 },
    );
    expect(end.outcome).toBe('stopped');
    expect(stopMs).toBeLessThan(500);
    expect(paths.length).toBeLessThan(120);
  });

  it('uses the browsing connection when the server will not open another', async () => {
    const { end, paths } = await search(
      { root: root('tree'), criteria: { ...JPG, name: 'beach', nameMode: 'contains' } },
      {
        open: () => Promise.reject(new Error('too many connections')),
      },
    );
    expect(end).toMatchObject({ outcome: 'done', sharedConnection: true });
    expect(paths).toEqual([root('tree/photos/2024/beach.jpg')]);
    // The browsing connection still works afterwards.
    expect((await browsing.list(root('tree'))).entries.map((e) => e.name)).toContain('docs');
  });

  it('fails with the server’s words when the folder asked for cannot be listed', async () => {
    const { end } = await search({ root: root('tree/locked'), criteria: JPG });
    expect(end.outcome).toBe('failed');
    expect(end.error?.code).toBe('permission_denied');
  });
});
