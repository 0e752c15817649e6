/**
 * Root ignores file permissions (RECIPES "Running as root"), so these tests run the handlers in a
 * child process as the unprivileged `nobody` user against folders root has locked.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';

const NOBODY = 65534;
const script = fileURLToPath(new URL('./testing/call-as-user.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let root: string;

async function callAsNobody(method: string, input: unknown): Promise<Result<unknown>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', script, JSON.stringify([method, input])],
    { uid: NOBODY, gid: NOBODY, cwd: repoRoot, env: { ...process.env, HOME: '/nonexistent' } },
  );
  return JSON.parse(stdout) as Result<unknown>;
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('These tests need root to switch to nobody.');
  root = await mkdtemp(join(tmpdir(), 'ferry-perm-'));
  await chmod(root, 0o755);
  await mkdir(join(root, 'locked'), { mode: 0o700 });
  await writeFile(join(root, 'locked', 'inside.txt'), 'secret');
  await writeFile(join(root, 'readonly-file'), 'keep');
  await mkdir(join(root, 'open'), { mode: 0o755 });
  await writeFile(join(root, 'open', 'visible.txt'), 'hi');
  await chmod(join(root, 'locked'), 0o700);
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('local handlers as an unprivileged user', () => {
  it('cannot open a folder it may not read, and says so in plain words', async () => {
    const result = await callAsNobody('local.list', { path: join(root, 'locked') });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'permission_denied',
        message: `You do not have permission to open ${join(root, 'locked')}.`,
      },
    });
  });

  it('still lists the folder around it, locked folder included', async () => {
    const result = await callAsNobody('local.list', { path: root });
    expect(result.ok).toBe(true);
    const names = (result as { value: { entries: { name: string }[] } }).value.entries
      .map((e) => e.name)
      .sort();
    expect(names).toEqual(['locked', 'open', 'readonly-file']);
  });

  it('cannot create a folder in a folder it does not own', async () => {
    const result = await callAsNobody('local.mkdir', { parent: root, name: 'mine' });
    expect(result).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
    expect(existsSync(join(root, 'mine'))).toBe(false);
  });

  it('cannot delete what it may not delete, and nothing goes', async () => {
    const result = await callAsNobody('local.delete', { paths: [join(root, 'readonly-file')] });
    expect(result).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
    expect(existsSync(join(root, 'readonly-file'))).toBe(true);
  });
});
