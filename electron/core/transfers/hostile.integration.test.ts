/**
 * Servers that lie: their listings name `../escape`, `/abs`, `a/b`, `..\win`, `nul`, control
 * characters and a link loop. A recursive download writes nothing outside the folder the user
 * chose, never asks the server for those names, and reports each one it saw as skipped.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchForSuite } from '../../../e2e/harness/vitest-suite';
import { hostileTree } from '../../../e2e/hostile/tree';
import type { TransferJob } from '../../../shared/contract/transfers';
import { queueOver } from './testing';
import { HOSTILE_SERVERS } from './testing-hostile';

const scratch = scratchForSuite('ferry-hostile-');

async function everything(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      found.push(relative(root, join(dir, entry.name)));
      if (entry.isDirectory()) await walk(join(dir, entry.name));
    }
  };
  await walk(root);
  return found.sort();
}

describe.each(HOSTILE_SERVERS)('%s', (kind, start) => {
  it('downloads only the safe names, inside the chosen folder, and reports the rest', async () => {
    const server = await start(hostileTree());
    const outside = await mkdtemp(join(scratch.path, `${kind}-`));
    const chosen = join(outside, 'chosen', 'here');
    await mkdir(chosen, { recursive: true });
    const { queue } = queueOver({ open: () => server.open() }, { defaultConflictAction: 'ask' });
    try {
      const [id] = await queue.enqueue({
        sessionId: 'hostile',
        direction: 'download',
        items: [{ source: '/evil', targetFolder: chosen }],
      });
      await queue.whenIdle();
      const rows = queue.list();
      const folder = rows.find((row) => row.id === id);
      expect(folder?.state).toBe('done');

      // Only the safe files arrived, and nothing exists outside the chosen folder.
      expect(await everything(outside)).toEqual([
        'chosen',
        'chosen/here',
        'chosen/here/evil',
        'chosen/here/evil/safe.txt',
        'chosen/here/evil/sub',
        'chosen/here/evil/sub/also safe.txt',
      ]);
      expect(await readFile(join(chosen, 'evil/sub/also safe.txt'), 'utf8')).toBe(
        'nested and safe\n',
      );
      expect(existsSync('/tmp/ferry-hostile-abs')).toBe(false);
      expect(existsSync(join(tmpdir(), 'escape'))).toBe(false);

      // Every hostile name that reached Ferry is reported as an unsafe, skipped row, readable.
      const unsafe = rows.filter((row: TransferJob) => row.error?.code === 'unsafe_name');
      expect(unsafe.every((row) => row.state === 'skipped')).toBe(true);
      const names = unsafe.map((row) => row.name);
      for (const name of [
        'evil/..\\\\win',
        'evil/nul',
        'evil/COM1.txt',
        'evil/trailing.',
        'evil/bell\\u0007top',
      ]) {
        expect(names).toContain(name.replace('evil/', ''));
      }
      expect(names).toContain('sub/esc\\u001b[2Jsub');
      // Names with "/" never become entries (both connectors name them in the listing's
      // `skipped`): they are reported here all the same, for SFTP as for FTP.
      for (const name of [
        '../escape',
        '../../escape-two',
        '/abs',
        '/tmp/ferry-hostile-abs',
        'a/b',
        '../up-folder',
        'sub/../escape',
      ]) {
        expect(names).toContain(name);
      }
      for (const row of unsafe) {
        // eslint-disable-next-line no-control-regex
        expect(row.name).not.toMatch(/[\u0000-\u001f]/);
        expect(row.error?.message).toMatch(/did not save/);
      }
      // Names with separators or dots are dropped by the connector or reported here; either
      // way they never became a request to the server, nor a file.
      const escaping = server.requests.filter((path) =>
        /escape|abs|win|evil\/nul|a\/b|bell/.test(path),
      );
      expect(escaping).toEqual([]);
      // The link is skipped, never followed: no loop.
      const link = rows.find((row) => row.name === 'loop');
      expect(link?.state).toBe('skipped');
    } finally {
      await queue.dispose();
      await server.close();
    }
  });
});
