/**
 * The transfer queue survives closing Ferry: a folder download from a saved site (SFTP, its
 * password asked when connecting) is interrupted by restarting the browser edition on the same
 * data folder; the next start says what was not finished, Restore asks the site's password,
 * opens its tab and finishes every file (SHA-256). Discard forgets them and their part files.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sha256, sha256File } from './harness/checksums';
import type { TestServers } from './harness/servers';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { hostKeyQuestion } from './helpers/connect';
import { remotePane } from './helpers/panes';
import { openSiteManager, restartableApp, saveSite } from './helpers/site-manager';
import { writeUnfinishedList } from './helpers/unfinished-list';

const app = restartableApp('ferry-unfinished-e2e-');
const FILES = 6;
const SIZE = 384 * 1024;

/** A server folder of FILES files, each with its bytes' SHA-256. */
async function serverFolder(servers: TestServers): Promise<{ rel: string; sums: string[] }> {
  const rel = `album-${randomBytes(4).toString('hex')}`;
  const sums: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const data = randomBytes(SIZE + i * 1000);
    await servers.fixtures.writeFile(`${rel}/photo-${i}.raw`, data);
    sums.push(sha256(data));
  }
  return { rel, sums };
}

/** Starts Ferry with downloads limited to 512 KiB/s, so a restart catches them midway. */
async function startSlow(page: Page, home: string): Promise<void> {
  await mkdir(app.dataDir, { recursive: true });
  await mkdir(home, { recursive: true });
  await writeFile(
    join(app.dataDir, 'settings.json'),
    JSON.stringify({ downloadLimit: { value: 512, unit: 'KiB/s' }, parallelTransfers: 2 }),
  );
  await app.start(page);
}

/** Saves the harness sshd as a site without its password, connects (asked), downloads `rel`. */
async function downloadFromSite(page: Page, servers: TestServers, rel: string): Promise<void> {
  const sftp = servers.sftp;
  if (!sftp) throw new Error('The harness did not start sshd.');
  const manager = await openSiteManager(page);
  await saveSite(manager, {
    name: 'Photo server',
    host: sftp.host,
    port: sftp.port,
    user: servers.user.name,
  });
  await manager.getByRole('treeitem', { name: 'Photo server' }).dblclick();
  await askedPassword(page, servers);
  await hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }).click();
  const remote = remotePane(page);
  await remote.goTo(servers.root);
  await remote.cell(rel).click();
  await remote.grid.press('Control+d');
}

async function askedPassword(page: Page, servers: TestServers): Promise<void> {
  const prompt = page.getByRole('dialog', { name: 'Password for Photo server' });
  await prompt.getByLabel('Server password').fill(servers.user.password);
  await prompt.getByRole('button', { name: 'Connect' }).click();
}

/** Whole files that arrived in `folder` (part files aside). */
async function arrived(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter((name) => name.startsWith('photo-'));
}

async function partFiles(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.ferry-part'));
}

const notice = (page: Page) => page.getByRole('region', { name: /not finished when Ferry closed/ });

test('a folder download interrupted by a restart is restored from its saved site, every file whole', async ({
  page,
  servers,
}) => {
  const home = join(app.dataDir, '..', 'home');
  const { rel, sums } = await serverFolder(servers);
  await startSlow(page, home);
  await downloadFromSite(page, servers, rel);
  const target = join(home, rel);
  await expect
    .poll(async () => (await arrived(target)).length, { timeout: 30_000, intervals: [100] })
    .toBeGreaterThanOrEqual(2);

  await app.start(page);
  const kept = await readFile(join(app.dataDir, 'unfinished-transfers.json'), 'utf8');
  expect(kept).not.toContain(servers.user.password);
  expect(await partFiles(target)).not.toEqual([]);
  const offer = notice(page);
  await expect(offer).toContainText(
    /^\d transfers? (was|were) not finished when Ferry closed \(1 server\)/,
  );
  await expect(offer).toContainText('Photo server (SFTP)');

  await offer.getByRole('button', { name: 'Restore' }).click();
  // The site keeps no password: it is asked, as when connecting from the site manager.
  await askedPassword(page, servers);
  await expect(offer).toBeHidden();
  await expect(page.getByRole('tab', { name: /Photo server/ })).toBeVisible();
  await expect.poll(async () => (await arrived(target)).length, { timeout: 30_000 }).toBe(FILES);
  await expect.poll(() => partFiles(target)).toEqual([]);
  expect((await arrived(target)).sort()).toEqual(
    Array.from({ length: FILES }, (_, i) => `photo-${i}.raw`),
  );
  for (let i = 0; i < FILES; i++) {
    expect(await sha256File(join(target, `photo-${i}.raw`))).toBe(sums[i]);
  }

  // Nothing is left to offer at the next start.
  await app.start(page);
  await expect(page.getByRole('tabpanel', { name: 'Transfers' })).toBeVisible();
  await expect(notice(page)).toHaveCount(0);
});

test('Discard forgets the unfinished transfers and the part files they left', async ({
  page,
  servers,
}) => {
  const home = join(app.dataDir, '..', 'home');
  const { rel } = await serverFolder(servers);
  await startSlow(page, home);
  await downloadFromSite(page, servers, rel);
  const target = join(home, rel);
  await expect
    .poll(async () => (await arrived(target)).length, { timeout: 30_000, intervals: [100] })
    .toBeGreaterThanOrEqual(2);

  await app.start(page);
  expect(await partFiles(target)).not.toEqual([]);
  const whole = await arrived(target);
  const offer = notice(page);
  await offer.getByRole('button', { name: 'Discard' }).click();
  await expect(offer).toBeHidden();
  await expect.poll(() => partFiles(target)).toEqual([]);
  expect(await arrived(target)).toEqual(whole);

  await app.start(page);
  await expect(page.getByRole('tabpanel', { name: 'Transfers' })).toBeVisible();
  await expect(notice(page)).toHaveCount(0);
});

test('a server that cannot be reached keeps its transfers listed with the reason, to try again', async ({
  page,
}) => {
  // What a run left for a quick connection to a server that is gone now (nothing listens there).
  const gone = await new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const home = join(app.dataDir, '..', 'home');
  await mkdir(home, { recursive: true });
  const job = { direction: 'download', source: '/srv/report.pdf', folder: home, size: 5000 };
  await writeUnfinishedList(app.dataDir, [
    {
      protocol: 'sftp',
      host: '127.0.0.1',
      port: gone,
      user: 'me',
      jobs: [{ ...job, path: ['report.pdf'] }],
    },
  ]);
  await app.start(page);
  const offer = notice(page);
  await expect(offer).toContainText('1 transfer was not finished when Ferry closed (1 server)');
  await offer.getByRole('button', { name: 'Restore' }).click();
  const prompt = page.getByRole('dialog', { name: 'Password for 127.0.0.1' });
  await prompt.getByLabel('Server password').fill('not kept anywhere');
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await expect(offer.getByRole('alert')).toContainText(
    'Nothing is accepting connections on 127.0.0.1',
  );
  await expect(
    offer.getByRole('button', { name: `Try again: me@127.0.0.1:${gone}` }),
  ).toBeVisible();

  // Still offered at the next start, and the typed password was never written.
  await app.start(page);
  await expect(notice(page)).toContainText('1 transfer was not finished');
  for (const name of await readdir(app.dataDir)) {
    const text = await readFile(join(app.dataDir, name), 'utf8').catch(() => '');
    expect(text, name).not.toContain('not kept anywhere');
  }
});

test('a saved site edited since is not where Restore sends its transfers; a quick connection to the old server is', async ({
  page,
  servers,
}) => {
  const sftp = servers.sftp;
  const ftps = servers.ftpsExplicit;
  if (!sftp || !ftps) throw new Error('The harness did not start sshd and vsftpd.');
  const home = join(app.dataDir, '..', 'home');
  const rel = `report-${randomBytes(4).toString('hex')}.pdf`;
  const data = randomBytes(200_000);
  await servers.fixtures.writeFile(rel, data);
  await mkdir(home, { recursive: true });
  await app.start(page);
  // The site points to production (FTPS) now…
  const manager = await openSiteManager(page);
  await saveSite(manager, {
    name: 'Shop',
    protocol: 'ftps-explicit',
    host: ftps.host,
    port: ftps.port,
    user: servers.user.name,
  });
  const sites = JSON.parse(await readFile(join(app.dataDir, 'sites.json'), 'utf8')) as {
    sites: { id: string; name: string }[];
  };
  const siteId = sites.sites.find((site) => site.name === 'Shop')?.id ?? '';
  await app.stop();
  // …and the last run's download was from staging (SFTP), when the site pointed there.
  const staging = `sftp://${servers.user.name}@${sftp.host}:${sftp.port}`;
  await writeUnfinishedList(app.dataDir, [
    {
      site: { id: siteId, name: 'Shop' },
      protocol: 'sftp',
      host: sftp.host,
      port: sftp.port,
      user: servers.user.name,
      jobs: [
        {
          direction: 'download',
          source: `${servers.root}/${rel}`,
          folder: home,
          path: [rel],
          size: data.length,
        },
      ],
    },
  ]);

  await app.start(page);
  const offer = notice(page);
  await offer.getByRole('button', { name: 'Restore' }).click();
  const alert = offer.getByRole('alert');
  await expect(alert).toContainText(
    `The site “Shop” now points to ftpes://${servers.user.name}@${ftps.host}:${ftps.port}; these transfers were going to ${staging}.`,
  );
  // Nothing was connected or queued: no tab for the site, no file.
  await expect(page.getByRole('tab', { name: /Shop/ })).toHaveCount(0);
  await expectAccessible(page, 'unfinished transfers: a site that points elsewhere');

  await alert.getByRole('button', { name: `Connect to ${staging}` }).click();
  const prompt = page.getByRole('dialog', { name: `Password for ${sftp.host}` });
  await prompt.getByLabel('Server password').fill(servers.user.password);
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }).click();
  await expect(offer).toBeHidden();
  await expect
    .poll(() => sha256File(join(home, rel)).catch(() => ''), { timeout: 30_000 })
    .toBe(sha256(data));
});

test('Discard beside a site that points elsewhere forgets that server’s transfers', async ({
  page,
}) => {
  const home = join(app.dataDir, '..', 'home');
  await mkdir(home, { recursive: true });
  await app.start(page);
  const manager = await openSiteManager(page);
  await saveSite(manager, { name: 'Shop', host: '127.0.0.1', port: 2222, user: 'production' });
  const sites = JSON.parse(await readFile(join(app.dataDir, 'sites.json'), 'utf8')) as {
    sites: { id: string; name: string }[];
  };
  await app.stop();
  const job = { direction: 'download', source: '/srv/a.bin', folder: home, size: 10 };
  await writeUnfinishedList(app.dataDir, [
    {
      site: { id: sites.sites.find((site) => site.name === 'Shop')?.id, name: 'Shop' },
      protocol: 'sftp',
      host: '127.0.0.1',
      port: 2222,
      user: 'staging',
      jobs: [{ ...job, path: ['a.bin'] }],
    },
  ]);
  await app.start(page);
  const offer = notice(page);
  await offer.getByRole('button', { name: 'Restore' }).click();
  await expect(offer.getByRole('alert')).toContainText(
    'these transfers were going to sftp://staging@127.0.0.1:2222',
  );
  await offer.getByRole('button', { name: 'Discard: Shop' }).click();
  await expect(offer).toBeHidden();
  await app.start(page);
  await expect(page.getByRole('tabpanel', { name: 'Transfers' })).toBeVisible();
  await expect(notice(page)).toHaveCount(0);
});
