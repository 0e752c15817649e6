/**
 * Permissions through the app as the pages use it, against the real sshd: `permissions.start`
 * on an open session changes the tree on a connection of its own (the pane's lists meanwhile)
 * and ends with one `permissions.finished`; disconnecting the session, or the page going, stops it.
 */
import { lstat, mkdtemp } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { PermissionsFinished } from '../../../shared/contract/permissions';
import { sftpParams } from '../remote/sftp-testing';
import { appTrustingOnce } from '../transfers/testing-app';

const harness = harnessForSuite(['sftp'], 'ferry-app-permissions-');
beforeAll(async () => {
  const f = harness.servers.fixtures;
  await f.writeFile('site/a/index.html', '<p>a</p>');
  await f.writeFile('site/b/c/index.html', '<p>c</p>');
  for (let i = 0; i < 300; i++) await f.writeFile(`many/d${i}/e.txt`, 'e');
});

async function connected() {
  const { app, events } = appTrustingOnce(await mkdtemp(join(harness.scratch, 'data-')));
  const session = await app.handlers['remote.connect'](sftpParams(harness.servers));
  const finished = (jobId: string) =>
    new Promise<PermissionsFinished>((resolve) =>
      events.on('permissions.finished', (end) => {
        if (end.jobId === jobId) resolve(end);
      }),
    );
  return { app, session, finished };
}

const PAGE = 'page-permissions-1';
const SITE_755_644 = {
  mode: 0o644,
  mask: 0o777,
  addX: true,
  recursive: true,
  scope: 'all',
} as const;

it('changes a tree through the contract, while the pane lists on its own connection', async () => {
  const { app, session, finished } = await connected();
  try {
    const root = posix.join(harness.servers.root, 'site');
    const { jobId } = await app.handlers['permissions.start']({
      pageId: PAGE,
      sessionId: session.sessionId,
      paths: [root],
      ...SITE_755_644,
    });
    const listing = await app.handlers['remote.list']({ sessionId: session.sessionId, path: root });
    expect(listing.entries.map((e) => e.name).sort()).toEqual(['a', 'b']);
    const end = await finished(jobId);
    expect(end).toMatchObject({ outcome: 'done', changed: 6, failed: 0, folders: 4 });
    expect(end.sharedConnection).toBeUndefined();
    const mode = async (rel: string) =>
      (await lstat(harness.servers.fixtures.abs(rel))).mode & 0o777;
    expect(await mode('site')).toBe(0o755);
    expect(await mode('site/b/c')).toBe(0o755);
    expect(await mode('site/b/c/index.html')).toBe(0o644);
    await app.handlers['permissions.stop']({ jobId }); // already ended: fine
  } finally {
    await app.dispose();
  }
});

it('stops a change when its session is disconnected, and when its page goes', async () => {
  const { app, session, finished } = await connected();
  try {
    const many = posix.join(harness.servers.root, 'many');
    const first = await app.handlers['permissions.start']({
      pageId: PAGE,
      sessionId: session.sessionId,
      paths: [many],
      ...SITE_755_644,
    });
    const firstEnd = finished(first.jobId);
    app.pages.opened(PAGE);
    app.pages.closed(PAGE);
    expect((await firstEnd).outcome).toBe('stopped');

    const second = await app.handlers['permissions.start']({
      pageId: PAGE,
      sessionId: session.sessionId,
      paths: [many],
      ...SITE_755_644,
    });
    const secondEnd = finished(second.jobId);
    await app.handlers['remote.disconnect']({ sessionId: session.sessionId });
    expect((await secondEnd).outcome).toBe('stopped');
    await expect(
      app.handlers['permissions.start']({
        pageId: PAGE,
        sessionId: session.sessionId,
        paths: [many],
        ...SITE_755_644,
      }),
    ).rejects.toMatchObject({ code: 'session_not_found' });
  } finally {
    await app.dispose();
  }
});
