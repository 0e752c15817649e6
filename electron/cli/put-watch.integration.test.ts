/**
 * `ferry put -r --watch` against the real sshd: the folder goes up first, then an edit and a new
 * file follow (SHA-256 on the server), each said in a line; Ctrl+C (SIGINT) ends it with exit 0
 * and a summary (exit 1 when a file failed: each failure said with its hint); a change after
 * that stays here.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import { waitFor } from '../core/transfers/testing';

const harness = harnessForSuite(['sftp'], 'ferry-put-watch-');
const repo = fileURLToPath(new URL('../..', import.meta.url));
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

it('put -r --watch sends what changes until Ctrl+C', async () => {
  const site = join(harness.scratch, 'site');
  await mkdir(site);
  await writeFile(join(site, 'index.html'), '<h1>first</h1>');
  await mkdir(join(site, 'locked'));
  await harness.servers.fixtures.mkdir('watched');
  const url = `sftp://${harness.servers.user.name}@127.0.0.1:${harness.servers.sftp?.port}/~/watched`;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/cli.ts',
      'put',
      '-r',
      '--watch',
      site,
      url,
      '--password-env',
      'PW',
      '--accept-new-host-key',
    ],
    {
      cwd: repo,
      env: {
        ...process.env,
        PW: harness.servers.user.password,
        FERRY_DATA_DIR: join(harness.scratch, 'data'),
      },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const server = (path: string) => harness.servers.fixtures.abs(`watched/site/${path}`);
  try {
    await waitFor(() => stderr.includes('Watching'), 60_000);
    expect(await readFile(server('index.html'), 'utf8')).toBe('<h1>first</h1>');

    const edited = '<h1>edited</h1>'.repeat(500);
    await writeFile(join(site, 'index.html'), edited);
    await mkdir(join(site, 'css'));
    await writeFile(join(site, 'css/site.css'), 'body {}');
    await waitFor(
      () => stderr.includes('uploaded: index.html') && stderr.includes('uploaded: css/site.css'),
      30_000,
    );
    expect(sha(await readFile(server('index.html')))).toBe(sha(edited));
    expect(sha(await readFile(server('css/site.css')))).toBe(sha('body {}'));
    // A file the server refuses: said with what to do about it.
    await chmod(server('locked'), 0o555);
    await writeFile(join(site, 'locked/a.txt'), 'refused');
    await waitFor(() => stderr.includes('failed: locked/a.txt'), 30_000);
    expect(stderr).toMatch(/failed: locked\/a\.txt: .+ \(.+\)\n/);

    child.kill('SIGINT');
    expect(await exited).toBe(1); // a file failed
    expect(stderr).toContain('Kept up to date: 2 files uploaded.');
    expect(stderr).not.toContain(harness.servers.user.password);
    await writeFile(join(site, 'index.html'), 'not sent');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sha(await readFile(server('index.html')))).toBe(sha(edited));
  } catch (error) {
    throw new Error(`${String(error)}; exit ${child.exitCode}; stderr: ${stderr}`, {
      cause: error,
    });
  } finally {
    child.kill('SIGKILL');
  }
});
