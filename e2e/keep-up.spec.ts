/**
 * Keep the server folder up to date, end to end in Chromium against the real sshd: Ctrl+Shift+K
 * in the server pane asks (deletions off, said plainly), Start shows the strip; a page edited
 * here and a new folder with a file arrive on the server (SHA-256) and the strip counts them;
 * a new empty folder shows in the server pane; a page reload keeps it running (the strip comes
 * back, the next edit arrives); Stop ends it (a later edit stays here). Started again from the
 * toolbar button with "Synchronize first", that edit goes up first; it stops by
 * itself when the local folder goes, saying why. Each state is scanned with axe-core.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256, sha256File } from './harness/checksums';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectTrusted } from './helpers/connect';
import { localPane, remotePane } from './helpers/panes';

test('sftp: start, edit here, see it on the server, stop; stops by itself when the folder goes', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const rel = `keep-${randomBytes(4).toString('hex')}/www`;
  const here = join(ferryApp.home, 'site');
  await mkdir(here, { recursive: true });
  await writeFile(join(here, 'index.html'), '<h1>old</h1>');
  await servers.fixtures.writeFile(`${rel}/index.html`, '<h1>old</h1>');

  const page = await openFerry();
  const serverPath = await connectTrusted(page, servers, 'sftp');
  const local = localPane(page);
  const remote = remotePane(page);
  await remote.goTo(serverPath(rel));
  await local.goTo(here);
  await expect(remote.cell('index.html')).toBeVisible();

  await remote.grid.focus();
  await page.keyboard.press('Control+Shift+K');
  const dialog = page.getByRole('dialog', { name: 'Keep the server folder up to date' });
  await expect(dialog).toBeVisible();
  // Escape closes it, and the keyboard is back on the list.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(remote.grid).toBeFocused();
  await page.keyboard.press('Control+Shift+K');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(here);
  await expect(dialog).toContainText(serverPath(rel));
  const deleteBox = dialog.getByRole('checkbox', {
    name: 'Delete on the server what is deleted here',
  });
  await expect(deleteBox).not.toBeChecked();
  await expect(deleteBox).toBeFocused();
  await expect(dialog).toContainText('Off: nothing is ever deleted on the server.');
  await expectAccessible(page, 'keep up to date: the start dialog');
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(dialog).toBeHidden();

  const strip = page.getByRole('region', { name: 'Keeping the server folder up to date' });
  await expect(strip).toContainText(`Keeping ${serverPath(rel)} up to date with ${here}`);
  await expect(strip).toContainText('0 uploaded');
  const button = page.getByRole('button', { name: 'Keep the server folder up to date' });
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expectAccessible(page, 'keep up to date: running');

  // Edit here: the server follows.
  const edited = `<h1>new</h1>${randomBytes(2000).toString('hex')}`;
  await writeFile(join(here, 'index.html'), edited);
  await mkdir(join(here, 'css'));
  await writeFile(join(here, 'css/site.css'), 'body { margin: 0 }');
  await expect(strip).toContainText(/2 uploaded, last \d/, { timeout: 30_000 });
  expect(await sha256File(servers.fixtures.abs(`${rel}/index.html`))).toBe(sha256(edited));
  expect(await sha256File(servers.fixtures.abs(`${rel}/css/site.css`))).toBe(
    sha256('body { margin: 0 }'),
  );
  await expect(remote.cell('css')).toBeVisible();
  // A new empty folder: made on the server, and the server pane shows it (no upload refreshes it).
  await mkdir(join(here, 'empty'));
  await expect(remote.cell('empty')).toBeVisible({ timeout: 15_000 });

  // A reload does not stop it: the strip comes back with its count, and the server follows.
  await page.reload();
  await expect(strip).toContainText(`Keeping ${serverPath(rel)} up to date with ${here}`);
  await expect(strip).toContainText(/2 uploaded, last \d/);
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  const afterReload = `<h1>after the reload</h1>${randomBytes(100).toString('hex')}`;
  await writeFile(join(here, 'index.html'), afterReload);
  await expect(strip).toContainText(/3 uploaded, last \d/, { timeout: 30_000 });
  expect(await sha256File(servers.fixtures.abs(`${rel}/index.html`))).toBe(sha256(afterReload));

  // Stop: the strip goes, and a later edit stays here.
  await strip.getByRole('button', { name: 'Stop' }).click();
  await expect(strip).toBeHidden();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await writeFile(join(here, 'index.html'), 'not sent');
  await page.waitForTimeout(1500);
  expect(await sha256File(servers.fixtures.abs(`${rel}/index.html`))).toBe(sha256(afterReload));

  // Again, from the button, synchronizing first: the edit made while stopped goes up before the
  // watching starts. Then the local folder goes: it stops, saying why.
  await button.click();
  const syncFirst = dialog.getByRole('checkbox', { name: 'Synchronize first' });
  await expect(syncFirst).not.toBeChecked();
  await syncFirst.check();
  await expect(syncFirst).toHaveAccessibleDescription(/^First uploads what differs/);
  await expectAccessible(page, 'keep up to date: the start dialog, synchronizing first');
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(strip).toContainText('Synchronized first: 1 transfer queued');
  await expectAccessible(page, 'keep up to date: running after synchronizing first');
  await expect
    .poll(() => sha256File(servers.fixtures.abs(`${rel}/index.html`)), { timeout: 30_000 })
    .toBe(sha256('not sent'));
  await rm(here, { recursive: true });
  const stopped = page.getByRole('status').filter({ hasText: 'Stopped keeping' });
  await expect(stopped).toContainText(
    `Stopped keeping ${serverPath(rel)} up to date: the folder on this computer is gone`,
    { timeout: 15_000 },
  );
  await expectAccessible(page, 'keep up to date: stopped by itself');
  await stopped.getByRole('button', { name: 'OK' }).click();
  await expect(stopped).toBeHidden();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
});
