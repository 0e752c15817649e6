/**
 * Bookmarks and a site's "Adjust server time", end to end: the real renderer in Chromium (browser
 * edition, restarted on the same data folder as a user quits and reopens Ferry) against the
 * harness's sshd and vsftpd, in server folders of this spec's own.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { TestServers } from './harness/servers';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { certificateQuestion, connectedStatus, hostKeyQuestion } from './helpers/connect';
import { closeWithEscape, expectFocusStaysIn, openWithKeyboard } from './helpers/keyboard';
import { localPane, remotePane } from './helpers/panes';
import { openSiteManager, restartableApp, saveSite } from './helpers/site-manager';

const app = restartableApp('ferry-bookmarks-e2e-');

/** Connects to a saved site from the manager (its password asked), trusting the server once. */
async function connectSite(page: Page, servers: TestServers, name: string, firstTime: boolean) {
  const manager = await openSiteManager(page);
  await manager.getByRole('treeitem', { name }).dblclick();
  const prompt = page.getByRole('dialog', { name: `Password for ${name}` });
  await prompt.getByLabel('Server password').fill(servers.user.password);
  await prompt.getByRole('button', { name: 'Connect' }).click();
  if (firstTime) {
    const question = hostKeyQuestion(page).or(certificateQuestion(page));
    await question.getByRole('button', { name: /Trust and remember|Always trust/ }).click();
  }
  await expect(manager).toBeHidden();
  await expect(connectedStatus(page)).toBeVisible();
}

const bookmarksMenu = (page: Page) => page.getByRole('menu', { name: 'Bookmarks' });

async function openBookmarksMenu(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Bookmarks', exact: true }).click();
  const menu = bookmarksMenu(page);
  await expect(menu).toBeVisible();
  return menu;
}

test('a bookmark added while connected to a saved site opens both folders after a restart', async ({
  page,
  servers,
}) => {
  const sftp = servers.sftp;
  if (!sftp) throw new Error('The harness did not start sshd.');
  const rel = `bookmarks-${randomBytes(4).toString('hex')}`;
  const start = await servers.fixtures.mkdir(`${rel}/start`);
  const docs = await servers.fixtures.mkdir(`${rel}/www/docs`);
  await servers.fixtures.writeFile(`${rel}/www/docs/guide.txt`, 'read me');
  await servers.fixtures.mkdir(`${rel}/www/docs/img`);
  const old = await servers.fixtures.mkdir(`${rel}/old`);
  await app.start(page);
  const home = join(app.dataDir, '..', 'home');
  const localDocs = join(home, 'site', 'docs');
  await mkdir(join(localDocs, 'img'), { recursive: true });
  await writeFile(join(localDocs, 'guide.txt'), 'read me');

  const manager = await openSiteManager(page);
  await saveSite(manager, {
    name: 'Docs server',
    host: sftp.host,
    port: sftp.port,
    user: servers.user.name,
    remoteDir: start,
  });
  // No bookmarks yet: the site manager says how to add them.
  await expect(manager.getByRole('region', { name: 'Bookmarks' })).toContainText('None yet');
  await manager.getByRole('button', { name: 'Close site manager' }).click();
  await connectSite(page, servers, 'Docs server', true);
  const local = localPane(page);
  const remote = remotePane(page);
  await expect(remote.pathBar).toHaveValue(start);

  await remote.goTo(docs);
  await local.goTo(localDocs);
  await expect(remote.cell('guide.txt')).toBeVisible();
  await expect(local.cell('guide.txt')).toBeVisible();
  await remote.grid.focus();
  await page.keyboard.press('Control+b');
  const add = page.getByRole('dialog', { name: 'Add a bookmark to Docs server' });
  await expect(add.getByLabel('Name')).toHaveValue('docs');
  await expect(add.getByLabel('Folder on the server')).toHaveValue(docs);
  await expect(add.getByLabel('Folder on this computer')).toHaveValue(localDocs);
  await add.getByLabel('Name').fill('Site docs');
  await add.getByLabel('Use synchronized browsing when opening it').check();
  await expectAccessible(page, 'add-bookmark dialog');
  await add.getByRole('button', { name: 'Add bookmark' }).click();
  await expect(add).toBeHidden();

  // A second one, from the star beside the path bar: the server folder only, which will go.
  await remote.goTo(old);
  await remote.button('Add bookmark').click();
  await add.getByLabel('Folder on this computer').fill('');
  await expect(add.getByLabel('Use synchronized browsing when opening it')).toBeDisabled();
  await add.getByRole('button', { name: 'Add bookmark' }).click();
  await expect(add).toBeHidden();
  // By keyboard: the dialog keeps the focus, and Escape gives it back to the star.
  const star = remote.button('Add bookmark');
  const byKeys = await openWithKeyboard(page, star, 'Add a bookmark to Docs server');
  await expectFocusStaysIn(page, byKeys);
  await closeWithEscape(page, byKeys, star);
  let menu = await openBookmarksMenu(page);
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Site docs',
    'old',
    /Add bookmark/,
    /Rename or delete/,
  ]);
  await expectAccessible(page, 'bookmarks menu');
  await page.keyboard.press('Escape');

  // Quit and reopen Ferry, connect again: it opens at the site's start folder.
  await app.start(page);
  await connectSite(page, servers, 'Docs server', false);
  await expect(remote.pathBar).toHaveValue(start);
  await local.goTo(home);

  // The menu by keyboard: Enter opens it on the first bookmark, Enter opens that.
  await page.getByRole('button', { name: 'Bookmarks', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(bookmarksMenu(page).getByRole('menuitem', { name: 'Site docs' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(remote.pathBar).toHaveValue(docs);
  await expect(local.pathBar).toHaveValue(localDocs);
  const sync = page.getByRole('button', { name: 'Synchronized browsing' });
  await expect(sync).toHaveAttribute('aria-pressed', 'true');
  // And it follows: opening img on the server opens img here.
  await remote.cell('img').dblclick();
  await expect(local.pathBar).toHaveValue(join(localDocs, 'img'));

  // A bookmarked folder that is gone is said plainly; the bookmark stays.
  await rm(old, { recursive: true });
  menu = await openBookmarksMenu(page);
  await menu.getByRole('menuitem', { name: 'old' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'no longer exists' });
  await expect(notice).toHaveText(
    `The folder ${old} no longer exists on the server. Bookmark “old” is kept: rename or delete it under Bookmarks if it is no longer needed.`,
  );
  await expect(sync).toHaveAttribute('aria-pressed', 'false');
  await expectAccessible(page, 'bookmark folder gone notice');
  await notice.getByRole('button', { name: 'Dismiss' }).click();

  // The site manager lists them with the site: rename one, delete the other.
  menu = await openBookmarksMenu(page);
  await menu.getByRole('menuitem', { name: /Rename or delete/ }).click();
  const sm = page.getByRole('dialog', { name: 'Site manager' });
  const list = sm.getByRole('region', { name: 'Bookmarks' });
  await expect(list).toContainText(`Server: ${docs} · This computer: ${localDocs}`);
  await expectAccessible(page, 'site manager bookmarks');
  await list.getByRole('button', { name: 'Rename bookmark old' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename bookmark' });
  await rename.getByLabel('Name').fill('Site docs');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename.getByRole('alert')).toContainText('already has a bookmark called');
  // What to do, too, not only what went wrong.
  await expect(rename.getByRole('alert')).toContainText('Choose another name');
  await rename.getByLabel('Name').fill('Archive');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  await list.getByRole('button', { name: 'Delete bookmark Archive' }).click();
  await page
    .getByRole('dialog', { name: 'Delete bookmark?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Site docs');
});

test('a quick connection is saved as a site first, then takes bookmarks', async ({
  page,
  servers,
}) => {
  const sftp = servers.sftp;
  if (!sftp) throw new Error('The harness did not start sshd.');
  const rel = `bookmarks-quick-${randomBytes(4).toString('hex')}`;
  const folder = await servers.fixtures.mkdir(rel);
  await app.start(page);
  await page.getByRole('combobox', { name: 'Protocol' }).selectOption('sftp');
  await page.getByRole('textbox', { name: 'Host' }).fill(sftp.host);
  await page.getByRole('textbox', { name: 'Port' }).fill(String(sftp.port));
  await page.getByRole('textbox', { name: 'User' }).fill(servers.user.name);
  await page.getByRole('textbox', { name: 'Password' }).fill(servers.user.password);
  await page.getByRole('textbox', { name: 'Password' }).press('Enter');
  await hostKeyQuestion(page).getByRole('button', { name: 'Connect once' }).click();
  await expect(connectedStatus(page)).toBeVisible();
  await remotePane(page).goTo(folder);

  await remotePane(page).button('Add bookmark').click();
  const first = page.getByRole('dialog', { name: 'Save this connection as a site first' });
  await expect(first).toContainText('Bookmarks are kept with a saved site');
  await expectAccessible(page, 'save-as-site-first dialog');
  await first.getByRole('button', { name: 'Save as site…' }).click();
  const manager = page.getByRole('dialog', { name: 'Site manager' });
  const form = manager.getByRole('form', { name: 'New site' });
  await expect(form.getByLabel('Host', { exact: true })).toHaveValue(sftp.host);
  await form.getByLabel('Name', { exact: true }).fill('Saved from quick');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(manager.getByRole('form', { name: 'Site Saved from quick' })).toBeVisible();
  await manager.getByRole('button', { name: 'Close site manager' }).click();

  // The tab now belongs to the site: Ctrl+B adds to it.
  await expect(
    page
      .getByRole('tablist', { name: 'Connections' })
      .getByRole('tab', { name: 'Saved from quick' }),
  ).toBeVisible();
  await remotePane(page).grid.focus();
  await page.keyboard.press('Control+b');
  const add = page.getByRole('dialog', { name: 'Add a bookmark to Saved from quick' });
  await add.getByRole('button', { name: 'Add bookmark' }).click();
  await expect(add).toBeHidden();
  let menu = await openBookmarksMenu(page);
  await expect(menu.getByRole('menuitem', { name: rel })).toBeVisible();
  await page.keyboard.press('Escape');

  // A reload keeps the connection, still as the site's, with its bookmarks.
  await page.reload();
  await expect(
    page
      .getByRole('tablist', { name: 'Connections' })
      .getByRole('tab', { name: 'Saved from quick' }),
  ).toBeVisible();
  await expect(connectedStatus(page)).toBeVisible();
  menu = await openBookmarksMenu(page);
  await expect(menu.getByRole('menuitem', { name: rel })).toBeVisible();
});

test('a site’s time offset makes compare call files the same that differ by it', async ({
  page,
  servers,
}) => {
  const ftps = servers.ftpsExplicit;
  if (!ftps) throw new Error('The harness did not start vsftpd.');
  // The server's copies read 5 h 30 min later than ours, as a server at UTC+5:30 listing its own
  // clock shows them: a half-hour zone, which no guess takes.
  const rel = `bookmarks-offset-${randomBytes(4).toString('hex')}`;
  const ours = Math.floor((Date.now() - 10 * 3_600_000) / 60_000) * 60_000 + 20_000;
  const theirs = new Date(ours + 330 * 60_000);
  await app.start(page);
  const localDir = join(app.dataDir, '..', 'home', 'offset');
  await mkdir(localDir, { recursive: true });
  for (const [name, bytes] of [
    ['a.txt', 'alpha'],
    ['b.txt', 'bravo!'],
    ['c.txt', 'charlie'],
  ] as const) {
    await writeFile(join(localDir, name), bytes);
    await utimes(join(localDir, name), new Date(ours), new Date(ours));
    const path = await servers.fixtures.writeFile(`${rel}/${name}`, bytes);
    await utimes(path, theirs, theirs);
  }

  const manager = await openSiteManager(page);
  await saveSite(manager, {
    name: 'India box',
    protocol: 'ftps-explicit',
    host: ftps.host,
    port: ftps.port,
    user: servers.user.name,
    remoteDir: `/${rel}`,
  });
  await manager.getByRole('button', { name: 'Close site manager' }).click();
  await connectSite(page, servers, 'India box', true);
  await localPane(page).goTo(localDir);
  await expect(remotePane(page).cell('a.txt')).toBeVisible();
  await page.getByRole('button', { name: 'Compare folders' }).click();
  const summary = page.getByRole('region', { name: 'Folder comparison' }).getByRole('status');
  await expect(summary).toHaveText('Compared: 3 differ · 0 the same');

  // Site Manager → Adjust server time: −5 h 30 min.
  const again = await openSiteManager(page);
  await again.getByRole('treeitem', { name: 'India box' }).click();
  const form = again.getByRole('form', { name: 'Site India box' });
  const offset = form.getByLabel('Adjust server time');
  await expect(offset).toHaveValue('0');
  await expect(offset).toHaveAccessibleDescription(/Added to every time the server lists/);
  await offset.selectOption({ label: '−5 h 30 min' });
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status').getByText('Saved.')).toBeVisible();
  await again.getByRole('button', { name: 'Close site manager' }).click();

  await expect(summary).toHaveText(
    'Compared: 0 differ · 3 the same. The server’s times were moved by −5 h 30 min, as this site’s “Adjust server time” says, before comparing.',
  );
  await expect(
    page
      .getByRole('grid', { name: 'Remote files' })
      .getByRole('gridcell', { name: 'a.txt same', exact: true }),
  ).toBeVisible();
  // The file list shows the moved time too; the server's own is in the tooltip.
  const shown = remotePane(page).grid.locator('[data-path$="/a.txt"] .cell-modified');
  await expect(shown).toHaveAttribute('title', /^The server lists .*; shown moved by −5 h 30 min/);
  await expectAccessible(page, 'comparison with a site time offset');
});
