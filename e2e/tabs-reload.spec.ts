/**
 * A page reload of the browser edition, against the real harness servers: the connections the
 * page had stay open in Ferry, so the reloaded page shows them again — one tab each, with its
 * server's name, at the folder it showed, the shown tab shown again — lists without logging in
 * again, and the transfer list still shows the upload that kept running (checked by SHA-256 on
 * the server's disk). Another browser tab open at the same time (or a duplicate of the tab)
 * does not take them over; a browser tab opened after the first was closed does. A connect that
 * fails while the page reloads is shown in the reloaded page, in the same words.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sha256, sha256File } from './harness/checksums';
import type { TestServers } from './harness/servers';
import { expect, test } from './fixtures';
import {
  connectedStatus,
  connectSftpThrough,
  connectTrusted,
  hostKeyQuestion,
  quickConnect,
  quickConnectAsTestUser,
} from './helpers/connect';
import { localPane, remotePane } from './helpers/panes';
import { startSlowUpload } from './helpers/slow-upload';

function connectionTabs(page: Page) {
  const strip = page.getByRole('tablist', { name: 'Connections' });
  return { tabs: strip.getByRole('tab'), tab: (name: string) => strip.getByRole('tab', { name }) };
}

async function serverFolder(servers: TestServers, name: string): Promise<string> {
  const rel = `${name}-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.mkdir(rel);
  return rel;
}

test('after a reload: the same tabs, folders and shown tab, no second login, the upload still listed', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  test.setTimeout(90_000);
  const slow = await startSlowUpload(servers, ferryApp.home);
  try {
    const user = servers.user.name;
    const sftpTitle = `SFTP ${user}@127.0.0.1:${slow.port}`;
    const ftpsTitle = `FTPES ${user}@127.0.0.1:${servers.ftpsExplicit!.port}`;
    const sftpFolder = await serverFolder(servers, 'reload-sftp');
    await servers.fixtures.writeFile(`${sftpFolder}/inner/deeper.txt`, 'deeper');
    const ftpsFolder = await serverFolder(servers, 'reload-ftps');
    await servers.fixtures.writeFile(`${ftpsFolder}/on-ftps.txt`, 'ftps');
    await servers.fixtures.writeFile(`${ftpsFolder}/sub/in-sub.txt`, 'sub');

    const page = await openFerry();
    const strip = connectionTabs(page);
    const remote = remotePane(page);
    const transfers = page.getByRole('tabpanel', { name: 'Transfers' });
    const uploadRow = transfers.getByRole('listitem', { name: 'Upload slow.bin' });

    // Tab 1: SFTP (through a slow relay), in its folder, uploading a 16 MiB file.
    await connectSftpThrough(page, servers, slow.port);
    await remote.goTo(`${servers.root}/${sftpFolder}`);
    await localPane(page).cell('slow.bin').click();
    await localPane(page).button('Upload to server').click();
    await expect(uploadRow).toContainText('Moving');

    // Tab 2: FTPS, in its folder; it is the shown tab when the page reloads.
    const ftpsAt = await connectTrusted(page, servers, 'ftps-explicit');
    await remote.goTo(ftpsAt(ftpsFolder));
    await expect(remote.cell('on-ftps.txt')).toBeVisible();
    await expect(strip.tabs).toHaveCount(2);

    const log = page.getByRole('log', { name: 'Connection log' });
    const logins = async () =>
      ((await log.innerText()).match(/Logged in|USER |AUTH TLS|Login security/g) ?? []).length;
    await page.getByRole('tab', { name: /^Log/ }).click();
    await expect(log).toContainText('Logged in');
    const loginsBeforeReload = await logins();
    await page.getByRole('tab', { name: 'Transfers' }).click();

    await page.reload();
    await expect(page.getByRole('form', { name: 'Quick connect' })).toBeVisible();

    // The same two tabs, in order, with their servers' names; the FTPS one shown, at its folder.
    await expect(strip.tabs).toHaveCount(2);
    await expect(strip.tabs.nth(0)).toHaveAccessibleName(sftpTitle);
    await expect(strip.tabs.nth(1)).toHaveAccessibleName(ftpsTitle);
    await expect(strip.tab(ftpsTitle)).toHaveAttribute('aria-selected', 'true');
    await expect(connectedStatus(page)).toContainText('FTPS (explicit TLS)');
    await expect(remote.pathBar).toHaveValue(ftpsAt(ftpsFolder));
    await expect(remote.cell('on-ftps.txt')).toBeVisible();
    // The upload that kept running is in the list, still moving.
    await expect(uploadRow).toContainText('Moving');

    // Both sessions list folders as before: the same connections, no new login.
    await remote.goTo(ftpsAt(`${ftpsFolder}/sub`));
    await expect(remote.cell('in-sub.txt')).toBeVisible();
    await strip.tab(sftpTitle).click();
    await expect(connectedStatus(page)).toContainText('over SFTP');
    await expect(remote.pathBar).toHaveValue(`${servers.root}/${sftpFolder}`);
    await remote.goTo(`${servers.root}/${sftpFolder}/inner`);
    await expect(remote.cell('deeper.txt')).toBeVisible();

    // The log shows the lines from before the reload, logins included, and no new login.
    await page.getByRole('tab', { name: /^Log/ }).click();
    await expect(log).toContainText(/MLSD|LIST/);
    expect(await logins()).toBe(loginsBeforeReload);

    // The upload ends well, its row says so, and the server has the very bytes.
    await page.getByRole('tab', { name: 'Transfers' }).click();
    await expect(transfers.getByRole('tab', { name: 'Finished (1)' })).toBeVisible({
      timeout: 40_000,
    });
    await expect(transfers.getByRole('tab', { name: 'Queued and active (0)' })).toBeVisible();
    const local = await readFile(join(ferryApp.home, 'slow.bin'));
    expect(await sha256File(servers.fixtures.abs(`${sftpFolder}/slow.bin`))).toBe(sha256(local));
  } finally {
    await slow.close();
  }
});

test('another browser tab, or a duplicate of it, does not take over the connections of a tab that is open', async ({
  servers,
  openFerry,
  ferryApp,
  context,
}) => {
  const folder = await serverFolder(servers, 'reload-two-pages');
  const first = await openFerry();
  const at = await connectTrusted(first, servers, 'sftp');
  await remotePane(first).goTo(at(folder));
  const title = `SFTP ${servers.user.name}@127.0.0.1:${servers.sftp!.port}`;

  const second = await context.newPage();
  await second.goto(ferryApp.url);
  await expect(second.getByRole('form', { name: 'Quick connect' })).toBeVisible();
  await expect(connectionTabs(second).tabs).toHaveCount(1);
  await expect(connectionTabs(second).tab('New tab')).toBeVisible();

  // "Duplicate tab" copies the page's sessionStorage (its page id with it) into a new tab.
  const storage = await first.evaluate<string>('JSON.stringify({ ...sessionStorage })');
  const duplicate = await context.newPage();
  await duplicate.addInitScript(
    `for (const [key, value] of Object.entries(${storage})) sessionStorage.setItem(key, value);`,
  );
  await duplicate.goto(ferryApp.url);
  await expect(duplicate.getByRole('form', { name: 'Quick connect' })).toBeVisible();
  await expect(connectionTabs(duplicate).tabs).toHaveCount(1);
  await expect(connectionTabs(duplicate).tab('New tab')).toBeVisible();
  await duplicate.close();

  // The first tab, reloading, still gets its own back.
  await first.reload();
  await expect(connectionTabs(first).tab(title)).toHaveAttribute('aria-selected', 'true');
  await expect(remotePane(first).pathBar).toHaveValue(at(folder));
  await second.close();
});

test('a browser tab closed by mistake: opening the address again shows its connection', async ({
  servers,
  openFerry,
  ferryApp,
  context,
}) => {
  const folder = await serverFolder(servers, 'reload-reopen');
  const first = await openFerry();
  const at = await connectTrusted(first, servers, 'sftp');
  await remotePane(first).goTo(at(folder));
  await first.close();
  // A page away for less than 10 s may be reloading: only after that may another page take its
  // sessions (so that Ferry tabs reloading together each get their own back).
  await new Promise((resolve) => setTimeout(resolve, 11_000));

  // A new browser tab has none of the closed one's storage; the connection waited for a page.
  const again = await context.newPage();
  await again.goto(ferryApp.url);
  const title = `SFTP ${servers.user.name}@127.0.0.1:${servers.sftp!.port}`;
  await expect(connectionTabs(again).tabs).toHaveCount(1);
  await expect(connectionTabs(again).tab(title)).toHaveAttribute('aria-selected', 'true');
  await expect(remotePane(again).pathBar).toHaveValue(at(folder));
});

test('a reload while the server’s identity is being asked: the question comes back, and answering it connects', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  await quickConnectAsTestUser(page, servers, 'sftp');
  await expect(hostKeyQuestion(page)).toBeVisible();
  await page.reload();
  await expect(hostKeyQuestion(page)).toBeVisible();
  await hostKeyQuestion(page).getByRole('button', { name: 'Connect once' }).click();
  await expect(hostKeyQuestion(page)).toBeHidden();
  const title = `SFTP ${servers.user.name}@127.0.0.1:${servers.sftp!.port}`;
  await expect(connectionTabs(page).tab(title)).toBeVisible();
  await expect(connectedStatus(page)).toBeVisible();
  // In place of the empty tab the reload started with, not beside it.
  await expect(connectionTabs(page).tabs).toHaveCount(1);
});

test('a connect that fails while the page reloads: the reloaded page shows the failure as a failed connect shows it', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  const remote = remotePane(page);
  const title = `SFTP ${servers.user.name}@127.0.0.1:${servers.sftp!.port}`;
  const wrongPassword = {
    protocol: 'sftp',
    port: servers.sftp!.port,
    user: servers.user.name,
    password: 'not the password',
  };
  // As it shows without a reload: the words to compare with.
  await quickConnect(page, wrongPassword);
  await hostKeyQuestion(page).getByRole('button', { name: 'Connect once' }).click();
  await expect(remote.pane.getByRole('alert')).toBeVisible();
  const shownNormally = (await remote.pane.getByRole('alert').textContent()) ?? '';
  expect(shownNormally).toMatch(/password/i);
  await remote.pane.getByRole('button', { name: 'Dismiss error' }).click();

  // Again, and the page reloads while the server's key is asked; the answer comes after it.
  await quickConnect(page, wrongPassword);
  await expect(hostKeyQuestion(page)).toBeVisible();
  await page.reload();
  await hostKeyQuestion(page).getByRole('button', { name: 'Connect once' }).click();
  await expect(remote.pane.getByRole('alert')).toHaveText(shownNormally);
  await expect(remote.pane.getByRole('heading', { name: 'Not connected' })).toBeVisible();
  await expect(connectionTabs(page).tabs).toHaveCount(1);
  await expect(connectionTabs(page).tab(title)).toHaveAttribute('aria-selected', 'true');

  // Told once: another reload does not show it again.
  await page.reload();
  await expect(page.getByRole('form', { name: 'Quick connect' })).toBeVisible();
  await expect(connectionTabs(page).tab('New tab')).toBeVisible();
  await expect(remote.pane.getByRole('alert')).toHaveCount(0);
});
