/**
 * Accessibility scans (axe-core, WCAG 2.1 A and AA, light and dark theme) of the main window in
 * its real states: the browser edition in Chromium against the harness servers. Serious and
 * critical violations fail; the rest are printed and attached to the report. The dialogs are in
 * accessibility-dialogs.spec.ts, keyboard-only use in accessibility-keyboard*.spec.ts.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startFerryApp } from './app-server';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import {
  certificateQuestion,
  connectedStatus,
  connectSftpThrough,
  connectTrusted,
  hostKeyQuestion,
  quickConnectAsTestUser,
} from './helpers/connect';
import { fillHome } from './helpers/local-home';
import { localPane, remotePane } from './helpers/panes';
import { serverFolderWithFiles } from './helpers/server-folder';
import { startSlowUpload } from './helpers/slow-upload';
import { writeUnfinishedList } from './helpers/unfinished-list';

const transfersPanel = (page: Page) => page.getByRole('tabpanel', { name: 'Transfers' });

test('start screen, both panes, light and dark; cut items dimmed', async ({
  ferryApp,
  openFerry,
}) => {
  await fillHome(ferryApp.home);
  const page = await openFerry();
  const local = localPane(page);
  await expect(local.cell('notes.txt')).toBeVisible();
  await expectAccessible(page, 'start screen');

  // Cut (Ctrl+X): dimmed and said as cut until pasted or Escape, one of them selected.
  await local.cell('notes.txt').click();
  await local.cell('photo.jpg').click({ modifiers: ['Control'] });
  await local.grid.press('Control+x');
  await expect(local.grid.getByRole('gridcell', { name: 'photo.jpg (cut)' })).toBeVisible();
  await local.cell('report.pdf').click();
  await expectAccessible(page, 'a pane with cut items, one selected');
});

test('first contact with an SSH server, a listing, a TLS certificate question, two connection tabs and a tab’s menu', async ({
  servers,
  openFerry,
}) => {
  const folder = await serverFolderWithFiles(servers, 'a11y-list');
  const page = await openFerry();
  await quickConnectAsTestUser(page, servers, 'sftp');
  await expect(hostKeyQuestion(page)).toBeVisible();
  await expectAccessible(page, 'host-key question (unknown key)');
  await hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }).click();
  await expect(connectedStatus(page)).toBeVisible();

  const remote = remotePane(page);
  await remote.goTo(`${servers.root}/${folder}`);
  await expect(remote.cell('readme.txt')).toBeVisible();
  await remote.cell('readme.txt').click();
  await expectAccessible(page, 'connected over SFTP, with a listing and a selection');

  await quickConnectAsTestUser(page, servers, 'ftps-explicit');
  await expect(certificateQuestion(page)).toBeVisible();
  await expectAccessible(page, 'TLS certificate question');
  await certificateQuestion(page).getByRole('button', { name: 'Always trust' }).click();
  await expect(page.getByRole('tablist', { name: 'Connections' }).getByRole('tab')).toHaveCount(2);
  await expect(connectedStatus(page)).toContainText('FTPS');
  await expectAccessible(page, 'two connection tabs');

  const tabs = page.getByRole('tablist', { name: 'Connections' });
  await tabs.getByRole('tab', { selected: true }).focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu', { name: /^Tab / })).toBeVisible();
  await expectAccessible(page, 'a connection tab’s menu');
  await page.keyboard.press('Escape');
  await expect(tabs.getByRole('tab', { selected: true })).toBeFocused();
});

test('a conflict question, then the transfer panel with finished and failed rows', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const folder = await serverFolderWithFiles(servers, 'a11y-transfers');
  await servers.fixtures.writeFile(`${folder}/report.txt`, 'the server’s version');
  // Readable by root (the harness) but not by the test user the server acts as: its download fails.
  await chmod(await servers.fixtures.writeFile(`${folder}/locked.txt`, 'no'), 0o000);
  await writeFile(join(ferryApp.home, 'report.txt'), 'a newer local version');
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const local = localPane(page);
  const remote = remotePane(page);
  await remote.goTo(at(folder));

  await local.cell('report.txt').click();
  await local.button('Upload to server').click();
  const question = page.getByRole('dialog', { name: 'This file already exists' });
  await expect(question).toBeVisible();
  await expectAccessible(page, 'conflict question');
  await question.getByRole('button', { name: 'Skip', exact: true }).click();

  await remote.cell('readme.txt').click();
  await remote.button('Download to this computer').click();
  await remote.cell('locked.txt').click();
  await remote.button('Download to this computer').click();
  const panel = transfersPanel(page);
  await expect(panel.getByRole('tab', { name: /^Failed \(1\)/ })).toBeVisible();
  await expect(panel.getByRole('tab', { name: /^Finished \(2\)/ })).toBeVisible();
  await panel.getByRole('tab', { name: /^Finished/ }).click();
  await expectAccessible(page, 'transfer panel, finished rows');
  await panel.getByRole('tab', { name: /^Failed/ }).click();
  await expect(panel.getByRole('listitem', { name: 'Download locked.txt' })).toBeVisible();
  await expectAccessible(page, 'transfer panel, failed rows');
});

test('the plain-FTP warning, and a plain-FTP connection', async ({ servers, openFerry }) => {
  const page = await openFerry();
  await quickConnectAsTestUser(page, servers, 'ftp');
  const warning = page.getByRole('dialog', { name: 'Plain FTP is not encrypted' });
  await expect(warning).toBeVisible();
  await expectAccessible(page, 'plain-FTP warning');
  await warning.getByRole('button', { name: 'Connect without encryption' }).click();
  await expect(connectedStatus(page)).toBeVisible();
  await expectAccessible(page, 'connected over plain FTP');
});

test('a changed SSH host key: the refusal and its warning', async ({ servers, openFerry }) => {
  const page = await openFerry();
  await connectTrusted(page, servers, 'sftp');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await servers.sftp!.regenerateHostKeys();
  await quickConnectAsTestUser(page, servers, 'sftp');
  await expect(page.getByRole('alert').filter({ hasText: /changed|different/i })).toBeVisible();
  await expectAccessible(page, 'a changed host key refused');
});

test('a transfer in progress, and the question when its tab is closed', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  // The upload of slow.bin is still running while the page is scanned.
  const slow = await startSlowUpload(servers, ferryApp.home);
  try {
    const folder = await serverFolderWithFiles(servers, 'a11y-running');
    const page = await openFerry();
    await connectSftpThrough(page, servers, slow.port);
    await remotePane(page).goTo(`${servers.root}/${folder}`);
    await localPane(page).cell('slow.bin').click();
    await localPane(page).button('Upload to server').click();
    const row = transfersPanel(page).getByRole('listitem', { name: 'Upload slow.bin' });
    await expect(row).toContainText('Moving');
    await expectAccessible(page, 'a transfer in progress');

    const tab = page.getByRole('tablist', { name: 'Connections' }).getByRole('tab').first();
    await tab.focus();
    await page.keyboard.press('Delete');
    const question = page.getByRole('dialog', { name: 'Close this connection?' });
    await expect(question).toBeVisible();
    await expectAccessible(page, 'close-tab question with a running transfer');
    // Escape keeps the tab open and gives the keyboard back to it.
    await page.keyboard.press('Escape');
    await expect(question).toHaveCount(0);
    await expect(tab).toBeFocused();
  } finally {
    await slow.close();
  }
});

test('directory comparison with its marks and selection, and synchronized browsing stopped', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  // photos and readme.txt on both sides (readme.txt of another size), the rest on one side.
  const folder = await serverFolderWithFiles(servers, 'a11y-compare');
  await fillHome(ferryApp.home);
  await mkdir(join(ferryApp.home, 'photos'));
  await writeFile(join(ferryApp.home, 'readme.txt'), 'hello, a longer local copy');
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const local = localPane(page);
  const remote = remotePane(page);
  await remote.goTo(at(folder));
  await expect(local.cell('notes.txt')).toBeVisible();

  await page.getByRole('button', { name: 'Compare folders' }).click();
  await expect(page.getByRole('region', { name: 'Folder comparison' })).toContainText('1 differ');
  await local.button('Select the differing files and folders').click();
  await expect(local.status).toContainText('selected');
  await expectAccessible(page, 'directory comparison on, the differing local files selected');

  await page.getByRole('button', { name: 'Synchronized browsing' }).click();
  // While comparing, a name cell reads its mark too: "Music only here".
  await local.grid.getByRole('gridcell', { name: 'Music only here' }).dblclick();
  await expect(
    page.getByRole('status').filter({ hasText: 'Synchronized browsing is off' }),
  ).toBeVisible();
  await expectAccessible(page, 'synchronized browsing stopped, with its notice');
});

test('transfers not finished when Ferry closed: the notice, a server that cannot be restored, and the password question', async ({
  page,
  servers,
}) => {
  const base = await mkdtemp(join(tmpdir(), 'ferry-a11y-unfinished-'));
  const [home, dataDir] = [join(base, 'home'), join(base, 'data')];
  await mkdir(home, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  const server = { protocol: 'sftp', host: '127.0.0.1', port: servers.sftp?.port ?? 22 };
  const job = (name: string) => ({
    direction: 'download',
    source: `${servers.root}/${name}`,
    folder: home,
    path: [name],
    size: 1000,
  });
  // What a run that closed mid-transfer left: a saved site since deleted, and a quick connection.
  await writeUnfinishedList(dataDir, [
    {
      ...server,
      site: { id: 'deleted-site', name: 'Old site' },
      user: 'ferry',
      jobs: [job('a')],
    },
    { ...server, user: servers.user.name, jobs: [job('b'), job('c')] },
  ]);
  const app = await startFerryApp({ home, dataDir });
  try {
    await page.goto(app.url);
    const notice = page.getByRole('region', { name: /not finished when Ferry closed/ });
    await expect(notice).toContainText(
      '3 transfers were not finished when Ferry closed (2 servers)',
    );
    await expectAccessible(page, 'unfinished transfers notice');
    await notice.getByRole('button', { name: 'Restore' }).click();
    await expect(notice.getByRole('alert')).toContainText('no longer in the site manager');
    await expect(page.getByRole('dialog', { name: `Password for 127.0.0.1` })).toBeVisible();
    await expectAccessible(page, 'unfinished transfers: a server that failed, a password question');
  } finally {
    await app.stop();
    await rm(base, { recursive: true, force: true });
  }
});
