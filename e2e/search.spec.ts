/**
 * Search files on the server (F3), end to end in Chromium against the harness servers, by
 * keyboard: search a tree, see the results and what was left out, sort, download two results
 * (compared by SHA-256), open a result's folder, delete one; and stop a long search (which a
 * page reload does not stop: the reloaded page shows it again, results and all).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sha256File } from './harness/checksums';
import type { TestServers } from './harness/servers';
import { expect, test } from './fixtures';
import { connectTrusted } from './helpers/connect';
import { tabTo } from './helpers/keyboard';
import { remotePane } from './helpers/panes';

/** A fresh tree: two photos and notes in nested folders, a locked folder and a link loop. */
async function photoTree(servers: TestServers): Promise<string> {
  const rel = `search-${randomBytes(4).toString('hex')}`;
  const f = servers.fixtures;
  await f.writeFile(`${rel}/img/2024/a-photo.jpg`, randomBytes(300_000));
  await f.writeFile(`${rel}/img/2024/b-photo.jpg`, randomBytes(100_000));
  await f.writeFile(`${rel}/img/logo.png`, randomBytes(1000));
  await f.writeFile(`${rel}/docs/photo-notes.txt`, 'where the photos are');
  await f.writeFile(`${rel}/locked/photo-secret.jpg`, 'secret');
  await f.makeUnreadable(`${rel}/locked`);
  await f.symlink('..', `${rel}/img/up`);
  return rel;
}

function searchDialog(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Search files on the server' });
  return {
    dialog,
    name: dialog.getByRole('searchbox', { name: /^Name (contains|matches)$/ }),
    status: dialog.getByRole('status').first(),
    results: dialog.getByRole('listbox', { name: 'Search results' }),
    options: dialog.getByRole('listbox', { name: 'Search results' }).getByRole('option'),
    button: (name: string | RegExp) => dialog.getByRole('button', { name }),
  };
}

test('SFTP: search a tree by keyboard, sort, download two results, open a folder, delete one', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const rel = await photoTree(servers);
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(at(rel));
  await remote.grid.focus();

  // F3 opens the search below the folder shown, the name field ready for typing.
  await page.keyboard.press('F3');
  const search = searchDialog(page);
  await expect(search.dialog).toBeVisible();
  await expect(search.name).toBeFocused();
  await expect(search.dialog.getByRole('textbox', { name: 'Search in' })).toHaveValue(at(rel));
  await page.keyboard.type('PHOTO');
  await page.keyboard.press('Enter');
  await expect(search.status).toHaveText('Done: 3 found in 4 folders.');
  await expect(search.dialog).toContainText(
    `1 folder could not be read (no permission, or gone): ${at(`${rel}/locked`)}.`,
  );
  await expect(search.options).toHaveText([
    /^a-photo\.jpg.*img\/2024/,
    /^b-photo\.jpg.*img\/2024/,
    /^photo-notes\.txt.*docs/,
  ]);

  // A pattern: only the pictures; sorted by size, the smaller first.
  await search.dialog.getByRole('radio', { name: /^Pattern/ }).check();
  await search.name.fill('*.JPG');
  await search.name.press('Enter');
  await expect(search.status).toHaveText('Done: 2 found in 4 folders.');
  await search.button('Size').click();
  await expect(search.options).toHaveText([/^b-photo\.jpg/, /^a-photo\.jpg/]);
  await search.button(/^Size/).click();
  await expect(search.options).toHaveText([/^a-photo\.jpg/, /^b-photo\.jpg/]);

  // Keyboard only: into the list, select both, download them to the local pane's folder.
  await tabTo(page, search.results);
  await page.keyboard.press('Control+A');
  await expect(search.dialog).toContainText('2 selected');
  await tabTo(page, search.button('Download'));
  await page.keyboard.press('Enter');
  await expect(search.dialog.getByRole('status').filter({ hasText: 'queued' })).toHaveText(
    `2 downloads queued, to ${ferryApp.home}.`,
  );
  const finished = page.getByRole('tabpanel', { name: 'Transfers' }).getByRole('tab', {
    name: /^Finished \(2\)/,
  });
  await expect(finished).toBeVisible({ timeout: 30_000 });
  for (const name of ['a-photo.jpg', 'b-photo.jpg']) {
    expect(await sha256File(join(ferryApp.home, name))).toBe(
      await sha256File(servers.fixtures.abs(`${rel}/img/2024/${name}`)),
    );
  }

  // Enter on a result opens its folder in the remote pane, with the file selected.
  await search.results.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(search.dialog).toHaveCount(0);
  await expect(remote.pathBar).toHaveValue(at(`${rel}/img/2024`));
  await expect(
    remote.grid.getByRole('row', { name: /b-photo\.jpg/, selected: true }),
  ).toBeVisible();

  // The results are still there when the search opens again; delete one (after the question).
  await remote.grid.focus();
  await page.keyboard.press('F3');
  await expect(search.options).toHaveCount(2);
  await search.results.focus();
  await page.keyboard.press('Home');
  await expect(search.dialog).toContainText('1 selected');
  await page.keyboard.press('Delete');
  const question = page.getByRole('dialog', {
    name: 'Delete 1 item permanently? This cannot be undone.',
  });
  await expect(question).toContainText(at(`${rel}/img/2024/a-photo.jpg`));
  // A permanent delete starts on Cancel; the keyboard moves to the red button on purpose.
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(question.getByRole('button', { name: 'Delete permanently' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(search.dialog.getByRole('status').filter({ hasText: 'deleted' })).toHaveText(
    '1 item deleted.',
  );
  await expect(search.options).toHaveText([/^b-photo\.jpg/]);
  expect(existsSync(servers.fixtures.abs(`${rel}/img/2024/a-photo.jpg`))).toBe(false);
  // The pane showing that folder no longer lists it.
  await page.keyboard.press('Escape');
  await expect(search.dialog).toHaveCount(0);
  await expect(remote.grid).toBeFocused();
  await expect(remote.cell('a-photo.jpg')).toHaveCount(0);
  await expect(remote.cell('b-photo.jpg')).toBeVisible();
});

test('FTPS: a long search shows where it is and how far, goes on across a reload, and Stop ends it at once', async ({
  servers,
  openFerry,
}) => {
  const rel = `wide-${randomBytes(4).toString('hex')}`;
  for (let i = 0; i < 600; i++) {
    await servers.fixtures.writeFile(`${rel}/d${i}/needle-${i}.txt`, String(i));
  }
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'ftps-explicit');
  const remote = remotePane(page);
  await remote.goTo(at(rel));
  await remote.button('Search files on the server').click();
  const search = searchDialog(page);
  await search.name.fill('needle');
  await search.button('Search').click();
  await expect(search.status).toHaveText(
    new RegExp(`^Searching ${at(rel)}/d\\d+ … [\\d,]+ folders, [1-9]\\d* found$`),
  );
  await expect(search.options.first()).toBeVisible();

  // A reload does not stop it: the dialog comes back as it was, results and all, still going.
  const foundBefore = await search.options.count();
  await page.reload();
  await expect(search.dialog).toBeVisible();
  await expect(search.name).toHaveValue('needle');
  await expect(search.button('Stop')).toHaveAttribute('aria-disabled', 'false');
  await expect(search.status).toHaveText(
    new RegExp(`^Searching ${at(rel)}/d\\d+ … [\\d,]+ folders, [1-9]\\d* found$`),
  );
  await expect.poll(() => search.options.count()).toBeGreaterThan(foundBefore);
  await search.button('Stop').click();
  await expect(search.status).toHaveText(/^Stopped: \d+ found in \d+ folders searched so far\.$/);
  const [, found, folders] = /Stopped: (\d+) found in (\d+) folders/.exec(
    (await search.status.textContent()) ?? '',
  ) ?? ['', '0', '0'];
  expect(Number(folders)).toBeLessThan(601);
  await expect(search.options).toHaveCount(Number(found));
  // Nothing left to stop, and the pane still browses (the search had its own connection).
  await expect(search.button('Stop')).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  await remote.goTo(at(`${rel}/d7`));
  await expect(remote.cell('needle-7.txt')).toBeVisible();
});
