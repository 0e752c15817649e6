/**
 * The README's screenshot: two connection tabs (SFTP and FTPS) to the real harness servers, both
 * panes showing small folders this spec makes itself, and a finished upload on each. Its checks run
 * with every e2e run; docs/screenshot.png is written only with FERRY_SCREENSHOT=1 (so CI runs
 * leave the clone clean).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { TestServers } from './harness/servers';
import { expect, test } from './fixtures';
import { certificateQuestion, hostKeyQuestion } from './helpers/connect';
import { localPane, remotePane } from './helpers/panes';
import { openSiteManager, saveSite } from './helpers/site-manager';

/** Files of realistic sizes; their bytes do not matter. */
const bytes = (size: number) => randomBytes(size);

/** The local side: a tidy home folder. */
async function fillLocalHome(home: string) {
  for (const folder of ['Documents', 'Photos', 'Projects']) {
    await mkdir(join(home, folder), { recursive: true });
  }
  await writeFile(join(home, 'invoice-2026-11.pdf'), bytes(182_000));
  await writeFile(join(home, 'site-logo.png'), bytes(48_300));
  await writeFile(join(home, 'quarterly-report.xlsx'), bytes(96_500));
  await writeFile(join(home, 'notes.md'), '# Notes\n\n- send the invoice\n');
}

/**
 * A new server folder `name`, or `name-<random>` when the harness folder already has one (the
 * servers are shared by a worker's specs; alone, as when the picture is taken, the name is free).
 */
async function serverFolder(servers: TestServers, name: string, files: Record<string, Buffer>) {
  const rel = existsSync(servers.fixtures.abs(name))
    ? `${name}-${randomBytes(3).toString('hex')}`
    : name;
  await servers.fixtures.mkdir(rel);
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith('/')) await servers.fixtures.mkdir(`${rel}/${path}`);
    else await servers.fixtures.writeFile(`${rel}/${path}`, content);
  }
  return rel;
}

interface ScreenshotSite {
  name: string;
  protocol: 'sftp' | 'ftps-explicit';
  port: number;
  remoteDir: string;
}

/** Connects to a saved site from the manager, trusting its server for good. */
async function connectSite(page: Page, servers: TestServers, site: ScreenshotSite) {
  const manager = await openSiteManager(page);
  await manager.getByRole('treeitem', { name: site.name }).dblclick();
  const prompt = page.getByRole('dialog', { name: `Password for ${site.name}` });
  await prompt.getByLabel('Server password').fill(servers.user.password);
  await prompt.getByRole('button', { name: 'Connect' }).click();
  if (site.protocol === 'sftp') {
    await hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }).click();
  } else {
    await certificateQuestion(page).getByRole('button', { name: 'Always trust' }).click();
  }
  await expect(manager).toBeHidden();
  const tab = page.getByRole('tablist', { name: 'Connections' }).getByRole('tab', {
    name: site.name,
  });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(remotePane(page).pathBar).toHaveValue(site.remoteDir);
}

async function uploadFrom(page: Page, name: string) {
  const local = localPane(page);
  await local.cell(name).click();
  await local.button('Upload to server').click();
  await expect(remotePane(page).cell(name)).toBeVisible();
}

test('README screenshot', async ({ ferryApp, servers, openFerry }) => {
  await fillLocalHome(ferryApp.home);
  const website = await serverFolder(servers, 'www', {
    'assets/': Buffer.alloc(0),
    'blog/': Buffer.alloc(0),
    'index.html': Buffer.from('<!doctype html><h1>Hello</h1>\n'),
    'robots.txt': Buffer.from('User-agent: *\n'),
    'styles.css': bytes(12_400),
    'backup.tar.gz': bytes(3_400_000),
  });
  const shared = await serverFolder(servers, 'shared', {
    'Contracts/': Buffer.alloc(0),
    'Invoices/': Buffer.alloc(0),
    'meeting-notes.txt': Buffer.from('Agenda\n'),
    'presentation.pdf': bytes(1_250_000),
  });

  // vsftpd roots FTP paths at the harness folder; SFTP paths are absolute.
  const clientShare: ScreenshotSite = {
    name: 'Client share',
    protocol: 'ftps-explicit',
    port: servers.ftpsExplicit!.port,
    remoteDir: `/${shared}`,
  };
  const companyWebsite: ScreenshotSite = {
    name: 'Company website',
    protocol: 'sftp',
    port: servers.sftp!.port,
    remoteDir: `${servers.root}/${website}`,
  };

  const page = await openFerry();
  await page.setViewportSize({ width: 1280, height: 800 });
  const remote = remotePane(page);
  const transfers = page.getByRole('tabpanel', { name: 'Transfers' });
  await expect(localPane(page).cell('notes.md')).toBeVisible();
  const manager = await openSiteManager(page);
  // No password saved: the browser edition has no password store, so it is asked on connect.
  for (const site of [clientShare, companyWebsite]) {
    await saveSite(manager, { ...site, host: '127.0.0.1', user: servers.user.name });
  }
  await manager.getByRole('button', { name: 'Close site manager' }).click();
  await expect(manager).toBeHidden();

  // Tab 1: the FTPS server's shared folder, one upload.
  await connectSite(page, servers, clientShare);
  await expect(remote.cell('presentation.pdf')).toBeVisible();
  await uploadFrom(page, 'quarterly-report.xlsx');

  // Tab 2: the SFTP server's web folder, one upload; it stays the shown tab.
  await connectSite(page, servers, companyWebsite);
  await expect(page.getByRole('tablist', { name: 'Connections' }).getByRole('tab')).toHaveCount(2);
  await expect(remote.cell('index.html')).toBeVisible();
  await uploadFrom(page, 'site-logo.png');

  await transfers.getByRole('tab', { name: /^Finished/ }).click();
  await expect(transfers.getByRole('listitem')).toHaveCount(2);
  await expect(transfers).toContainText('Nothing moving');

  const path =
    process.env.FERRY_SCREENSHOT === '1'
      ? fileURLToPath(new URL('../docs/screenshot.png', import.meta.url))
      : test.info().outputPath('screenshot.png');
  await page.screenshot({ path });
});
