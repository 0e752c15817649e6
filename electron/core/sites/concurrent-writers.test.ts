/**
 * Two real processes (think: the app and the `ferry` command) change the sites file and the
 * master-password vault at the same moment, as fast as they can: no change is lost and both
 * files stay valid.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { Secrets } from '../secrets/secrets';
import { parseSitesFile } from './document';
import { SITES_FILE } from './site-store';

const MASTER = 'shared master password';
const PER_PROCESS = 25;

const scratch = scratchPerTest('ferry-concurrent-');

function startWriter(tag: string) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'testing/concurrent-writer.ts'),
      scratch.path,
      tag,
      String(PER_PROCESS),
      MASTER,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<void>((resolve) =>
    createInterface({ input: child.stdout }).on('line', (line) => line === 'ready' && resolve()),
  );
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
  return { child, ready, exited };
}

it(
  'two processes writing sites and passwords at once lose nothing',
  { timeout: 120_000 },
  async () => {
    const secrets = await Secrets.open({ dataDir: scratch.path });
    await secrets.useMasterPassword(MASTER);

    const writers = [startWriter('a'), startWriter('b')];
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.stdin.end('go\n');
    const results = await Promise.all(writers.map((w) => w.exited));
    expect(results).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);

    const ids = ['a', 'b'].flatMap((tag) =>
      Array.from({ length: PER_PROCESS }, (_, i) => `${tag}-${i}`),
    );
    const parsed = parseSitesFile(await readFile(join(scratch.path, SITES_FILE), 'utf8'));
    if (!parsed.ok) throw new Error(`the sites file is ${parsed.reason}`);
    expect(parsed.document.sites.map((s) => s.id).sort()).toEqual([...ids].sort());

    const reader = await Secrets.open({ dataDir: scratch.path });
    await reader.unlock(MASTER);
    for (const id of ids) {
      expect(await reader.get(`site:${id}:password`)).toBe(`password of ${id}`);
    }
  },
);
