/**
 * `ferry chmod` against the real servers: one recursive pass of 644 with --add-x gives folders
 * 755 and files 644 (modes read from the disk), links are neither followed nor changed, a scope
 * changes only its kind, an item the server refuses is named and makes the exit code 1, and a
 * mode it cannot take is a usage error (exit 2) that says what to write.
 */
import { chown, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import type { ProtocolKind } from '../core/transfers/testing';
import { runFerry } from './cli-testing';

const KINDS = ['sftp', 'ftps-explicit'] as const satisfies readonly ProtocolKind[];
type Kind = (typeof KINDS)[number];
const harness = harnessForSuite([...KINDS], 'ferry-cli-chmod-');

async function makeSite(rel: string): Promise<void> {
  const f = harness.servers.fixtures;
  await f.writeFile(`${rel}/index.html`, 'home');
  await f.writeFile(`${rel}/css/site.css`, 'body{}');
  await f.writeFile(`${rel}/css/img/logo.png`, 'png');
  await f.writeFile(`outside-${rel}/keep.txt`, 'not mine');
  await f.symlink(`../outside-${rel}`, `${rel}/elsewhere`);
}

function url(kind: Kind, rel: string): string {
  const { user } = harness.servers;
  return kind === 'sftp'
    ? `sftp://${user.name}@127.0.0.1:${harness.servers.sftp?.port}/~/${rel}`
    : `ftpes://${user.name}@127.0.0.1:${harness.servers.ftpsExplicit?.port}/${rel}`;
}

function chmod(kind: Kind, args: string[]) {
  const trust = kind === 'sftp' ? ['--accept-new-host-key'] : ['--ca', harness.servers.ca.certPath];
  return runFerry(['chmod', ...args, '--password-env', 'PW', ...trust], {
    PW: harness.servers.user.password,
    FERRY_DATA_DIR: join(harness.scratch, `data-${kind}`),
  });
}

const modeOf = async (rel: string) =>
  (await lstat(harness.servers.fixtures.abs(rel))).mode & 0o7777;

beforeAll(async () => {
  for (const kind of KINDS) await makeSite(`site-${kind}`);
});

describe.each(KINDS)('%s', (kind) => {
  const site = `site-${kind}`;

  it('sets folders 755 and files 644 in one pass, leaving links and their targets alone', async () => {
    const outsideBefore = await modeOf(`outside-${site}`);
    const run = await chmod(kind, ['-R', '644', '--add-x', url(kind, site)]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Changed 6 items.');
    expect(run.stderr).toContain('1 link left as they are');
    for (const folder of ['', '/css', '/css/img'])
      expect(await modeOf(`${site}${folder}`)).toBe(0o755);
    for (const file of ['/index.html', '/css/site.css', '/css/img/logo.png']) {
      expect(await modeOf(`${site}${file}`)).toBe(0o644);
    }
    expect(await modeOf(`outside-${site}`)).toBe(outsideBefore);

    const files = await chmod(kind, ['-R', '--files-only', '600', url(kind, site)]);
    expect(files.code, files.stderr).toBe(0);
    expect(await modeOf(`${site}/css/site.css`)).toBe(0o600);
    expect(await modeOf(`${site}/css`)).toBe(0o755);
  });

  it('names an item the server refuses and ends with exit 1', async () => {
    const locked = await harness.servers.fixtures.writeFile(`${site}-locked/root-owned.txt`, 'x');
    await chown(locked, 0, 0);
    const run = await chmod(kind, ['-R', '644', url(kind, `${site}-locked`)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Changed 1 item.');
    expect(run.stderr).toMatch(/failed: .*root-owned\.txt: /);
  });
});

describe('usage', () => {
  it('refuses a symbolic mode and two scopes at once, saying what to write (exit 2)', async () => {
    const symbolic = await chmod('sftp', ['u+x', url('sftp', 'site-sftp')]);
    expect(symbolic.code).toBe(2);
    expect(symbolic.stderr).toContain('three octal digits, like 644 or 755');
    const both = await chmod('sftp', [
      '-R',
      '--files-only',
      '--folders-only',
      '644',
      url('sftp', 'x'),
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      '--files-only and --folders-only leave nothing to change together.',
    );
  });
});
