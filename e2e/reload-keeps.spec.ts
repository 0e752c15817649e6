/**
 * What a reload (F5) of the browser edition keeps, beyond the connections themselves
 * (tabs-reload.spec.ts), against the real harness servers and real files: the local pane's
 * folder, sort, filter and hidden files (the nearest folder above when it was deleted, saying
 * so); each connection tab's back/forward history, sort and filter; the log from before; the
 * finished and failed transfers; a tab whose connection was lost, with its Reconnect; and the
 * lost tab's failed download retried after the reload on the connection made again (SHA-256).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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
} from './helpers/connect';
import { startHangUpRelay } from './helpers/hang-up-relay';
import { localPane, remotePane, type PaneName, filePane } from './helpers/panes';

function connectionTabs(page: Page) {
  const strip = page.getByRole('tablist', { name: 'Connections' });
  return {
    tabs: strip.getByRole('tab'),
    tab: (name: string | RegExp) => strip.getByRole('tab', { name }),
  };
}

async function serverFolder(servers: TestServers, name: string): Promise<string> {
  const rel = `${name}-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.mkdir(rel);
  return rel;
}

/** A pane's sort, filter and back/forward buttons. */
function paneControls(page: Page, name: PaneName) {
  const pane = filePane(page, name);
  return {
    ...pane,
    size: pane.grid.getByRole('columnheader', { name: 'Size' }),
    filter: pane.pane.getByRole('searchbox', { name: 'Filter by name' }),
    hidden: pane.button('Show hidden files'),
    back: pane.button('Back'),
    forward: pane.button('Forward'),
  };
}

const reload = async (page: Page) => {
  await page.reload();
  await expect(page.getByRole('form', { name: 'Quick connect' })).toBeVisible();
};

test('the local pane, each tab’s history, sort and filter, and the log come back after a reload', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  // Local: home → work → work/drafts, sorted by size, filtered, hidden files shown.
  const drafts = join(ferryApp.home, 'work', 'drafts');
  await mkdir(join(drafts, 'old'), { recursive: true });
  await writeFile(join(drafts, 'big.txt'), Buffer.alloc(3000));
  await writeFile(join(drafts, 'small.txt'), 'x');
  await writeFile(join(drafts, '.hidden.txt'), 'hidden');
  await writeFile(join(drafts, 'notes.md'), 'notes');
  // Remote: a folder and its subfolder, with files of different sizes.
  const folder = await serverFolder(servers, 'reload-view');
  await servers.fixtures.writeFile(`${folder}/top.txt`, 'top');
  await servers.fixtures.writeFile(`${folder}/sub/large.log`, Buffer.alloc(5000));
  await servers.fixtures.writeFile(`${folder}/sub/tiny.log`, 'x');
  await servers.fixtures.writeFile(`${folder}/sub/readme.txt`, 'read me');

  const page = await openFerry();
  const local = paneControls(page, 'Local files');
  await local.goTo(join(ferryApp.home, 'work'));
  await local.goTo(drafts);
  await local.size.getByRole('button').click();
  await local.filter.fill('.txt');
  await local.hidden.click();
  const draftsShown = ['big.txt', '.hidden.txt', 'small.txt'];
  await expect.poll(() => local.names()).toEqual(draftsShown);

  const at = await connectTrusted(page, servers, 'sftp');
  const remote = paneControls(page, 'Remote files');
  await remote.goTo(at(folder));
  await remote.goTo(at(`${folder}/sub`));
  await remote.size.getByRole('button').click();
  await remote.filter.fill('.log');
  await expect.poll(() => remote.names()).toEqual(['large.log', 'tiny.log']);

  await page.getByRole('tab', { name: /^Log/ }).click();
  const log = page.getByRole('log', { name: 'Connection log' });
  await expect(log).toContainText('Logged in; the server put us in');

  await reload(page);

  // 1. The local pane: the same folder, sort, filter and hidden files; its history too.
  await expect(local.pathBar).toHaveValue(drafts);
  await expect(local.size).toHaveAttribute('aria-sort', 'descending');
  await expect(local.filter).toHaveValue('.txt');
  await expect(local.hidden).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => local.names()).toEqual(draftsShown);
  // 2. The tab: the same folder, sort and filter, and Back goes where it went before.
  await expect(connectedStatus(page)).toContainText('over SFTP');
  await expect(remote.pathBar).toHaveValue(at(`${folder}/sub`));
  await expect(remote.size).toHaveAttribute('aria-sort', 'descending');
  await expect(remote.filter).toHaveValue('.log');
  await expect.poll(() => remote.names()).toEqual(['large.log', 'tiny.log']);
  // 3. The log shows the lines from before the reload: the login is there, not done again.
  await page.getByRole('tab', { name: /^Log/ }).click();
  await expect(log).toContainText('Logged in; the server put us in');
  const count = async (what: RegExp) => ((await log.innerText()).match(what) ?? []).length;
  const loginsBefore = await count(/Logged in/g);
  const listingsBefore = await count(/OPENDIR/g);

  await remote.back.click();
  await expect(remote.pathBar).toHaveValue(at(folder));
  await expect(remote.cell('top.txt')).toBeVisible();
  await remote.forward.click();
  await expect(remote.pathBar).toHaveValue(at(`${folder}/sub`));
  await local.back.click();
  await expect(local.pathBar).toHaveValue(join(ferryApp.home, 'work'));
  await local.forward.click();
  await expect(local.pathBar).toHaveValue(drafts);
  // The listings since the reload are logged below the old lines, with no new login.
  await expect.poll(() => count(/OPENDIR/g)).toBeGreaterThan(listingsBefore);
  expect(await count(/Logged in/g)).toBe(loginsBefore);

  // The local folder is deleted while the page reloads: the nearest one above opens, and the
  // pane says why.
  await local.goTo(join(drafts, 'old'));
  await rm(drafts, { recursive: true });
  await reload(page);
  await expect(local.pathBar).toHaveValue(join(ferryApp.home, 'work'));
  const gone = local.pane.getByRole('alert');
  await expect(gone).toContainText(`The folder ${join(drafts, 'old')} no longer exists.`);
  await expect(gone).toContainText(`Showing ${join(ferryApp.home, 'work')}`);
  await expect(local.size).toHaveAttribute('aria-sort', 'descending');
  await expectAccessible(page, 'a local folder gone after a reload');
});

test('finished and failed transfers stay listed after a reload, Retry works; a lost connection comes back with Reconnect', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  test.setTimeout(90_000);
  const relay = await startHangUpRelay(servers.sftp!.port);
  try {
    const folder = await serverFolder(servers, 'reload-transfers');
    const okBytes = randomBytes(200 * 1024);
    const lockedBytes = randomBytes(300 * 1024);
    await servers.fixtures.writeFile(`${folder}/ok.bin`, okBytes);
    const locked = await servers.fixtures.writeFile(`${folder}/locked.bin`, lockedBytes);
    // The server's user may not read it: the download fails, and is not retried by itself.
    await chmod(locked, 0o000);
    const downloads = join(ferryApp.home, 'reload-downloads');
    await mkdir(downloads);

    const page = await openFerry();
    const strip = connectionTabs(page);
    const local = localPane(page);
    const remote = remotePane(page);
    const transfers = page.getByRole('tabpanel', { name: 'Transfers' });
    const filterTab = (name: RegExp) => transfers.getByRole('tab', { name });
    const row = (name: string) => transfers.getByRole('listitem', { name: `Download ${name}` });

    await local.goTo(downloads);
    const at = await connectTrusted(page, servers, 'sftp');
    await remote.goTo(at(folder));
    await remote.cell('ok.bin').click();
    await remote.button('Download to this computer').click();
    await expect(filterTab(/^Finished \(1\)/)).toBeVisible({ timeout: 20_000 });

    // A second tab, through a relay: its download fails, then the relay hangs up, so its
    // connection is lost before the reload.
    await connectSftpThrough(page, servers, relay.port);
    await remote.goTo(at(folder));
    await remote.cell('locked.bin').click();
    await remote.button('Download to this computer').click();
    await expect(filterTab(/^Failed \(1\)/)).toBeVisible({ timeout: 20_000 });
    await filterTab(/^Failed/).click();
    const failure = await row('locked.bin').locator('.transfer-error').innerText();
    expect(failure.length).toBeGreaterThan(0);
    const relayedTitle = `${servers.user.name}@127.0.0.1:${relay.port}`;
    relay.hangUp();
    await expect(strip.tab(new RegExp(`${relayedTitle}.*connection lost`))).toBeVisible();

    await reload(page);

    // 4. Both transfers are still listed: the finished one, and the failed one with its error.
    await expect(filterTab(/^Finished \(1\)/)).toBeVisible();
    await expect(filterTab(/^Failed \(1\)/)).toBeVisible();
    await filterTab(/^Finished/).click();
    await expect(row('ok.bin')).toContainText('Done');
    await filterTab(/^Failed/).click();
    await expect(row('locked.bin')).toContainText(failure);

    // 5. The lost tab is back, in its place and shown, saying so, with Reconnect.
    await expect(strip.tabs).toHaveCount(2);
    const lostTab = strip.tab(new RegExp(`${relayedTitle}.*connection lost`));
    await expect(lostTab).toHaveAttribute('aria-selected', 'true');
    await expect(strip.tabs.nth(1)).toHaveAccessibleName(new RegExp(relayedTitle));
    await expect(remote.pane.getByRole('heading', { name: 'Connection lost' })).toBeVisible();
    await expectAccessible(page, 'a lost connection after a reload');
    // Ferry kept no password: Reconnect fills the quick connect bar and asks for it there.
    await remote.pane.getByRole('button', { name: 'Reconnect' }).click();
    await expect(remote.pane.getByRole('alert')).toContainText('does not keep passwords');
    const password = page.getByRole('textbox', { name: 'Password' });
    await expect(password).toBeFocused();
    await expect(page.getByRole('textbox', { name: 'Port' })).toHaveValue(String(relay.port));
    await expect(page.getByRole('textbox', { name: 'User' })).toHaveValue(servers.user.name);
    await password.fill(servers.user.password);
    await password.press('Enter');
    await hostKeyQuestion(page).getByRole('button', { name: 'Connect once' }).click();
    await expect(connectedStatus(page)).toContainText(`127.0.0.1:${relay.port}`);
    await expect(remote.pathBar).toHaveValue(at(folder));
    await expect(remote.cell('locked.bin')).toBeVisible();
    await expect(strip.tabs).toHaveCount(2);

    // The failed download, retried after the reload on the connection made again, once the file
    // may be read: the same bytes.
    await chmod(locked, 0o644);
    await transfers.getByRole('button', { name: 'Retry locked.bin' }).click();
    await expect(filterTab(/^Finished \(2\)/)).toBeVisible({ timeout: 20_000 });
    await expect(filterTab(/^Failed \(0\)/)).toBeVisible();
    expect(await sha256File(join(downloads, 'locked.bin'))).toBe(sha256(lockedBytes));
    expect(sha256(await readFile(join(downloads, 'ok.bin')))).toBe(sha256(okBytes));
  } finally {
    await relay.close();
  }
});
