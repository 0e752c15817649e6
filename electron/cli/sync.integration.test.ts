/**
 * `ferry sync` against the real sshd and vsftpd (FTPS): the plan printed one line per action with
 * its reason, --dry-run changing nothing, the run making the two folders equal byte for byte
 * (checksums), --delete off by default, excluded names and links left alone on both sides, a
 * folder the server will not show named and never taken for empty, and plain usage errors.
 */
import { mkdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../e2e/harness/vitest-suite';
import { treeManifest, type ProtocolKind } from '../core/transfers/testing';
import { runFerry } from './cli-testing';

const KINDS = ['sftp', 'ftps-explicit'] as const satisfies readonly ProtocolKind[];
const harness = harnessForSuite([...KINDS], 'ferry-cli-sync-');

/** A whole minute a day ago: an FTP listing shows it to the minute. */
const BASE = Math.floor((Date.now() - 86_400_000) / 60_000) * 60_000;
let n = 0;
let local: string;
let serverRel: string;

async function dated(path: string, text: string, offsetMin = 0) {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  const when = new Date(BASE + offsetMin * 60_000);
  await utimes(path, when, when);
}

beforeEach(async () => {
  n++;
  local = join(harness.scratch, `site-${n}`);
  serverRel = `cli-site-${n}`;
  const f = harness.servers.fixtures;
  const there = async (path: string, text: string, offsetMin = 0) =>
    dated(await f.writeFile(`${serverRel}/${path}`, text), text, offsetMin);
  const here = (path: string, text: string, offsetMin = 0) =>
    dated(join(local, path), text, offsetMin);
  for (const path of ['index.html', 'css/base.css']) {
    await here(path, `same ${path}`);
    await there(path, `same ${path}`);
  }
  await here('css/site.css', 'body { color: red; margin: 0 }');
  await there('css/site.css', 'body { color: blue }');
  await here('app.js', 'run(1)', 120);
  await there('app.js', 'run(0)');
  await here('notes.txt', 'draft A');
  await there('notes.txt', 'draft B', 180);
  await here('img/logo.svg', '<svg/>');
  await here('.git/HEAD', 'ref: main');
  await there('old.txt', 'only there');
  await there('cache.tmp', 'excluded: stays');
  await f.symlink('index.html', `${serverRel}/home.html`);
  await symlink('index.html', join(local, 'start.html'));
});

function url(kind: (typeof KINDS)[number]): string {
  const { user } = harness.servers;
  return kind === 'sftp'
    ? `sftp://${user.name}@127.0.0.1:${harness.servers.sftp?.port}/~/${serverRel}`
    : `ftpes://${user.name}@127.0.0.1:${harness.servers.ftpsExplicit?.port}/${serverRel}`;
}

function sync(kind: (typeof KINDS)[number], args: string[]) {
  const trust = kind === 'sftp' ? ['--accept-new-host-key'] : ['--ca', harness.servers.ca.certPath];
  return runFerry(
    ['sync', local, url(kind), '--password-env', 'PW', '--exclude', '.git', ...trust, ...args],
    { PW: harness.servers.user.password, FERRY_DATA_DIR: join(harness.scratch, `data-${kind}`) },
  );
}

const serverFiles = async () => (await treeManifest(harness.servers.fixtures.abs(serverRel))).files;
const localFiles = async () => (await treeManifest(local)).files;

describe.each(KINDS)('%s', (kind) => {
  it('prints the plan, changes nothing on --dry-run, then makes the server match', async () => {
    const before = await serverFiles();
    const dry = await sync(kind, ['--direction', 'up', '--exclude', '*.tmp', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.split('\n').filter(Boolean)).toEqual([
      'upload       app.js (newer here)',
      'upload       css/site.css (other size)',
      'upload       img/ (only on this computer, 1 file)',
    ]);
    expect(dry.stderr).toContain('left alone: notes.txt (the copy being replaced is newer: kept)');
    expect(dry.stderr).toContain('left alone: home.html (a link');
    expect(dry.stderr).toContain('left alone: start.html (a link');
    expect(dry.stderr).toContain('Plan: 3 files to upload (');
    expect(dry.stderr).toContain('Dry run: nothing was changed.');
    expect(await serverFiles()).toEqual(before);

    // Without --delete, what is only on the server stays.
    const run = await sync(kind, ['--direction', 'up', '--exclude', '*.tmp']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Uploaded 3 files \(42 B\) in [\d.]+ s/);
    const there = await serverFiles();
    const here = await localFiles();
    for (const path of ['app.js', 'css/site.css', 'img/logo.svg', 'index.html'])
      expect(there[path], path).toBe(here[path]);
    expect(there['old.txt']).toBeDefined();

    // With it, the server matches, but for what is excluded, a link, and the newer copy there.
    const mirror = await sync(kind, ['--direction', 'up', '--exclude', '*.tmp', '--delete']);
    expect(mirror.code, mirror.stderr).toBe(0);
    expect(mirror.stdout).toBe('delete there old.txt (only on the server)\n');
    expect(mirror.stderr).toMatch(/Deleted 1 item \(0 B\) in/);
    const after = await serverFiles();
    expect(after['old.txt']).toBeUndefined();
    expect(after['cache.tmp']).toBe(before['cache.tmp']);
    expect(after['notes.txt']).toBe(before['notes.txt']);
    expect(after['.git/HEAD']).toBeUndefined();

    const again = await sync(kind, ['--direction', 'up', '--exclude', '*.tmp', '--delete']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('Nothing to do: the folders match.');
  });

  it('--mirror: the newer copy on the server is replaced by the older one here', async () => {
    const run = await sync(kind, ['--direction', 'up', '--exclude', '*.tmp', '--mirror']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      'upload       notes.txt (newer on the server — will be replaced by the older copy here)\n',
    );
    expect(run.stderr).not.toContain('left alone: notes.txt');
    expect((await serverFiles())['notes.txt']).toBe((await localFiles())['notes.txt']);
  });

  it('down: this computer matches the server; JSON for scripts', async () => {
    const run = await sync(kind, ['--direction', 'down', '--delete', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      items: { action: string; path: string; reason: string }[];
      downloaded: number;
      deleted: number;
    };
    expect(report.items.map((i) => `${i.action} ${i.path} ${i.reason}`)).toEqual([
      'download cache.tmp onlyRemote',
      'download css/site.css sizeDiffers',
      'deleteLocal img onlyLocal',
      'download notes.txt newerRemote',
      'download old.txt onlyRemote',
    ]);
    expect(report).toMatchObject({ ok: true, downloaded: 4, deleted: 1 });
    const here = await localFiles();
    const there = await serverFiles();
    for (const path of ['cache.tmp', 'css/site.css', 'notes.txt', 'old.txt'])
      expect(here[path], path).toBe(there[path]);
    expect(here['img/logo.svg']).toBeUndefined();
    expect(here['.git/HEAD']).toBeDefined(); // excluded: never deleted
    expect(here['app.js']).not.toBe(there['app.js']); // newer here: kept
  });
});

it('names a server folder it cannot read, deletes nothing of it, and exits 1 (sftp)', async () => {
  await harness.servers.fixtures.writeFile(`${serverRel}/locked/inside.txt`, 'hidden');
  await harness.servers.fixtures.makeUnreadable(`${serverRel}/locked`);
  await dated(join(local, 'locked/mine.txt'), 'only here, but the server folder is unreadable');
  const run = await sync('sftp', ['--direction', 'down', '--delete', '--size-only']);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(
    'not read: server: locked — left out with everything in it, never taken for empty',
  );
  expect(run.stderr).toContain('Not complete: 1 folder could not be read (named above).');
  expect((await localFiles())['locked/mine.txt']).toBeDefined();
  // Size only: app.js ("run(1)" here, "run(0)" there) is the same size, so the same.
  expect(run.stdout).not.toContain('app.js');
  expect(run.stdout).toContain('delete here  img/ (only on this computer, 1 file)');
});

it('both ways: the newer copy wins on each side (sftp)', async () => {
  const run = await sync('sftp', ['--direction', 'both', '--exclude', '*.tmp']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout.split('\n').filter(Boolean)).toEqual([
    'upload       app.js (newer here)',
    'upload       img/ (only on this computer, 1 file)',
    'download     notes.txt (newer on the server)',
    'download     old.txt (only on the server)',
  ]);
  expect(run.stderr).toContain(
    'left alone: css/site.css (changed on both sides: no telling which is newer)',
  );
  const here = await localFiles();
  const there = await serverFiles();
  for (const path of ['app.js', 'img/logo.svg', 'notes.txt', 'old.txt'])
    expect(here[path], path).toBe(there[path]);
});

describe('usage', () => {
  it('refuses what it cannot do, in words (exit 2)', async () => {
    const both = await sync('sftp', ['--direction', 'both', '--delete']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--delete works with --direction up or down only.');
    const mirror = await sync('sftp', ['--direction', 'both', '--mirror']);
    expect(mirror.code).toBe(2);
    expect(mirror.stderr).toContain('--mirror works with --direction up or down only.');
    const sideways = await sync('sftp', ['--direction', 'sideways']);
    expect(sideways.code).toBe(2);
    expect(sideways.stderr).toContain('"sideways" is not a direction: use up, down or both.');
    local = join(harness.scratch, 'not-there');
    const missing = await sync('sftp', ['--direction', 'up']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist.');
  });
});
