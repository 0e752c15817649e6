/**
 * Several server connections at once, one tab each, against the real harness servers: every tab
 * keeps its own folder and history, uploads go to the tab's own server (checked by SHA-256 on the
 * server's disk), and a tab closing or losing its connection leaves the others working.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sha256, sha256File } from './harness/checksums';
import type { TestServers } from './harness/servers';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import {
  connectedStatus,
  connectSftpThrough,
  connectTrusted,
  hostKeyQuestion,
  quickConnect,
} from './helpers/connect';
import { startHangUpRelay } from './helpers/hang-up-relay';
import { localPane, remotePane } from './helpers/panes';
import { startSlowUpload } from './helpers/slow-upload';

function connectionTabs(page: Page) {
  const strip = page.getByRole('tablist', { name: 'Connections' });
  return {
    tabs: strip.getByRole('tab'),
    tab: (name: string) => strip.getByRole('tab', { name }),
    /** The mouse's "x" on a tab (the keyboard uses Delete on the focused tab). */
    close: (title: string) => strip.getByTitle(`Close tab ${title} (Delete)`),
  };
}

/** A fresh server folder for one test (the servers are shared by the worker's tests). */
async function serverFolder(servers: TestServers, name: string): Promise<string> {
  const rel = `${name}-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.mkdir(rel);
  return rel;
}

/** The SHA-256 of a server-side file, or '' while it is not there (yet). */
const serverSha = (servers: TestServers, rel: string) => () =>
  sha256File(servers.fixtures.abs(rel)).catch(() => '');

async function upload(page: Page, name: string) {
  const local = localPane(page);
  await local.cell(name).click();
  await local.button('Upload to server').click();
}

test('an SFTP and an FTPS tab: each keeps its folder, uploads reach its own server, closing one leaves the other working', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const user = servers.user.name;
  const sftpTitle = `${user}@127.0.0.1:${servers.sftp!.port}`;
  const ftpsTitle = `${user}@127.0.0.1:${servers.ftpsExplicit!.port}`;
  const forSftp = randomBytes(300_000);
  const forFtps = randomBytes(200_000);
  await writeFile(join(ferryApp.home, 'for-sftp.bin'), forSftp);
  await writeFile(join(ferryApp.home, 'for-ftps.bin'), forFtps);
  const sftpFolder = await serverFolder(servers, 'tab-sftp');
  const ftpsFolder = await serverFolder(servers, 'tab-ftps');
  await servers.fixtures.writeFile(`${ftpsFolder}/already-there.txt`, 'hello');

  const page = await openFerry();
  const strip = connectionTabs(page);
  const remote = remotePane(page);
  await expect(strip.tabs).toHaveCount(1);
  await expect(strip.tab('New tab')).toHaveAttribute('aria-selected', 'true');

  // The first connection takes over the empty tab.
  const sftpAt = await connectTrusted(page, servers, 'sftp');
  const sftpTab = strip.tab(`SFTP ${sftpTitle}`);
  await expect(strip.tabs).toHaveCount(1);
  await expect(sftpTab).toHaveAttribute('aria-selected', 'true');
  await remote.goTo(sftpAt(sftpFolder));

  // The shown tab is busy: the second connection opens a tab of its own.
  const ftpsAt = await connectTrusted(page, servers, 'ftps-explicit');
  const ftpsTab = strip.tab(`FTPES ${ftpsTitle}`);
  await expect(strip.tabs).toHaveCount(2);
  await expect(ftpsTab).toHaveAttribute('aria-selected', 'true');
  await expect(sftpTab).toHaveAttribute('aria-selected', 'false');
  await expect(connectedStatus(page)).toContainText('FTPS (explicit TLS)');
  await remote.goTo(ftpsAt(ftpsFolder));
  await expect(remote.cell('already-there.txt')).toBeVisible();
  await remote.pane.getByRole('searchbox', { name: 'Filter by name' }).fill('already');
  await expectAccessible(page, 'two connection tabs');

  // Back on the SFTP tab: its folder and history are as they were left.
  await sftpTab.click();
  await expect(connectedStatus(page)).toContainText('over SFTP');
  await expect(remote.pathBar).toHaveValue(sftpAt(sftpFolder));
  await expect(remote.button('Back')).toBeEnabled();
  await expect(remote.cell('already-there.txt')).toHaveCount(0);

  await upload(page, 'for-sftp.bin');
  await expect(remote.cell('for-sftp.bin')).toBeVisible();
  await expect.poll(serverSha(servers, `${sftpFolder}/for-sftp.bin`)).toBe(sha256(forSftp));

  // Ctrl+Tab: the FTPS tab, with its folder and its filter.
  await page.keyboard.press('Control+Tab');
  await expect(ftpsTab).toHaveAttribute('aria-selected', 'true');
  await expect(remote.pathBar).toHaveValue(ftpsAt(ftpsFolder));
  await expect(remote.pane.getByRole('searchbox', { name: 'Filter by name' })).toHaveValue(
    'already',
  );
  await remote.pane.getByRole('searchbox', { name: 'Filter by name' }).fill('');
  await upload(page, 'for-ftps.bin');
  await expect(remote.cell('for-ftps.bin')).toBeVisible();
  await expect.poll(serverSha(servers, `${ftpsFolder}/for-ftps.bin`)).toBe(sha256(forFtps));
  // Each file went to its own tab's server folder only.
  expect(existsSync(servers.fixtures.abs(`${ftpsFolder}/for-sftp.bin`))).toBe(false);
  expect(existsSync(servers.fixtures.abs(`${sftpFolder}/for-ftps.bin`))).toBe(false);

  // The transfer list says which server each row went to.
  const transfers = page.getByRole('tabpanel', { name: 'Transfers' });
  await transfers.getByRole('tab', { name: /^Finished/ }).click();
  await expect(transfers.getByRole('listitem', { name: 'Upload for-sftp.bin' })).toContainText(
    `${sftpTitle}: ${sftpAt(sftpFolder)}/for-sftp.bin`,
  );
  await expect(transfers.getByRole('listitem', { name: 'Upload for-ftps.bin' })).toContainText(
    `${ftpsTitle}: ${ftpsAt(ftpsFolder)}/for-ftps.bin`,
  );

  // In a file list Ctrl+PageDown moves through the files; it does not switch tabs there.
  await remote.cell('for-ftps.bin').click();
  await remote.grid.press('Control+PageDown');
  await expect(ftpsTab).toHaveAttribute('aria-selected', 'true');

  // Ctrl+Shift+Tab back to SFTP, then close it: the FTPS tab is shown and keeps working.
  await page.keyboard.press('Control+Shift+Tab');
  await expect(sftpTab).toHaveAttribute('aria-selected', 'true');
  await strip.close(sftpTitle).click();
  await expect(strip.tabs).toHaveCount(1);
  await expect(ftpsTab).toHaveAttribute('aria-selected', 'true');
  await expect(remote.pathBar).toHaveValue(ftpsAt(ftpsFolder));
  await remote.button('New folder').click();
  const create = page.getByRole('dialog', { name: 'New folder' });
  await create.getByRole('textbox', { name: 'Folder name' }).fill('after closing');
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(remote.cell('after closing')).toBeVisible();
  expect(existsSync(servers.fixtures.abs(`${ftpsFolder}/after closing`))).toBe(true);

  // Ctrl+T opens an empty tab; quick connect goes into it rather than into another new one.
  await page.keyboard.press('Control+T');
  await expect(strip.tabs).toHaveCount(2);
  await expect(strip.tab('New tab')).toHaveAttribute('aria-selected', 'true');
  await expect(remote.pane.getByRole('heading', { name: 'Not connected' })).toBeVisible();
  // Trusted earlier in this run: no question this time.
  await quickConnect(page, {
    protocol: 'sftp',
    port: servers.sftp!.port,
    user,
    password: servers.user.password,
  });
  await expect(sftpTab).toHaveAttribute('aria-selected', 'true');
  await expect(strip.tabs).toHaveCount(2);
  await expect(remote.pathBar).toHaveValue(servers.root);

  // A middle click closes a tab too.
  await ftpsTab.click({ button: 'middle' });
  await expect(strip.tabs).toHaveCount(1);
  await expect(sftpTab).toHaveAttribute('aria-selected', 'true');
  // Ctrl+F4 closes the shown tab; the last one closed leaves an empty tab.
  await page.keyboard.press('Control+F4');
  await expect(strip.tab('New tab')).toHaveAttribute('aria-selected', 'true');
  await expect(strip.tabs).toHaveCount(1);
  await expect(connectedStatus(page)).toHaveCount(0);
});

test('the server hangs up on one tab: only that tab says so, and Reconnect brings its folder back', async ({
  servers,
  openFerry,
}) => {
  const relay = await startHangUpRelay(servers.sftp!.port);
  try {
    const folder = await serverFolder(servers, 'tab-lost');
    await servers.fixtures.writeFile(`${folder}/kept.txt`, 'still here');
    const page = await openFerry();
    const strip = connectionTabs(page);
    const remote = remotePane(page);

    const ftpsAt = await connectTrusted(page, servers, 'ftps-explicit');
    await remote.goTo(ftpsAt(folder));
    await connectSftpThrough(page, servers, relay.port);
    await remote.goTo(`${servers.root}/${folder}`);
    await expect(remote.cell('kept.txt')).toBeVisible();
    const relayed = strip.tab(`${servers.user.name}@127.0.0.1:${relay.port}`);
    const ftpsTab = strip.tab(`${servers.user.name}@127.0.0.1:${servers.ftpsExplicit!.port}`);

    await ftpsTab.click();
    relay.hangUp();
    await expect(relayed).toHaveAccessibleName(/connection lost/);
    // The FTPS tab shows no error and keeps listing.
    await expect(connectedStatus(page)).toContainText('FTPS');
    await expect(remote.pane.getByRole('alert')).toHaveCount(0);
    await remote.button('Refresh').click();
    await expect(remote.cell('kept.txt')).toBeVisible();

    await relayed.click();
    await expect(remote.pane.getByRole('heading', { name: 'Connection lost' })).toBeVisible();
    await expect(remote.pane.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'a tab whose connection was lost');
    await remote.pane.getByRole('button', { name: 'Reconnect' }).click();
    await hostKeyQuestion(page).getByRole('button', { name: 'Connect once' }).click();
    await expect(connectedStatus(page)).toContainText(`127.0.0.1:${relay.port}`);
    await expect(remote.pathBar).toHaveValue(`${servers.root}/${folder}`);
    await expect(remote.cell('kept.txt')).toBeVisible();
    await expect(strip.tabs).toHaveCount(2);

    // The tab's menu from the keyboard (Shift+F10): Disconnect keeps the tab, empty.
    await relayed.focus();
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu', {
      name: `Tab ${servers.user.name}@127.0.0.1:${relay.port}`,
    });
    await expect(menu.getByRole('menuitem', { name: 'Reconnect' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await menu.getByRole('menuitem', { name: 'Disconnect' }).focus();
    await page.keyboard.press('Enter');
    await expect(remote.pane.getByRole('heading', { name: 'Not connected' })).toBeVisible();
    await expect(strip.tabs).toHaveCount(2);
    await expect(relayed).toBeFocused();
  } finally {
    await relay.close();
  }
});

test('closing a tab whose upload is running asks first, and stops the upload when confirmed', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  // The upload of slow.bin is still running when the tab is closed.
  const slow = await startSlowUpload(servers, ferryApp.home);
  try {
    const folder = await serverFolder(servers, 'tab-close');
    const page = await openFerry();
    const strip = connectionTabs(page);
    const remote = remotePane(page);
    await connectTrusted(page, servers, 'ftps-explicit');
    await connectSftpThrough(page, servers, slow.port);
    await remote.goTo(`${servers.root}/${folder}`);
    const title = `${servers.user.name}@127.0.0.1:${slow.port}`;

    await upload(page, 'slow.bin');
    const transfers = page.getByRole('tabpanel', { name: 'Transfers' });
    const row = transfers.getByRole('listitem', { name: 'Upload slow.bin' });
    await expect(row).toContainText('Moving');

    const question = page.getByRole('dialog', { name: 'Close this connection?' });
    await strip.tab(title).focus();
    await page.keyboard.press('Delete');
    await expect(question).toContainText('1 transfer is still running');
    await question.getByRole('button', { name: 'Keep it open' }).click();
    await expect(strip.tabs).toHaveCount(2);

    // This time from the other tab's menu: "Close other tabs".
    const ftpsTitle = `${servers.user.name}@127.0.0.1:${servers.ftpsExplicit!.port}`;
    await strip.tab(ftpsTitle).click({ button: 'right' });
    await page
      .getByRole('menu', { name: `Tab ${ftpsTitle}` })
      .getByRole('menuitem', { name: 'Close other tabs' })
      .click();
    await expect(question).toContainText(`1 transfer is still running on ${title}`);
    await question.getByRole('button', { name: 'Stop transfers and close' }).click();
    await expect(strip.tabs).toHaveCount(1);
    // The keyboard is on the tab shown in its place.
    await expect(strip.tabs.first()).toBeFocused();
    await transfers.getByRole('tab', { name: /^Finished/ }).click();
    await expect(row).toContainText('Cancelled');
  } finally {
    await slow.close();
  }
});

test('a saved site opens in a new tab named after it, and after a hang-up Reconnect asks for its password again', async ({
  servers,
  openFerry,
}) => {
  const relay = await startHangUpRelay(servers.sftp!.port);
  try {
    const page = await openFerry();
    const strip = connectionTabs(page);
    const remote = remotePane(page);
    await connectTrusted(page, servers, 'ftps-explicit');
    const ftpsTab = strip.tab(`FTPES ${servers.user.name}@127.0.0.1:${servers.ftpsExplicit!.port}`);

    // A site that asks for its password every time, on the relay's port.
    await page.getByRole('button', { name: 'Sites', exact: true }).click();
    const manager = page.getByRole('dialog', { name: 'Site manager' });
    await manager
      .getByRole('toolbar', { name: 'Site actions' })
      .getByRole('button', { name: 'New site', exact: true })
      .click();
    const form = manager.getByRole('form', { name: 'New site' });
    await form.getByLabel('Name', { exact: true }).fill('Relayed SFTP');
    await form.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill(String(relay.port));
    await form.getByLabel('User', { exact: true }).fill(servers.user.name);
    await form.getByLabel('Login', { exact: true }).selectOption('ask');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    const site = manager.getByRole('treeitem', { name: 'Relayed SFTP' });
    const password = page.getByRole('dialog', { name: 'Password for Relayed SFTP' });

    await site.dblclick();
    await password.getByLabel('Server password').fill(servers.user.password);
    await password.getByRole('button', { name: 'Connect' }).click();
    await hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }).click();

    // The FTPS tab was busy: the site got a tab of its own, named after it.
    const siteTab = strip.tab('SFTP Relayed SFTP');
    await expect(strip.tabs).toHaveCount(2);
    await expect(siteTab).toHaveAttribute('aria-selected', 'true');
    await expect(connectedStatus(page)).toContainText(`127.0.0.1:${relay.port}`);
    const folder = await serverFolder(servers, 'site-tab');
    await servers.fixtures.writeFile(`${folder}/mine.txt`, 'mine');
    await remote.goTo(`${servers.root}/${folder}`);
    await expect(remote.cell('mine.txt')).toBeVisible();

    relay.hangUp();
    await expect(siteTab).toHaveAccessibleName(/connection lost/);
    await expect(remote.pane.getByRole('heading', { name: 'Connection lost' })).toBeVisible();
    await remote.pane.getByRole('button', { name: 'Reconnect' }).click();
    // Ferry keeps no password for this site: it asks for it again.
    await password.getByLabel('Server password').fill(servers.user.password);
    await password.getByRole('button', { name: 'Connect' }).click();
    await expect(connectedStatus(page)).toContainText(`127.0.0.1:${relay.port}`);
    await expect(remote.pathBar).toHaveValue(`${servers.root}/${folder}`);
    await expect(remote.cell('mine.txt')).toBeVisible();
    await expect(strip.tabs).toHaveCount(2);
    await expect(siteTab).toHaveAttribute('aria-selected', 'true');
    await expect(ftpsTab).toHaveAccessibleName(/^FTPES/);
  } finally {
    await relay.close();
  }
});
