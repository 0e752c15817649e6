/**
 * LocalChanges on a real folder, driven by hand (no watcher): the scan Ferry falls back to when
 * the system gives no change notices finds what changed, a file is sent only after two equal
 * looks, links and excluded names never come out, and a folder that went is one deletion.
 */
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { nameFilter } from '../../../shared/name-filter';
import { LocalChanges } from './local-changes';

const scratch = scratchPerTest('ferry-local-changes-');

function changesIn(root: string) {
  const watched = new Set<string>();
  const changes = new LocalChanges({
    root,
    exclude: nameFilter(['node_modules/']),
    quietMs: 100,
    maxEntries: 1000,
    folderFound: (relative) => void watched.add(relative),
    folderGone: (relative) => void watched.delete(relative),
  });
  return { changes, watched };
}

describe('LocalChanges', () => {
  it('finds changes by scanning, and sends a file only once it holds still', async () => {
    const root = scratch.path;
    await writeFile(join(root, 'a.txt'), 'a');
    await mkdir(join(root, 'node_modules/x'), { recursive: true });
    await mkdir(join(root, 'sub'));
    const { changes, watched } = changesIn(root);
    await changes.baseline();
    expect([...watched].sort()).toEqual(['', 'sub']);

    await writeFile(join(root, 'a.txt'), 'changed');
    await writeFile(join(root, 'sub/b.txt'), 'new');
    await writeFile(join(root, 'node_modules/x/c.js'), 'excluded');
    await symlink('/etc', join(root, 'link'));
    await changes.rescan(1000);
    // First look: noted; a quiet time later, the same look: settled.
    expect(await changes.settle(1100)).toEqual({ folders: [], files: [], gone: [] });
    expect((await changes.settle(1200)).files.sort()).toEqual(['a.txt', 'sub/b.txt']);
    expect(changes.waiting).toBe(0);
    expect(changes.leftOut).toBeGreaterThanOrEqual(2); // node_modules, link

    // Touched again with the same bytes and time: nothing to send.
    await changes.rescan(2000);
    expect(await changes.settle(2200)).toEqual({ folders: [], files: [], gone: [] });

    await rm(join(root, 'sub'), { recursive: true });
    await mkdir(join(root, 'new/deeper'), { recursive: true });
    await changes.rescan(3000);
    const batch = await changes.settle(3100);
    expect(batch.gone).toEqual([{ relative: 'sub', kind: 'folder', files: 1 }]);
    expect(batch.folders).toEqual(['new', 'new/deeper']);
    expect([...watched].sort()).toEqual(['', 'new', 'new/deeper']);
  });
});
