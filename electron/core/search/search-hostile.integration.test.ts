/**
 * Servers that list names which are not names (`../escape`, `/abs`, `a/b`, `..`): a search
 * counts them and leaves them out, never lists a path built from them, and does not follow the
 * link to its own folder. Names that are only odd (`nul`, `C:\evil`, control characters) are
 * found as they are: the transfer queue judges them when they are downloaded.
 */
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileTree } from '../../../e2e/hostile/tree';
import type { SearchFinished, SearchProgress } from '../../../shared/contract/search';
import type { RemoteFs } from '../remote/remote-fs';
import { recorder } from '../transfers/testing';
import { HOSTILE_SERVERS } from '../transfers/testing-hostile';
import { SearchManager } from './search-manager';

describe.each(HOSTILE_SERVERS)('%s', (_kind, start) => {
  it('leaves out names that are not names and lists no path made of them', async () => {
    const server = await start(hostileTree());
    const open = () => server.open();
    const browsing: RemoteFs = await open();
    const events = recorder();
    const manager = new SearchManager({ emit: events.emit, open, browsing: () => browsing });
    try {
      const finished = new Promise<SearchFinished>((resolve) =>
        events.on('search.finished', resolve),
      );
      manager.start({
        pageId: 'page-1',
        sessionId: 's',
        root: '/',
        criteria: { name: '', nameMode: 'contains', matchCase: false, includeFolders: true },
      });
      const end = await finished;
      const hits = events.events
        .filter((e) => e.name === 'search.progress')
        .flatMap((e) => (e.payload as SearchProgress).hits);
      const paths = hits.map((h) => posix.join(h.folder, h.name)).sort();

      expect(end.outcome).toBe('done');
      // The slash names in /evil and /evil/sub (the "..", a folder, is no entry at all).
      expect(end.refusedNames).toBe(12);
      for (const hit of hits) expect(hit.name).not.toMatch(/[/\0]/);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/evil',
          '/evil/safe.txt',
          '/evil/sub',
          '/evil/sub/also safe.txt',
          '/evil/nul',
          '/evil/C:\\evil',
          '/evil/bell\u0007top',
          '/evil/loop',
        ]),
      );
      // Listed: the root, /evil and /evil/sub, once each; never through the loop.
      expect(end.folders).toBe(3);
      const escaping = server.requests.filter((path) =>
        /escape|abs|a\/b|up-folder|loop\//.test(path),
      );
      expect(escaping).toEqual([]);
    } finally {
      await manager.dispose();
      await browsing.close();
      await server.close();
    }
  });
});
