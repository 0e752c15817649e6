/**
 * Synchronize folders, end to end in Chromium against the real sshd (and vsftpd over FTPS): a
 * website folder here and its older copy on the server. The dialog opens from the server pane
 * (Ctrl+Shift+S), compares, and previews what goes up and, apart, what is deleted on the server
 * (only with "Delete…" ticked); an unticked file is left alone; Start makes the server match
 * (SHA-256), the deleted file is gone, the excluded one stays. Mirror replaces a newer copy on
 * the server, said so in the preview; a file someone changes after the preview is left as it is,
 * its transfer row saying why. Each state of the dialog is scanned with axe-core.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256, sha256File } from './harness/checksums';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectTrusted } from './helpers/connect';
import { localPane, remotePane } from './helpers/panes';

const MINUTE = Math.floor((Date.now() - 2 * 3_600_000) / 60_000) * 60_000;
const at = (minutes: number) => new Date(MINUTE + minutes * 60_000);

const bytes = {
  index: randomBytes(3000),
  oldIndex: randomBytes(1200),
  css: randomBytes(800),
  logo: randomBytes(5000),
  draft: randomBytes(300),
  old: randomBytes(400),
  cache: randomBytes(100),
};

for (const protocol of ['sftp', 'ftps-explicit'] as const) {
  test(`${protocol}: preview, untick, start: the server matches this computer`, async ({
    servers,
    ferryApp,
    openFerry,
  }) => {
    const scan = (state: string) =>
      protocol === 'sftp' ? expectAccessible(page, state) : Promise.resolve();
    const rel = `sync-${protocol}-${randomBytes(4).toString('hex')}/site`;
    const here = join(ferryApp.home, 'site');
    const put = async (path: string, data: Buffer, time: Date) => {
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, data);
      await utimes(path, time, time);
    };
    const there = async (name: string, data: Buffer, time: Date) => {
      const path = await servers.fixtures.writeFile(`${rel}/${name}`, data);
      await utimes(path, time, time);
    };
    await put(join(here, 'index.html'), bytes.index, at(0));
    await put(join(here, 'css/site.css'), bytes.css, at(0));
    await put(join(here, 'img/logo.png'), bytes.logo, at(0));
    await put(join(here, 'draft.txt'), bytes.draft, at(0));
    await there('index.html', bytes.oldIndex, at(0));
    await there('css/site.css', bytes.css, at(0));
    await there('old.html', bytes.old, at(0));
    await there('cache.tmp', bytes.cache, at(0));

    const page = await openFerry();
    const serverPath = await connectTrusted(page, servers, protocol);
    // The exclusion list applies: *.tmp is neither sent nor deleted.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('textbox', { name: 'Leave out of folder transfers' }).fill('*.tmp');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings).toHaveCount(0);
    const local = localPane(page);
    const remote = remotePane(page);
    await remote.goTo(serverPath(rel));
    await local.goTo(here);
    await expect(remote.cell('old.html')).toBeVisible();

    await remote.grid.focus();
    await page.keyboard.press('Control+Shift+S');
    const dialog = page.getByRole('dialog', { name: 'Synchronize folders' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: /^Upload: the server matches/ })).toBeChecked();
    const deleteBox = dialog.getByRole('checkbox', {
      name: 'Delete files that are not on the other side',
    });
    await expect(deleteBox).not.toBeChecked();
    await scan('synchronize dialog: options');

    // Without "Delete…": nothing to delete in the preview.
    await dialog.getByRole('button', { name: 'Compare' }).click();
    await expect(dialog.getByRole('status')).toHaveText('3 files to upload (8.3 kB).');
    await expect(dialog.getByRole('region', { name: /To delete/ })).toHaveCount(0);

    // Back, tick "Delete…": the deletion is shown apart.
    await dialog.getByRole('button', { name: 'Back' }).click();
    await deleteBox.check();
    await dialog.getByRole('button', { name: 'Compare' }).click();
    const uploads = dialog.getByRole('region', { name: /^To upload/ });
    const deletes = dialog.getByRole('region', { name: /^To delete on the server/ });
    await expect(uploads.getByRole('checkbox', { name: /^index\.html other size/ })).toBeChecked();
    await expect(
      uploads.getByRole('checkbox', { name: /^img\/ only on this computer/ }),
    ).toBeVisible();
    await expect(
      deletes.getByRole('checkbox', { name: /^old\.html only on the server/ }),
    ).toBeChecked();
    await expect(dialog.getByRole('status')).toHaveText(
      '3 files to upload (8.3 kB), 1 file to delete on the server (400 B).',
    );
    await scan('synchronize dialog: preview with a deletion');

    // Untick draft.txt: it is not sent.
    await uploads.getByRole('checkbox', { name: /^draft\.txt/ }).uncheck();
    await expect(dialog.getByRole('status')).toHaveText(
      '2 files to upload (8 kB), 1 file to delete on the server (400 B).',
    );
    await dialog.getByRole('button', { name: 'Start (deletes files)' }).click();
    await expect(dialog.getByRole('status')).toHaveText('2 uploaded, 1 item deleted.', {
      timeout: 30_000,
    });
    await scan('synchronize dialog: done');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();

    const panel = page.getByRole('tabpanel', { name: 'Transfers' });
    await expect(panel.getByRole('tab', { name: /^Finished \(2\)/ })).toBeVisible({
      timeout: 30_000,
    });
    expect(await sha256File(servers.fixtures.abs(`${rel}/index.html`))).toBe(sha256(bytes.index));
    expect(await sha256File(servers.fixtures.abs(`${rel}/img/logo.png`))).toBe(sha256(bytes.logo));
    await expect(remote.cell('old.html')).toHaveCount(0);
    await expect(remote.cell('draft.txt')).toHaveCount(0);
    await expect(remote.cell('cache.tmp')).toBeVisible();
  });
}

test('sftp, keyboard only: download with delete, an unreadable server folder left out', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const rel = `sync-keys-${randomBytes(4).toString('hex')}/site`;
  const here = join(ferryApp.home, 'mirror');
  await mkdir(join(here, 'locked'), { recursive: true });
  await writeFile(join(here, 'locked/mine.txt'), 'here only, but the server folder is unreadable');
  await writeFile(join(here, 'stray.txt'), 'only here: goes');
  const page_ = await servers.fixtures.writeFile(`${rel}/page.html`, bytes.index);
  await utimes(page_, at(0), at(0));
  await servers.fixtures.makeUnreadable(`${rel}/locked`);

  const page = await openFerry();
  const serverPath = await connectTrusted(page, servers, 'sftp');
  const local = localPane(page);
  const remote = remotePane(page);
  await remote.goTo(serverPath(rel));
  await local.goTo(here);
  await expect(remote.cell('page.html')).toBeVisible();

  // The pane's menu, from the keyboard.
  await remote.grid.focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu');
  await menu.getByRole('menuitem', { name: /^Synchronize folders…/ }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Synchronize folders' });
  await expect(dialog.getByRole('radio', { name: /^Upload/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: /^Download/ })).toBeChecked();
  await page.keyboard.press('Tab');
  const deleteBox = dialog.getByRole('checkbox', { name: /^Delete files/ });
  await expect(deleteBox).toBeFocused();
  await expect(deleteBox).toHaveAccessibleDescription(/Deletes on this computer/);
  await page.keyboard.press('Space');
  await dialog.getByRole('button', { name: 'Compare' }).focus();
  await page.keyboard.press('Enter');

  const deletes = dialog.getByRole('region', { name: /^To delete on this computer/ });
  await expect(
    deletes.getByRole('checkbox', { name: /^stray\.txt only on this computer/ }),
  ).toBeChecked();
  await expect(dialog.getByRole('note')).toContainText('server: locked');
  await expect(dialog.getByRole('status')).toHaveText(
    '1 file to download (3 kB), 1 file to delete on this computer (15 B).',
  );
  await expectAccessible(
    page,
    'synchronize dialog: a download, a local deletion, an unreadable folder',
  );
  // The keyboard lands on the first tick box, not on Start: Enter does not delete by accident.
  await expect(dialog.getByRole('checkbox', { name: /^All 1 to download/ })).toBeFocused();
  await dialog.getByRole('button', { name: 'Start (deletes files)' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('1 downloaded, 1 item deleted.', {
    timeout: 30_000,
  });
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(local.cell('page.html')).toBeVisible({ timeout: 30_000 });
  await expect(local.cell('stray.txt')).toHaveCount(0);
  // The folder the server would not show is not taken for empty: what is here stays.
  await expect(local.cell('locked')).toBeVisible();
  expect(await sha256File(join(here, 'page.html'))).toBe(sha256(bytes.index));
  expect(await sha256File(join(here, 'locked/mine.txt'))).toBe(
    sha256('here only, but the server folder is unreadable'),
  );
});

test('sftp: mirror replaces the newer copy on the server; a file changed since the preview stays', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const rel = `sync-mirror-${randomBytes(4).toString('hex')}/site`;
  const here = join(ferryApp.home, 'mirrored');
  await mkdir(here, { recursive: true });
  const local = async (name: string, data: Buffer) => {
    await writeFile(join(here, name), data);
    await utimes(join(here, name), at(0), at(0));
  };
  const there = async (name: string, data: Buffer, time: Date) => {
    const path = await servers.fixtures.writeFile(`${rel}/${name}`, data);
    await utimes(path, time, time);
  };
  await local('notes.txt', bytes.draft);
  await there('notes.txt', bytes.old, at(30)); // newer on the server
  await local('index.html', bytes.index);
  await there('index.html', bytes.oldIndex, at(0));

  const page = await openFerry();
  const serverPath = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(serverPath(rel));
  await localPane(page).goTo(here);
  await expect(remote.cell('notes.txt')).toBeVisible();
  await remote.grid.focus();
  await page.keyboard.press('Control+Shift+S');
  const dialog = page.getByRole('dialog', { name: 'Synchronize folders' });

  // Without mirror, the newer copy there is kept and listed.
  await dialog.getByRole('button', { name: 'Compare' }).click();
  await expect(dialog.getByRole('status')).toHaveText('1 file to upload (3 kB).');
  await dialog.getByText(/^Left as they are: 1/).click();
  await expect(
    dialog.getByText('notes.txt — the copy being replaced is newer: kept'),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Back' }).click();
  const mirror = dialog.getByRole('checkbox', {
    name: /^Mirror: also replace files that are newer on the server/,
  });
  await expect(mirror).toHaveAccessibleDescription(/replaced by the older copy/);
  await mirror.check();
  await dialog.getByRole('button', { name: 'Compare' }).click();
  const uploads = dialog.getByRole('region', { name: /^To upload/ });
  await expect(
    uploads.getByRole('checkbox', {
      name: /^notes\.txt newer on the server — will be replaced by the older copy here/,
    }),
  ).toBeChecked();
  await expect(dialog.getByRole('status')).toHaveText('2 files to upload (3.3 kB).');
  await expectAccessible(page, 'synchronize dialog: preview mirroring a newer file');

  // Someone changes index.html on the server after the preview: it is not replaced.
  const theirs = randomBytes(1500);
  await servers.fixtures.writeFile(`${rel}/index.html`, theirs);
  await dialog.getByRole('button', { name: 'Start' }).click();
  // The result line counts it too, once the transfers are over.
  await expect(dialog.getByRole('status')).toHaveText(
    '1 uploaded, 1 left alone because it changed since the preview (the transfer list says why).',
    { timeout: 30_000 },
  );
  await expectAccessible(page, 'synchronize dialog: done, a file left alone during the run');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Transfers' });
  await panel.getByRole('tab', { name: /^Finished \(2\)/ }).click({ timeout: 30_000 });
  await expect(
    panel.getByText('Changed on the server since the preview — not replaced.'),
  ).toBeVisible();
  await expectAccessible(page, 'transfer list: a synchronized file changed since the preview');
  expect(await sha256File(servers.fixtures.abs(`${rel}/notes.txt`))).toBe(sha256(bytes.draft));
  expect(await sha256File(servers.fixtures.abs(`${rel}/index.html`))).toBe(sha256(theirs));
});
