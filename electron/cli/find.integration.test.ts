/**
 * `ferry find` against the real servers: the paths that match, one per line (a control character
 * in a name printed escaped, never raw), a summary on stderr naming the folder it could not read,
 * sizes and dates as options, JSON for scripts, and plain usage errors (exit 2).
 */
import { utimes } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import { remoteRoot, type ProtocolKind } from '../core/transfers/testing';
import { runFerry } from './cli-testing';

const KINDS = ['sftp', 'ftps-explicit'] as const satisfies readonly ProtocolKind[];
const harness = harnessForSuite([...KINDS], 'ferry-cli-find-');

beforeAll(async () => {
  const f = harness.servers.fixtures;
  await f.writeFile('tree/a.jpg', Buffer.alloc(100));
  await f.writeFile('tree/bell\u0007.jpg', 'ding');
  // U+009B is a whole escape sequence's start on many terminals: ESC [ in one character.
  await f.writeFile('tree/csi\u009b2J.jpg', 'clear');
  await f.writeFile('tree/sub/B.JPG', Buffer.alloc(50_000));
  await f.writeFile('tree/sub/notes.txt', 'notes');
  const old = await f.writeFile('tree/sub/old.jpg', 'from 2020');
  await utimes(old, new Date('2020-06-01T00:00:00Z'), new Date('2020-06-01T00:00:00Z'));
  await f.symlink('..', 'tree/sub/up');
  await f.writeFile('tree/locked/hidden.jpg', 'x');
  await f.makeUnreadable('tree/locked');
});

function url(kind: (typeof KINDS)[number], rel: string): string {
  const { user } = harness.servers;
  return kind === 'sftp'
    ? `sftp://${user.name}@127.0.0.1:${harness.servers.sftp?.port}/~/${rel}`
    : `ftpes://${user.name}@127.0.0.1:${harness.servers.ftpsExplicit?.port}/${rel}`;
}

function find(kind: (typeof KINDS)[number], args: string[]) {
  const trust = kind === 'sftp' ? ['--accept-new-host-key'] : ['--ca', harness.servers.ca.certPath];
  return runFerry(['find', url(kind, 'tree'), '--password-env', 'PW', ...trust, ...args], {
    PW: harness.servers.user.password,
    FERRY_DATA_DIR: join(harness.scratch, `data-${kind}`),
  });
}

describe.each(KINDS)('%s', (kind) => {
  const at = (rel: string) => posix.join(remoteRoot(harness.servers, kind), 'tree', rel);

  it('prints each match once, escapes control characters, and says what it could not read', async () => {
    const run = await find(kind, ['--name', '*.jpg']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual(
      [
        at('a.jpg'),
        at('bell\\u0007.jpg'),
        at('csi\\u009b2J.jpg'),
        at('sub/B.JPG'),
        at('sub/old.jpg'),
      ].sort(),
    );
    expect(run.stdout).not.toContain('\u0007');
    expect(run.stdout).not.toContain('\u009b');
    expect(run.stderr).toContain('Found 5 in 2 folders.');
    expect(run.stderr).toContain(`1 folder could not be read (${at('locked')}).`);
  });

  it('takes sizes and dates, and answers in JSON', async () => {
    const big = await find(kind, ['--larger', '10K', '--json']);
    expect(big.code, big.stderr).toBe(0);
    const report = JSON.parse(big.stdout) as { outcome: string; hits: { name: string }[] };
    expect(report.outcome).toBe('done');
    expect(report.hits.map((hit) => hit.name)).toEqual(['B.JPG']);
    const old = await find(kind, ['--name', '*.jpg', '--older', '2021-01-01']);
    expect(old.stdout.trim()).toBe(at('sub/old.jpg'));
    const recent = await find(kind, ['--name', '*.JPG', '--match-case', '--newer', '7d']);
    expect(recent.stdout.trim()).toBe(at('sub/B.JPG'));
  });
});

describe('usage', () => {
  it('refuses a size or a date it cannot read, saying what to write (exit 2)', async () => {
    const size = await find('sftp', ['--larger', 'lots']);
    expect(size.code).toBe(2);
    expect(size.stderr).toContain('"lots" is not a size: write bytes, or 10K, 2M, 1G.');
    const date = await find('sftp', ['--newer', 'yesterday']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('write 2026-01-31, 2026-01-31T12:00, or 7d / 12h');
  });
});
