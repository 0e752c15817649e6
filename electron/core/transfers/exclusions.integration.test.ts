/**
 * The exclusion list (Settings → Transfers, `ferry --exclude`), against the real servers: a
 * folder transfer, up or down, leaves out what the list names at any depth — `.git`, `*.tmp`,
 * `node_modules/` (folders only) — lists each as skipped with the pattern that matched, and moves
 * everything else byte for byte. A file the user picked is transferred even if the list names it.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import {
  patterned,
  queueOver,
  remoteRoot,
  sourceFor,
  treeManifest,
  type ProtocolKind,
} from './testing';

const KINDS: ProtocolKind[] = ['sftp', 'ftps-explicit'];
const EXCLUDED_NAMES = ['.git', '*.TMP', 'node_modules/'];

/** The project folder: what the list leaves out, and what it must not (a file named node_modules). */
const TREE: Record<string, number> = {
  'a.txt': 1_000,
  'b.tmp': 10,
  'build.log': 70_000,
  node_modules: 5,
  '.git/HEAD': 20,
  '.git/objects/ab': 3_000,
  'src/main.js': 12_345,
  'src/cache.tmp': 1,
  'src/node_modules/dep/index.js': 400,
  'src/keep.tmpl': 33,
};
const KEPT = ['a.txt', 'build.log', 'node_modules', 'src/keep.tmpl', 'src/main.js'];
const LEFT_OUT: Record<string, string> = {
  '.git': '.git',
  'b.tmp': '*.TMP',
  'src/cache.tmp': '*.TMP',
  'src/node_modules': 'node_modules/',
};

const harness = harnessForSuite(KINDS, 'ferry-exclusions-');
let local: string;
beforeAll(async () => {
  local = join(harness.scratch, 'project');
  let seed = 1;
  for (const [path, size] of Object.entries(TREE)) {
    await mkdir(join(local, path, '..'), { recursive: true });
    await writeFile(join(local, path), patterned(size, seed++));
    await harness.servers.fixtures.writeFile(`down/project/${path}`, patterned(size, seed - 1));
  }
});

/** The kept files' checksums as the source has them. */
async function expectedManifest(): Promise<Record<string, string>> {
  const all = (await treeManifest(local)).files;
  return Object.fromEntries(KEPT.map((path) => [path, all[path] ?? 'missing']));
}

describe.each(KINDS)('%s', (kind) => {
  it('uploads a folder without what the list names, and says what it left out', async () => {
    const { queue } = queueOver(sourceFor(harness.servers, kind), {
      excludedNames: EXCLUDED_NAMES,
    });
    try {
      const target = `up-${kind}`;
      await harness.servers.fixtures.mkdir(target);
      await queue.enqueue({
        sessionId: 's',
        direction: 'upload',
        items: [
          { source: local, targetFolder: posix.join(remoteRoot(harness.servers, kind), target) },
        ],
      });
      await queue.whenIdle();
      const arrived = await treeManifest(join(harness.servers.root, target, 'project'));
      expect(arrived.files).toEqual(await expectedManifest());
      expect(arrived.folders).toEqual(['src']);
      expectLeftOutRows(queue.list());
    } finally {
      await queue.dispose();
    }
  });

  it('downloads a folder without what the list names', async () => {
    const { queue } = queueOver(sourceFor(harness.servers, kind), {
      excludedNames: EXCLUDED_NAMES,
    });
    try {
      const out = await mkdtemp(join(harness.scratch, `down-${kind}-`));
      const remote = posix.join(remoteRoot(harness.servers, kind), 'down/project');
      await queue.enqueue({
        sessionId: 's',
        direction: 'download',
        items: [{ source: remote, targetFolder: out }],
      });
      await queue.whenIdle();
      const arrived = await treeManifest(join(out, 'project'));
      expect(arrived.files).toEqual(await expectedManifest());
      expect(arrived.folders).toEqual(['src']);
      expectLeftOutRows(queue.list());
    } finally {
      await queue.dispose();
    }
  });

  it('transfers a file the user picked even when the list names it', async () => {
    const { queue } = queueOver(sourceFor(harness.servers, kind), {
      excludedNames: EXCLUDED_NAMES,
    });
    try {
      const out = await mkdtemp(join(harness.scratch, `picked-${kind}-`));
      const remote = posix.join(remoteRoot(harness.servers, kind), 'down/project/b.tmp');
      await queue.enqueue({
        sessionId: 's',
        direction: 'download',
        items: [{ source: remote, targetFolder: out }],
      });
      await queue.whenIdle();
      const arrived = await treeManifest(out);
      expect(arrived.files).toEqual({ 'b.tmp': (await treeManifest(local)).files['b.tmp'] });
    } finally {
      await queue.dispose();
    }
  });
});

function expectLeftOutRows(
  rows: { name: string; state: string; note?: string; parentId?: string }[],
): void {
  const folder = rows.find((row) => row.parentId === undefined);
  expect(folder).toMatchObject({
    state: 'done',
    note: '4 of 9 skipped (4 left out by the exclusion list)',
  });
  const skipped = rows.filter((row) => row.state === 'skipped');
  expect(skipped.map((row) => row.name).sort()).toEqual(Object.keys(LEFT_OUT).sort());
  for (const row of skipped) {
    expect(row.note).toBe(`Left out: matches "${LEFT_OUT[row.name]}" in the exclusion list.`);
  }
  expect(rows.filter((row) => row.state === 'failed')).toEqual([]);
}
