/**
 * Export… in one Ferry, Import… in another (a second browser edition on an empty data folder, as
 * a new computer): the download holds the chosen folder's sites without a password; the other
 * Ferry previews them, imports them into the same folder, asks for the password and about the
 * server's key (trust stays per computer), and connects to the real sshd. A file from a newer
 * Ferry is refused in words. Every new dialog state is scanned with axe.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { startFerryApp, type FerryAppProcess } from './app-server';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { certificateQuestion, connectedStatus, hostKeyQuestion } from './helpers/connect';
import { expectFocusStaysIn, tabTo } from './helpers/keyboard';
import { openSiteManager, saveSite } from './helpers/site-manager';

const apps: FerryAppProcess[] = [];
test.afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
});

async function openApp(page: Page): Promise<void> {
  const app = await startFerryApp();
  apps.push(app);
  await page.goto(app.url);
  await expect(page.getByRole('form', { name: 'Quick connect' })).toBeVisible();
}

test('export a folder of sites in one Ferry, import it in another, and connect', async ({
  page,
  context,
  servers,
}, testInfo) => {
  const sftp = servers.sftp;
  if (!sftp) throw new Error('The harness did not start sshd.');
  const startFolder = await servers.fixtures.mkdir('exported start');

  // The first computer: a folder with the harness's sshd, and a site outside it.
  await openApp(page);
  const manager = await openSiteManager(page);
  await manager.getByRole('button', { name: 'New folder' }).click();
  const folderDialog = page.getByRole('dialog', { name: 'New folder' });
  await folderDialog.getByLabel('Folder name').fill('Harness');
  await folderDialog.getByRole('button', { name: 'Create folder' }).click();
  const tree = manager.getByRole('tree', { name: 'Saved sites' });
  await tree.getByRole('treeitem', { name: 'Harness', exact: true }).click();
  await saveSite(manager, {
    name: 'Harness sshd',
    host: sftp.host,
    port: sftp.port,
    user: servers.user.name,
    remoteDir: startFolder,
  });
  await tree.getByRole('treeitem', { name: 'Harness', exact: true }).click();
  await saveSite(manager, {
    name: 'Harness FTPS',
    protocol: 'ftps-explicit',
    host: '127.0.0.1',
    port: servers.ftpsExplicit!.port,
    user: servers.user.name,
  });
  // The toolbar's: the details pane offers "New site" too while nothing is selected.
  await manager
    .getByRole('toolbar', { name: 'Site actions' })
    .getByRole('button', { name: 'New site' })
    .click();
  const outside = manager.getByRole('form', { name: 'New site' });
  await outside.getByLabel('Folder', { exact: true }).selectOption({ label: '(top level)' });
  await outside.getByLabel('Name', { exact: true }).fill('Outside');
  await outside.getByLabel('Host', { exact: true }).fill('outside.example.test');
  await outside.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(tree.getByRole('treeitem', { name: 'Outside' })).toHaveAttribute('aria-level', '1');

  // Export… with the folder chosen: the folder is offered, and what stays behind is said.
  await tree.getByRole('treeitem', { name: 'Harness', exact: true }).click();
  await manager.getByRole('button', { name: 'Export…' }).click();
  const exporting = page.getByRole('dialog', { name: 'Export sites' });
  await expect(exporting).toContainText(
    'Passwords are not exported; you will be asked when connecting.',
  );
  await expect(exporting).toContainText('Trusted host keys and certificates stay on this computer');
  const folderChoice = exporting.getByRole('radio', {
    name: 'The folder “Harness” with everything in it',
  });
  await expect(folderChoice).toBeChecked();
  await expect(exporting.getByRole('radio', { name: 'All sites (3 sites)' })).not.toBeChecked();
  await expectAccessible(page, 'export dialog');
  const downloaded = page.waitForEvent('download');
  await exporting.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^ferry-sites-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await expect(exporting.getByRole('status', { name: 'Export done' })).toContainText(
    '2 sites in 1 folder',
  );
  await expectAccessible(page, 'export dialog, file written');
  await exporting.getByRole('button', { name: 'Close' }).click();
  const content = await readFile(file, 'utf8');
  expect(content).not.toContain(servers.user.password);
  expect(content).not.toContain('Outside');

  // The second computer: another Ferry on an empty data folder.
  const other = await context.newPage();
  await openApp(other);
  const otherManager = await openSiteManager(other);
  await expect(otherManager.getByRole('treeitem')).toHaveCount(0);
  await otherManager.getByRole('button', { name: 'Import…' }).click();
  const importing = other.getByRole('dialog', { name: 'Import sites' });

  // A file from a newer Ferry is refused in words.
  const newer = JSON.stringify({ ...JSON.parse(content), version: 99 });
  await importing.getByLabel('File to import').setInputFiles({
    name: 'from-the-future.json',
    mimeType: 'application/json',
    buffer: Buffer.from(newer),
  });
  await expect(importing.getByRole('alert')).toContainText(
    /This sites file was made by a newer Ferry \(file version 99; this Ferry reads versions up to \d+\)\./,
  );
  await expect(importing.getByRole('alert')).toContainText('Update Ferry on this computer');
  await expectAccessible(other, 'import dialog, a file from a newer Ferry');

  await importing.getByLabel('File to import').setInputFiles(file);
  const table = importing.getByRole('table', { name: 'Sites to import' });
  await expect(importing).toContainText('2 sites found in the Ferry sites file.');
  await expect(table.getByRole('row', { name: /Harness sshd/ })).toContainText(
    'No password in the file: Ferry asks when you connect.',
  );
  await expectAccessible(other, 'import preview of a Ferry sites file');
  await importing.getByRole('button', { name: 'Import 2 sites' }).click();
  const summary = importing.getByRole('status', { name: 'Import summary' });
  await expect(summary).toContainText('Imported 2 sites into 1 new folder');
  await expect(summary).toContainText('Passwords are not in Ferry’s sites files');
  await expectAccessible(other, 'import summary of a Ferry sites file');
  await importing.getByRole('button', { name: 'Close' }).click();

  const otherTree = otherManager.getByRole('tree', { name: 'Saved sites' });
  await expect(otherTree.getByRole('treeitem', { name: 'Harness sshd' })).toHaveAttribute(
    'aria-level',
    '2',
  );
  await expect(otherTree.getByRole('treeitem', { name: 'Outside' })).toHaveCount(0);
  await otherTree.getByRole('treeitem', { name: 'Harness FTPS' }).click();
  const ftpsForm = otherManager.getByRole('form', { name: 'Site Harness FTPS' });
  await expect(ftpsForm.getByLabel('Protocol')).toHaveValue('ftps-explicit');
  await expect(ftpsForm.getByLabel('Port', { exact: true })).toHaveValue(
    String(servers.ftpsExplicit!.port),
  );

  // Connecting asks for the password, then about the server's key: no trust came along.
  await otherTree.getByRole('treeitem', { name: 'Harness sshd' }).dblclick();
  const prompt = other.getByRole('dialog', { name: 'Password for Harness sshd' });
  await prompt.getByLabel('Server password').fill(servers.user.password);
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await hostKeyQuestion(other).getByRole('button', { name: 'Connect once' }).click();
  await expect(otherManager).toBeHidden();
  await expect(connectedStatus(other)).toContainText(`Connected to ${sftp.host}:${sftp.port}`);
  await expect(
    other
      .getByRole('region', { name: 'Remote files' })
      .getByRole('textbox', { name: 'Folder path' }),
  ).toHaveValue(startFolder);

  // The FTPS site too: its password, then its certificate, asked here.
  const again = await openSiteManager(other);
  await again.getByRole('treeitem', { name: 'Harness FTPS' }).dblclick();
  const ftpsPrompt = other.getByRole('dialog', { name: 'Password for Harness FTPS' });
  await ftpsPrompt.getByLabel('Server password').fill(servers.user.password);
  await ftpsPrompt.getByRole('button', { name: 'Connect' }).click();
  await certificateQuestion(other).getByRole('button', { name: 'Connect once' }).click();
  await expect(again).toBeHidden();
  await expect(connectedStatus(other)).toContainText(
    `Connected to 127.0.0.1:${servers.ftpsExplicit!.port}`,
  );
});

test('Export… and Import… by keyboard alone; a file too large or not text is refused in words', async ({
  page,
}) => {
  await openApp(page);
  const manager = await openSiteManager(page);
  await saveSite(manager, { name: 'Keyboard box', host: '127.0.0.1', port: 2222, user: 'me' });

  const exportButton = manager.getByRole('button', { name: 'Export…' });
  await exportButton.focus();
  await page.keyboard.press('Enter');
  const exporting = page.getByRole('dialog', { name: 'Export sites' });
  await expectFocusStaysIn(page, exporting);
  const siteChoice = exporting.getByRole('radio', { name: 'The site “Keyboard box”' });
  await expect(siteChoice).toBeChecked();
  await tabTo(page, siteChoice);
  await page.keyboard.press('ArrowUp');
  await expect(exporting.getByRole('radio', { name: 'All sites (1 site)' })).toBeChecked();
  await tabTo(page, exporting.getByRole('button', { name: 'Export', exact: true }));
  const downloaded = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await downloaded).suggestedFilename()).toMatch(/^ferry-sites-.*\.json$/);
  await expect(exporting.getByRole('status', { name: 'Export done' })).toContainText('1 site');
  await page.keyboard.press('Escape');
  await expect(exporting).toHaveCount(0);
  await expect(exportButton).toBeFocused();

  const importButton = manager.getByRole('button', { name: 'Import…' });
  await importButton.focus();
  await page.keyboard.press('Enter');
  const importing = page.getByRole('dialog', { name: 'Import sites' });
  await expectFocusStaysIn(page, importing);
  await importing.getByLabel('File to import').setInputFiles({
    name: 'holiday.mp4',
    mimeType: 'video/mp4',
    buffer: Buffer.alloc(6_000_000, 1),
  });
  await expect(importing.getByRole('alert')).toContainText(
    '“holiday.mp4” is too large to be a sites file (6.0 MB; at most 5 MB).',
  );
  await importing.getByLabel('File to import').setInputFiles({
    name: 'zeros.json',
    mimeType: 'application/json',
    buffer: Buffer.alloc(4_000_000, 0),
  });
  await expect(importing.getByRole('alert')).toContainText(
    '“zeros.json” is not a sites file: it holds binary data, not text.',
  );
  await page.keyboard.press('Escape');
  await expect(importing).toHaveCount(0);
  await expect(importButton).toBeFocused();
});
