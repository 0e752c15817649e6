/**
 * Changing permissions of a real tree on the real servers (OpenSSH sshd, vsftpd with explicit
 * FTPS), every mode checked on disk with lstat afterwards: one recursive pass gives folders 755
 * and files 644 (add X); a link to a folder is neither followed nor changed through; files-only
 * and folders-only scopes; a folder the test user may not list (nor change) is counted and named;
 * the bits the items disagree on stay as each has them; Stop stops at once and for good.
 */
import { lchown, lstat, readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type {
  PermissionsFinished,
  PermissionsProgress,
} from '../../../shared/contract/permissions';
import type { RemoteFs } from '../remote/remote-fs';
import { connectTo, recorder, remoteRoot, type ProtocolKind } from '../transfers/testing';
import { PermissionsManager, type PermissionsRequest } from './permissions-manager';

const KINDS: ProtocolKind[] = ['sftp', 'ftps-explicit'];
const harness = harnessForSuite(KINDS);

/** A small web site as uploaded: odd modes everywhere, a link out, a folder nobody may read. */
async function makeSite(rel: string): Promise<void> {
  const f = harness.servers.fixtures;
  await f.writeFile(`${rel}/site/index.html`, '<h1>hi</h1>');
  await f.writeFile(`${rel}/site/css/main.css`, 'body{}');
  await f.writeFile(`${rel}/site/css/vendor/reset.css`, '*{}');
  await f.writeFile(`${rel}/site/img/logo.png`, Buffer.alloc(100));
  await f.mkdir(`${rel}/site/empty`);
  await f.writeFile(`${rel}/outside/secret.txt`, 'not part of the site');
  // Links: to a folder outside the site (must not be walked into or changed), and to a file.
  await f.symlink('../outside', `${rel}/site/shared`);
  await f.symlink('../outside/secret.txt', `${rel}/site/img/secret-link.txt`);
  const locked = await f.makeUnreadable(`${rel}/site/locked`);
  await lchown(locked, 0, 0); // root's: the test user can neither list nor change it
  await setModes(rel, {
    'site/index.html': 0o600,
    'site/css/main.css': 0o666,
    'site/css/vendor/reset.css': 0o400,
    'site/img/logo.png': 0o604,
    'site/css': 0o700,
    'site/css/vendor': 0o777,
    'site/img': 0o750,
    'site/empty': 0o700,
    'site/locked': 0o000,
    site: 0o700,
    outside: 0o700,
    'outside/secret.txt': 0o600,
  });
}

async function setModes(rel: string, modes: Record<string, number>): Promise<void> {
  const { chmod } = await import('node:fs/promises');
  for (const [path, mode] of Object.entries(modes)) {
    await chmod(harness.servers.fixtures.abs(`${rel}/${path}`), mode);
  }
}

/** Every entry below `rel` (links as links: lstat), as path → permission bits. */
async function modesOnDisk(rel: string): Promise<Record<string, number>> {
  const base = harness.servers.fixtures.abs(rel);
  const out: Record<string, number> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const name of await readdir(join(base, dir))) {
      const path = dir ? `${dir}/${name}` : name;
      const stats = await lstat(join(base, path));
      if (stats.isSymbolicLink())
        out[path] = -1; // marked: a link stays a link
      else out[path] = stats.mode & 0o7777;
      if (stats.isDirectory() && (stats.mode & 0o777) !== 0) await walk(path);
    }
  };
  await walk('');
  return out;
}

describe.each(KINDS)('%s', (kind) => {
  let browsing: RemoteFs;
  const top = (rel: string) => posix.join(remoteRoot(harness.servers, kind), `chmod-${kind}`, rel);
  const rel = (name: string) => `chmod-${kind}/${name}`;

  beforeAll(async () => {
    browsing = await connectTo(harness.servers, kind);
  });
  afterAll(async () => {
    await browsing?.close();
  });

  async function change(
    request: Omit<PermissionsRequest, 'sessionId' | 'pageId'>,
    options: { stopAfterFirstProgress?: boolean; sharing?: boolean } = {},
  ) {
    const events = recorder();
    const opened: RemoteFs[] = [];
    const manager = new PermissionsManager({
      emit: events.emit,
      progressMs: 20,
      open: async () => {
        if (options.sharing) throw new Error('one connection per user');
        const fs = await connectTo(harness.servers, kind);
        opened.push(fs);
        return fs;
      },
      browsing: () => browsing,
    });
    const finished = new Promise<PermissionsFinished>((resolve) =>
      events.on('permissions.finished', resolve),
    );
    let stoppedAt = 0;
    const { jobId } = manager.start({ pageId: 'page-1', sessionId: 's', ...request });
    if (options.stopAfterFirstProgress) {
      events.on('permissions.progress', (p) => {
        if (stoppedAt === 0 && p.changed > 0) {
          stoppedAt = performance.now();
          manager.stop(jobId);
        }
      });
    }
    const end = await finished;
    const stopMs = performance.now() - stoppedAt;
    await manager.dispose();
    const progress = events.events
      .filter((e) => e.name === 'permissions.progress')
      .map((e) => e.payload as PermissionsProgress);
    return { end, progress, opened, stopMs };
  }

  it('one recursive pass with add X: folders 755, files 644; links not followed nor changed', async () => {
    await makeSite(rel('all'));
    const { end, progress, opened } = await change({
      paths: [top('all/site')],
      change: { mode: 0o644, mask: 0o777, addX: true },
      recursive: true,
      scope: 'all',
    });
    expect(await modesOnDisk(rel('all'))).toEqual({
      site: 0o755,
      'site/index.html': 0o644,
      'site/css': 0o755,
      'site/css/main.css': 0o644,
      'site/css/vendor': 0o755,
      'site/css/vendor/reset.css': 0o644,
      'site/img': 0o755,
      'site/img/logo.png': 0o644,
      'site/img/secret-link.txt': -1,
      'site/empty': 0o755,
      'site/locked': 0o000,
      'site/shared': -1,
      // What the links point to is untouched.
      outside: 0o700,
      'outside/secret.txt': 0o600,
    });
    expect(end).toMatchObject({
      outcome: 'done',
      changed: 9,
      failed: 1,
      links: 2,
      unreadable: 1,
      unreadablePaths: [top('all/site/locked')],
    });
    expect(end.failures).toEqual([
      {
        path: top('all/site/locked'),
        error: expect.objectContaining({ code: 'permission_denied' }),
      },
    ]);
    expect(progress.at(-1)).toMatchObject({ changed: 9 });
    // Its own connection, closed at the end: the browsing one stayed free.
    expect(opened).toHaveLength(1);
    expect(end.sharedConnection).toBeUndefined();
  });

  it('files only, and folders only', async () => {
    await makeSite(rel('files'));
    const files = await change({
      paths: [top('files/site')],
      change: { mode: 0o640, mask: 0o777, addX: true },
      recursive: true,
      scope: 'files',
    });
    expect(files.end).toMatchObject({ outcome: 'done', changed: 4, failed: 0, unreadable: 1 });
    const afterFiles = await modesOnDisk(rel('files'));
    expect(afterFiles).toMatchObject({
      site: 0o700,
      'site/css': 0o700,
      'site/css/vendor': 0o777,
      'site/img': 0o750,
      'site/index.html': 0o640,
      'site/css/main.css': 0o640,
      'site/css/vendor/reset.css': 0o640,
      'site/img/logo.png': 0o640,
      'outside/secret.txt': 0o600,
    });

    const folders = await change({
      paths: [top('files/site')],
      change: { mode: 0o750, mask: 0o777, addX: false },
      recursive: true,
      scope: 'folders',
    });
    expect(folders.end).toMatchObject({ outcome: 'done', changed: 5, failed: 1 });
    expect(await modesOnDisk(rel('files'))).toMatchObject({
      site: 0o750,
      'site/css': 0o750,
      'site/css/vendor': 0o750,
      'site/img': 0o750,
      'site/empty': 0o750,
      'site/index.html': 0o640,
      'site/css/vendor/reset.css': 0o640,
      outside: 0o700,
    });
  });

  it('several items, not recursive: decided bits set, mixed ones kept, nothing inside touched', async () => {
    await makeSite(rel('many'));
    const { end } = await change({
      // Group write decided (off) and others read decided (on); the rest stays as each has it.
      paths: [top('many/site/index.html'), top('many/site/css/main.css'), top('many/site/css')],
      change: { mode: 0o004, mask: 0o024, addX: false },
      recursive: false,
      scope: 'all',
    });
    expect(end).toMatchObject({ outcome: 'done', changed: 3, failed: 0 });
    expect(await modesOnDisk(rel('many'))).toMatchObject({
      'site/index.html': 0o604,
      'site/css/main.css': 0o646,
      'site/css': 0o704,
      'site/css/vendor': 0o777,
      'site/css/vendor/reset.css': 0o400,
    });
  });

  it('changes on the browsing connection when the server allows no other', async () => {
    await makeSite(rel('shared'));
    const { end, opened } = await change(
      {
        paths: [top('shared/site/img')],
        change: { mode: 0o644, mask: 0o777, addX: true },
        recursive: true,
        scope: 'all',
      },
      { sharing: true },
    );
    expect(end).toMatchObject({ outcome: 'done', changed: 2, links: 1, sharedConnection: true });
    expect(opened).toHaveLength(0);
    expect(await modesOnDisk(rel('shared'))).toMatchObject({
      'site/img': 0o755,
      'site/img/logo.png': 0o644,
      'outside/secret.txt': 0o600,
    });
  });

  it('opens a closed folder of the user by changing it first; takes r away only after listing', async () => {
    const f = harness.servers.fixtures;
    await f.writeFile(`${rel('order')}/top/closed/inner.txt`, 'inner');
    await f.writeFile(`${rel('order')}/top/open/deep/file.txt`, 'deep');
    await setModes(rel('order'), { 'top/closed': 0o000, 'top/closed/inner.txt': 0o600 });
    const opened = await change({
      paths: [top('order/top')],
      change: { mode: 0o644, mask: 0o777, addX: true },
      recursive: true,
      scope: 'all',
    });
    expect(opened.end).toMatchObject({ outcome: 'done', failed: 0, unreadable: 0 });
    expect(await modesOnDisk(rel('order'))).toMatchObject({
      'top/closed': 0o755,
      'top/closed/inner.txt': 0o644,
    });

    // Folders may be entered but not listed (x without r): every folder still gets it.
    const hidden = await change({
      paths: [top('order/top')],
      change: { mode: 0o311, mask: 0o777, addX: false },
      recursive: true,
      scope: 'folders',
    });
    expect(hidden.end).toMatchObject({ outcome: 'done', changed: 4, failed: 0, unreadable: 0 });
    const { stat } = await import('node:fs/promises');
    for (const folder of ['top', 'top/closed', 'top/open', 'top/open/deep']) {
      const stats = await stat(harness.servers.fixtures.abs(`${rel('order')}/${folder}`));
      expect(stats.mode & 0o777).toBe(0o311);
    }
  });

  it('stops at once when asked, and changes nothing more afterwards', async () => {
    const f = harness.servers.fixtures;
    for (let i = 0; i < 60; i++) {
      await f.writeFile(`${rel('wide')}/d${i}/a.txt`, 'a');
      await f.writeFile(`${rel('wide')}/d${i}/b.txt`, 'b');
    }
    const { end, stopMs } = await change(
      {
        paths: [top('wide')],
        change: { mode: 0o600, mask: 0o777, addX: false },
        recursive: true,
        scope: 'files',
      },
      { stopAfterFirstProgress: true },
    );
    expect(end.outcome).toBe('stopped');
    expect(stopMs).toBeLessThan(500);
    const total = 120;
    expect(end.changed).toBeGreaterThan(0);
    expect(end.changed).toBeLessThan(total);
    const count = async () =>
      Object.values(await modesOnDisk(rel('wide'))).filter((m) => m === 0o600).length;
    const atStop = await count();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await count()).toBe(atStop);
    expect(atStop).toBeLessThan(total);
  });

  it('a chosen item that is gone is named, a chosen link is left as it is, the others change', async () => {
    await makeSite(rel('gone'));
    const { end } = await change({
      paths: [top('gone/site/nope.txt'), top('gone/site/index.html'), top('gone/site/shared')],
      change: { mode: 0o644, mask: 0o777, addX: false },
      recursive: false,
      scope: 'all',
    });
    expect(end).toMatchObject({ outcome: 'done', changed: 1, failed: 1, links: 1 });
    expect(await modesOnDisk(rel('gone'))).toMatchObject({ outside: 0o700, 'site/shared': -1 });
    expect(end.failures[0]).toMatchObject({
      path: top('gone/site/nope.txt'),
      error: { code: 'not_found' },
    });
  });
});
