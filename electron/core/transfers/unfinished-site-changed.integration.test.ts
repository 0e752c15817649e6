/**
 * Restore goes to the server the files were going to, not to whatever their saved site points
 * to now: a site edited since (staging to production) is refused with both addresses named, and
 * a quick connection to the old server restores them, the file arriving whole (SHA-256). And
 * the same address behind another SSH jump host (or none) is another machine: transfers saved
 * through a jump host are restored only through it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { expect, it } from 'vitest';
import { sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { TransferJob } from '../../../shared/contract/transfers';
import { describeJumpHost } from '../../../shared/jump-host';
import type { FerryApp } from '../app';
import { sampleDraftFor } from '../sites/testing/sample-site';
import { SAVED_QUEUE_FILE, serialise } from './saved-queue';
import { paramsFor, patterned } from './testing';
import { appTrustingOnce } from './testing-app';

const harness = harnessForSuite(['sftp', 'ftps-explicit'], 'ferry-unfinished-site-');

it('a site edited to point elsewhere is not where its unfinished uploads go', async () => {
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
  const local = await mkdtemp(join(harness.scratch, 'up-'));
  await writeFile(join(local, 'report.bin'), patterned(300_000, 7));
  await harness.servers.fixtures.mkdir('staging');
  const staging = paramsFor(harness.servers, 'sftp');
  const production = paramsFor(harness.servers, 'ftps-explicit');
  const password = staging.password ?? '';

  const first = appTrustingOnce(dataDir).app;
  const site = await first.handlers['sites.save']({
    site: sampleDraftFor(staging, { name: 'Shop', protocol: 'sftp' }),
  });
  await first.dispose();
  // What the last run left: an upload to the site while it pointed to staging (SFTP).
  await writeFile(
    join(dataDir, SAVED_QUEUE_FILE),
    serialise([
      {
        site: { id: site.id, name: 'Shop' },
        protocol: 'sftp',
        host: staging.host,
        port: staging.port,
        user: staging.user,
        jobs: [
          {
            direction: 'upload',
            source: join(local, 'report.bin'),
            folder: posix.join(harness.servers.root, 'staging'),
            path: ['report.bin'],
            size: 300_000,
          },
        ],
      },
    ]),
  );
  const { app } = appTrustingOnce(dataDir);
  try {
    // Since then the site was edited to production (FTPS).
    await app.handlers['sites.save']({
      site: sampleDraftFor(production, { id: site.id, name: 'Shop', protocol: 'ftps-explicit' }),
    });

    const [server] = (await app.handlers['transfers.unfinished']({})).servers;
    const now = await app.handlers['sites.connect']({ siteId: site.id, password });
    await expect(
      app.handlers['transfers.restoreUnfinished']({
        serverId: server?.id ?? '',
        sessionId: now.sessionId,
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: `The site “Shop” now points to ftpes://${production.user}@${production.host}:${production.port}; these transfers were going to sftp://${staging.user}@${staging.host}:${staging.port}.`,
    });
    expect(await app.handlers['transfers.list']({})).toEqual([]);
    expect((await app.handlers['transfers.unfinished']({})).files).toBe(1);

    // A quick connection to where they were going restores them.
    const old = await app.handlers['remote.connect'](staging);
    const [id] = await app.handlers['transfers.restoreUnfinished']({
      serverId: server?.id ?? '',
      sessionId: old.sessionId,
    });
    await finished(app, id);
    expect(await sha256File(harness.servers.fixtures.abs('staging/report.bin'))).toBe(
      await sha256File(join(local, 'report.bin')),
    );
  } finally {
    await app.dispose();
  }
  expect(existsSync(join(dataDir, SAVED_QUEUE_FILE))).toBe(false);
});

it('uploads saved through an SSH jump host are not restored over a connection without it', async () => {
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
  const local = await mkdtemp(join(harness.scratch, 'up-'));
  await writeFile(join(local, 'inner.bin'), patterned(200_000, 3));
  await harness.servers.fixtures.mkdir('inner');
  const server = paramsFor(harness.servers, 'sftp');
  const password = server.password ?? '';
  // The harness's sshd is also the jump host (it forwards to 127.0.0.1).
  const jump = { host: '127.0.0.1', port: server.port, user: server.user };
  await writeFile(
    join(dataDir, SAVED_QUEUE_FILE),
    serialise([
      {
        protocol: 'sftp',
        host: server.host,
        port: server.port,
        user: server.user,
        jump: describeJumpHost(jump),
        jobs: [
          {
            direction: 'upload',
            source: join(local, 'inner.bin'),
            folder: posix.join(harness.servers.root, 'inner'),
            path: ['inner.bin'],
            size: 200_000,
          },
        ],
      },
    ]),
  );
  const { app } = appTrustingOnce(dataDir);
  try {
    const [saved] = (await app.handlers['transfers.unfinished']({})).servers;
    const serverId = saved?.id ?? '';
    const direct = await app.handlers['remote.connect'](server);
    const going = `sftp://${server.user}@${server.host}:${server.port} through the SSH jump host ${jump.user}@${jump.host}:${jump.port}`;
    await expect(
      app.handlers['transfers.restoreUnfinished']({ serverId, sessionId: direct.sessionId }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: `That connection is not to ${going}, where these transfers were going.`,
    });
    expect(await app.handlers['transfers.list']({})).toEqual([]);

    // Through that jump host (a site with it), they are restored and the file arrives whole.
    const site = await app.handlers['sites.save']({
      site: sampleDraftFor(server, {
        name: 'Inner',
        protocol: 'sftp',
        jumpEnabled: true,
        jumpHost: jump.host,
        jumpPort: jump.port,
        jumpUser: jump.user,
      }),
    });
    const through = await app.handlers['sites.connect']({
      siteId: site.id,
      password,
      jumpPassword: password,
    });
    const [id] = await app.handlers['transfers.restoreUnfinished']({
      serverId,
      sessionId: through.sessionId,
    });
    await finished(app, id);
    expect(await sha256File(harness.servers.fixtures.abs('inner/inner.bin'))).toBe(
      await sha256File(join(local, 'inner.bin')),
    );
  } finally {
    await app.dispose();
  }
});

async function finished(app: FerryApp, id: string | undefined): Promise<void> {
  for (let state: TransferJob['state'] | undefined; state !== 'done';) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = (await app.handlers['transfers.list']({})).find((row) => row.id === id)?.state;
    expect(state).not.toBe('failed');
  }
}
