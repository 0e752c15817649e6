/**
 * `ferry put/get --limit-rate` against the real SFTP server: 1 MiB at 256 KiB/s takes at least
 * ~3.5 s each way and arrives intact; a rate that makes no sense is a usage error (exit 2) that
 * says what to write instead.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../e2e/harness/checksums';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import { patterned } from '../core/transfers/testing';
import { runFerry, type CliRun } from './cli-testing';

const harness = harnessForSuite(['sftp'], 'ferry-cli-limit-');

function ferry(args: string[]): Promise<CliRun> {
  return runFerry(
    args,
    { PW: harness.servers.user.password, FERRY_DATA_DIR: join(harness.scratch, 'data') },
    60_000,
  );
}

const url = (path: string) =>
  `sftp://${harness.servers.user.name}@127.0.0.1:${harness.servers.sftp?.port}${path}`;
const common = ['--password-env', 'PW', '--accept-new-host-key'];

describe('ferry --limit-rate', () => {
  it('puts and gets 1 MiB at 256K in at least ~3.5 s each way, byte for byte', async () => {
    const data = patterned(1024 * 1024, 11);
    const local = join(harness.scratch, 'one.bin');
    await writeFile(local, data);
    const up = await ferry(['put', local, url('/~/one.bin'), ...common, '--limit-rate', '256K']);
    expect(up.code, up.stderr).toBe(0);
    // The process's start and login come on top; the transfer alone is ~3.75 s or more.
    expect(up.ms).toBeGreaterThanOrEqual(3500);
    expect(sha256(await readFile(join(harness.servers.root, 'one.bin')))).toBe(sha256(data));

    const back = join(harness.scratch, 'back.bin');
    const down = await ferry(['get', url('/~/one.bin'), back, ...common, '--limit-rate', '256KiB']);
    expect(down.code, down.stderr).toBe(0);
    expect(down.ms).toBeGreaterThanOrEqual(3500);
    expect(sha256(await readFile(back))).toBe(sha256(data));
  });

  it.each([
    ['fast', /Write a speed like 500K or 2M/],
    ['0', /slowest limit is 1K/],
    ['-1M', /Write a speed like/],
    ['99G', /fastest limit is 10G/],
  ])('refuses --limit-rate %s with a usage error that says why', async (value, words) => {
    const run = await ferry([
      'get',
      url('/~/x'),
      harness.scratch,
      ...common,
      '--limit-rate',
      value,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(words);
    expect(run.stderr).toContain('--limit-rate');
  });
});
