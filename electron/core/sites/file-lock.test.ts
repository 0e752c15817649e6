/** The cross-process lock's rules for locks left behind by others. */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { addSite } from './site-ops';
import { SiteStore } from './site-store';
import { lockPathOf, withFileLock } from './file-lock';
import { sampleDraft } from './testing/sample-site';

const scratch = scratchPerTest('ferry-lock-');
let file: string;
beforeEach(() => {
  file = join(scratch.path, 'sites.json');
});

/** A pid that surely belongs to no running process: one that has just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

async function leaveLock(content: object | string, ageMs = 0): Promise<void> {
  const path = lockPathOf(file);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  if (ageMs > 0) {
    const then = new Date(Date.now() - ageMs);
    await utimes(path, then, then);
  }
}

const lockOf = (pid: number, at = Date.now(), host = hostname()) => ({
  host,
  pid,
  token: 'someone-else',
  at,
});

async function addsASite(store = new SiteStore(scratch.path)): Promise<number> {
  const started = Date.now();
  await store.update((doc) =>
    addSite(
      doc,
      sampleDraft({ name: 'After the lock' }),
      'x',
      { hasPassword: false, hasPassphrase: false, passwordNotImported: false },
      Date.now(),
    ),
  );
  return Date.now() - started;
}

describe('a lock left behind', () => {
  it('by a process that died is taken over at once', async () => {
    await leaveLock(lockOf(deadPid()));
    expect(await addsASite()).toBeLessThan(1000);
    expect(await readFile(file, 'utf8')).toContain('After the lock');
    // Released afterwards, and no stray helper files left.
    expect((await readdir(scratch.path)).filter((n) => n.includes('.lock'))).toEqual([]);
  });

  it('by a running process, but older than the stale age, is taken over', async () => {
    await leaveLock(lockOf(process.pid, Date.now() - 60_000));
    expect(await addsASite()).toBeLessThan(1000);
  });

  it('on another computer (shared folder) is judged by its age only', async () => {
    await leaveLock(lockOf(deadPid(), Date.now(), 'another-computer'));
    const error = await withFileLock(file, async () => 'ran', { timeoutMs: 300 }).catch((e) => e);
    expect(error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/busy/) });
    await leaveLock(lockOf(deadPid(), Date.now() - 60_000, 'another-computer'));
    expect(await withFileLock(file, async () => 'ran')).toBe('ran');
  });

  it('that cannot be read is waited for while recent and taken over when old', async () => {
    await leaveLock('{"half');
    const error = await withFileLock(file, async () => 'ran', { timeoutMs: 300 }).catch((e) => e);
    expect(error).toMatchObject({ code: 'timeout' });
    await leaveLock('{"half', 60_000);
    expect(await withFileLock(file, async () => 'ran')).toBe('ran');
  });
});

/** Waits (up to `ms`) until `done` holds. */
async function until(done: () => boolean, ms = 10_000): Promise<void> {
  for (let waited = 0; waited < ms && !done(); waited += 5) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('a held lock', () => {
  it('makes a second writer wait until it is released, then the second one runs', async () => {
    const order: string[] = [];
    let release!: () => void;
    const first = withFileLock(file, async () => {
      order.push('first in');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first out');
    });
    await until(() => order.includes('first in'));
    const second = withFileLock(file, async () => {
      order.push('second in');
    });
    await new Promise((r) => setTimeout(r, 150));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
  });

  it('taken over from a holder that stalled makes the stalled holder refuse to commit', async () => {
    let holding = false;
    let secondRan = false;
    const stalled = withFileLock(
      file,
      async (lock) => {
        holding = true;
        // Stalls (past staleMs) until the other writer has taken the lock over and finished.
        await until(() => secondRan);
        await lock.assertHeld();
      },
      { staleMs: 100 },
    );
    await until(() => holding);
    const second = withFileLock(file, async () => 'second ran', { staleMs: 100 });
    expect(await second).toBe('second ran');
    secondRan = true;
    await expect(stalled).rejects.toMatchObject({ code: 'timeout' });
  });
});

describe.each([
  ['with hard links', false],
  ['without hard links (FAT, some network shares)', true],
])('mutual exclusion %s', (_label, withoutHardLinks) => {
  it('forty read-increment-write cycles from two writers at once end at forty', async () => {
    const counter = join(scratch.path, 'counter');
    await writeFile(counter, '0');
    const cycle = () =>
      withFileLock(
        counter,
        async () => {
          const value = Number(await readFile(counter, 'utf8'));
          await new Promise((r) => setTimeout(r, 1));
          await writeFile(counter, String(value + 1));
        },
        { withoutHardLinks },
      );
    const writer = async () => {
      for (let i = 0; i < 20; i++) await cycle();
    };
    await Promise.all([writer(), writer()]);
    expect(await readFile(counter, 'utf8')).toBe('40');
  });
});
