/**
 * Accessibility scans (axe-core, WCAG 2.1 A and AA) of the real app in its real states: the
 * browser edition in Chromium against the harness servers. Serious and critical violations fail;
 * moderate ones are printed and attached to the report. Keyboard-only use of the dialogs is in
 * accessibility-keyboard.spec.ts.
 */
import { randomBytes } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { TestServers } from './harness/servers';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import {
  certificateQuestion,
  connectedStatus,
  connectTrusted,
  hostKeyQuestion,
  quickConnect,
} from './helpers/connect';
import { fillHome } from './helpers/local-home';
import { localPane, remotePane } from './helpers/panes';

/** A fresh server folder with a few files (the servers are shared by the worker's tests). */
async function serverFolder(servers: TestServers, name: string): Promise<string> {
  const rel = `${name}-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.mkdir(`${rel}/photos`);
  await servers.fixtures.writeFile(`${rel}/readme.txt`, 'hello');
  await servers.fixtures.writeFile(`${rel}/data.bin`, randomBytes(40_000));
  return rel;
}

const FILEZILLA_FIXTURE = join(
  import.meta.dirname,
  '../electron/core/sites/import/fixtures/sitemanager.xml',
);

const transfersPanel = (page: Page) => page.getByRole('tabpanel', { name: 'Transfers' });

test('start screen, both panes, light and dark', async ({ ferryApp, openFerry }) => {
  await fillHome(ferryApp.home);
  const page = await openFerry();
  await expect(localPane(page).cell('notes.txt')).toBeVisible();
  await expectAccessible(page, 'start screen');
});

test('first contact with an SSH server, a listing, a TLS certificate question and two connection tabs', async ({
  servers,
  openFerry,
}) => {
  const folder = await serverFolder(servers, 'a11y-list');
  const page = await openFerry();
  await quickConnect(page, {
    protocol: 'sftp',
    port: servers.sftp!.port,
    user: servers.user.name,
    password: servers.user.password,
  });
  await expect(hostKeyQuestion(page)).toBeVisible();
  await expectAccessible(page, 'host-key question (unknown key)');
  await hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }).click();
  await expect(connectedStatus(page)).toBeVisible();

  const remote = remotePane(page);
  await remote.goTo(`${servers.root}/${folder}`);
  await expect(remote.cell('readme.txt')).toBeVisible();
  await remote.cell('readme.txt').click();
  await expectAccessible(page, 'connected over SFTP, with a listing and a selection');

  await quickConnect(page, {
    protocol: 'ftps-explicit',
    port: servers.ftpsExplicit!.port,
    user: servers.user.name,
    password: servers.user.password,
  });
  await expect(certificateQuestion(page)).toBeVisible();
  await expectAccessible(page, 'TLS certificate question');
  await certificateQuestion(page).getByRole('button', { name: 'Always trust' }).click();
  await expect(page.getByRole('tablist', { name: 'Connections' }).getByRole('tab')).toHaveCount(2);
  await expect(connectedStatus(page)).toContainText('FTPS');
  await expectAccessible(page, 'two connection tabs');
});

test('a conflict question, then the transfer panel with finished and failed rows', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const folder = await serverFolder(servers, 'a11y-transfers');
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

test('the site manager with a site, and the settings dialog', async ({ servers, openFerry }) => {
  const page = await openFerry();
  await page.getByRole('button', { name: 'Sites', exact: true }).click();
  const manager = page.getByRole('dialog', { name: 'Site manager' });
  await expectAccessible(page, 'site manager, empty');
  await manager
    .getByRole('toolbar', { name: 'Site actions' })
    .getByRole('button', { name: 'New site' })
    .click();
  const form = manager.getByRole('form', { name: 'New site' });
  await expectAccessible(page, 'site manager, new site form');
  await form.getByLabel('Name', { exact: true }).fill('Build server');
  await form.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await form.getByLabel('Port', { exact: true }).fill(String(servers.sftp!.port));
  await form.getByLabel('User', { exact: true }).fill(servers.user.name);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(manager.getByRole('treeitem', { name: 'Build server' })).toBeVisible();
  await expectAccessible(page, 'site manager with a saved site');
  await page.keyboard.press('Escape');
  await expect(manager).toHaveCount(0);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await expectAccessible(page, 'settings dialog');
});

test('the security check with results for every harness port', async ({ servers, openFerry }) => {
  const page = await openFerry();
  await page.getByRole('button', { name: 'Check security' }).click();
  const dialog = page.getByRole('dialog', { name: 'Security check' });
  await expectAccessible(page, 'security check, before checking');
  await dialog.getByRole('textbox', { name: 'Host to check' }).fill('127.0.0.1');
  const ports = [servers.sftp!, servers.ftpsExplicit!, servers.ftp!, servers.ftpsWeak!];
  await dialog
    .getByRole('textbox', { name: 'Ports to check' })
    .fill(ports.map((s) => s.port).join(', '));
  await dialog.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Checked in');
  await expectAccessible(page, 'security check with results');
});

test('the plain-FTP warning, and a plain-FTP connection', async ({ servers, openFerry }) => {
  const page = await openFerry();
  await quickConnect(page, {
    protocol: 'ftp',
    port: servers.ftp!.port,
    user: servers.user.name,
    password: servers.user.password,
  });
  const warning = page.getByRole('dialog', { name: 'Plain FTP is not encrypted' });
  await expect(warning).toBeVisible();
  await expectAccessible(page, 'plain-FTP warning');
  await warning.getByRole('button', { name: 'Connect without encryption' }).click();
  await expect(connectedStatus(page)).toBeVisible();
  await expectAccessible(page, 'connected over plain FTP');
});

test('file-pane menus and dialogs, a folder that cannot be opened, permissions, and the log', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  await fillHome(ferryApp.home);
  const folder = await serverFolder(servers, 'a11y-pane');
  const page = await openFerry();
  const local = localPane(page);
  await local.cell('notes.txt').click({ button: 'right' });
  await expect(page.getByRole('menu', { name: 'Local files actions' })).toBeVisible();
  await expectAccessible(page, 'file context menu');
  await page.keyboard.press('Escape');

  await local.cell('notes.txt').click();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'delete question');
  await page.keyboard.press('Escape');
  await local.button('New folder').click();
  await expect(page.getByRole('dialog', { name: 'New folder' })).toBeVisible();
  await expectAccessible(page, 'new-folder dialog');
  await page.keyboard.press('Escape');
  await local.goTo(join(ferryApp.home, 'no such folder'));
  await expect(local.pane.getByRole('alert')).toBeVisible();
  await expectAccessible(page, 'a folder that cannot be opened');

  const at = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(at(folder));
  await remote.cell('readme.txt').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Permissions…' }).click();
  await expect(page.getByRole('dialog', { name: 'Permissions of readme.txt' })).toBeVisible();
  await expectAccessible(page, 'permissions dialog');
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: /^Log/ }).click();
  await expect(page.getByRole('tabpanel', { name: /^Log/ })).toBeVisible();
  await expectAccessible(page, 'connection log');
});

test('the site manager’s own dialogs: master password, import preview and summary, new folder, a password prompt', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  await page.getByRole('button', { name: 'Sites', exact: true }).click();
  const manager = page.getByRole('dialog', { name: 'Site manager' });
  await manager.getByRole('button', { name: 'Use a master password…' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Protect passwords with a master password' }),
  ).toBeVisible();
  await expectAccessible(page, 'master-password dialog');
  await page.keyboard.press('Escape');

  await manager.getByRole('button', { name: 'Import…' }).click();
  const importing = page.getByRole('dialog', { name: 'Import sites' });
  await expectAccessible(page, 'import dialog, no file yet');
  await importing.getByLabel('File to import').setInputFiles(FILEZILLA_FIXTURE);
  await expect(importing.getByRole('table', { name: 'Sites to import' })).toBeVisible();
  await expectAccessible(page, 'import preview');
  await importing.getByRole('button', { name: /^Import \d+ sites/ }).click();
  await expect(importing.getByRole('status', { name: 'Import summary' })).toBeVisible();
  await expectAccessible(page, 'import summary');
  await importing.getByRole('button', { name: 'Close' }).click();

  const actions = manager.getByRole('toolbar', { name: 'Site actions' });
  await actions.getByRole('button', { name: 'New folder' }).click();
  await expect(page.getByRole('dialog', { name: 'New folder' })).toBeVisible();
  await expectAccessible(page, 'site-manager new-folder dialog');
  await page.keyboard.press('Escape');

  await actions.getByRole('button', { name: 'New site' }).click();
  const form = manager.getByRole('form', { name: 'New site' });
  await form.getByLabel('Name', { exact: true }).fill('Asks for a password');
  await form.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await form.getByLabel('Port', { exact: true }).fill(String(servers.sftp!.port));
  await form.getByLabel('User', { exact: true }).fill(servers.user.name);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await manager.getByRole('treeitem', { name: 'Asks for a password' }).dblclick();
  await expect(
    page.getByRole('dialog', { name: 'Password for Asks for a password' }),
  ).toBeVisible();
  await expectAccessible(page, 'a saved site’s password prompt');
});
