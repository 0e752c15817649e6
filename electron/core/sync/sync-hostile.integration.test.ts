/**
 * Servers that list names which are not names (`../escape`, `/abs`, `a/b`, `..`): the
 * synchronization walk counts them and leaves them out of the plan, never builds a path of them,
 * and never lists through them or through the link to its own folder. A server folder holding
 * such names is not planned for deletion as a whole (the preview could not show what it holds).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileTree } from '../../../e2e/hostile/tree';
import { SYNC_LIMITS, type SyncOptions } from '../../../shared/contract/sync';
import { HOSTILE_SERVERS } from '../transfers/testing-hostile';
import { walkSync } from './sync-walk';

const plan = (fs: Parameters<typeof walkSync>[0]['fs'], local: string, options: SyncOptions) =>
  walkSync({
    fs,
    localRoot: local,
    remoteRoot: '/',
    options,
    exclude: undefined,
    serverTimeOffsetMinutes: 0,
    limits: { ...SYNC_LIMITS },
    signal: new AbortController().signal,
    comparing: () => undefined,
  });

describe.each(HOSTILE_SERVERS)('%s', (_kind, start) => {
  it('plans nothing made of names that are not names', async () => {
    const server = await start(hostileTree());
    const fs = await server.open();
    const local = await mkdtemp(join(tmpdir(), 'ferry-sync-hostile-'));
    try {
      const options: SyncOptions = {
        direction: 'download',
        deleteExtra: true,
        compareBy: 'timeAndSize',
        recursive: true,
      };
      const down = await plan(fs, local, options);
      expect(down.outcome).toBe('done');
      expect(down.refusedNames).toBeGreaterThan(0);
      for (const item of down.items) {
        for (const name of item.path.split('/')) {
          expect(name).not.toMatch(/^(\.\.?|)$|[\0\\]/u);
        }
      }
      const up = await plan(fs, local, { ...options, direction: 'upload' });
      // The folder holding unusable names is not deleted whole; nothing else is there to delete.
      expect(up.items.filter((i) => i.action === 'deleteRemote' && i.path === 'evil')).toEqual([]);
      const escaping = server.requests.filter((path) =>
        /escape|abs|a\/b|up-folder|loop\//.test(path),
      );
      expect(escaping).toEqual([]);
    } finally {
      await fs.close();
      await server.close();
    }
  });
});
