/**
 * Permissions of several items and recursively, end to end in Chromium against the harness
 * servers: two items chosen, the boxes they disagree on shown mixed (and left so), one recursive
 * pass with "Add X to folders" (folders 755, files 644), a link to a folder outside neither
 * followed nor changed, the summary in plain words, the list showing the new modes; every mode
 * checked on disk with lstat. The dialog's states are scanned with axe.
 */
import { randomBytes } from 'node:crypto';
import { chmod, lstat } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { TestServers } from './harness/servers';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectTrusted } from './helpers/connect';
import { remotePane } from './helpers/panes';

/** A folder of this spec's own: a site as uploaded (odd modes), a note, a link out. */
async function uploadedSite(servers: TestServers): Promise<string> {
  const rel = `permissions-${randomBytes(4).toString('hex')}`;
  const f = servers.fixtures;
  await f.writeFile(`${rel}/web/index.html`, '<h1>hi</h1>');
  await f.writeFile(`${rel}/web/css/main.css`, 'body{}');
  await f.writeFile(`${rel}/notes.txt`, 'notes');
  await f.writeFile(`${rel}/outside/secret.txt`, 'not the site');
  await f.symlink('../outside', `${rel}/web/shared`);
  const modes: Record<string, number> = {
    web: 0o700,
    'web/index.html': 0o600,
    'web/css': 0o700,
    'web/css/main.css': 0o666,
    'notes.txt': 0o600,
    outside: 0o700,
    'outside/secret.txt': 0o600,
  };
  for (const [path, mode] of Object.entries(modes)) await chmod(f.abs(`${rel}/${path}`), mode);
  return rel;
}

async function modeOf(servers: TestServers, rel: string): Promise<number> {
  return (await lstat(servers.fixtures.abs(rel))).mode & 0o7777;
}

function permissionsDialog(page: Page, name: string) {
  const dialog = page.getByRole('dialog', { name });
  return {
    dialog,
    box: (label: string) => dialog.getByRole('checkbox', { name: label, exact: true }),
    numeric: dialog.getByRole('textbox', { name: 'Numeric value' }),
  };
}

test('SFTP: two items, mixed boxes kept, one recursive pass gives folders 755 and files 644', async ({
  servers,
  openFerry,
}) => {
  const rel = await uploadedSite(servers);
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(at(rel));
  await remote.cell('web').click();
  await remote.cell('notes.txt').click({ modifiers: ['ControlOrMeta'] });
  await remote.cell('notes.txt').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Permissions…' }).click();

  // web is 700, notes.txt 600: owner execute differs, so it is mixed and there is no number.
  const perms = permissionsDialog(page, 'Permissions of 2 items');
  await expect(perms.dialog).toBeVisible();
  await expect(perms.box('Owner execute')).toHaveAttribute('aria-checked', 'mixed');
  await expect(perms.box('Owner read')).toHaveAttribute('aria-checked', 'true');
  await expect(perms.box('Group read')).toHaveAttribute('aria-checked', 'false');
  await expect(perms.numeric).toHaveValue('');
  await expect(perms.numeric).toHaveAttribute('placeholder', 'mixed');
  await expect(perms.dialog).toContainText('Boxes marked – differ between the items');
  await expectAccessible(page, 'permissions of two items, one box mixed');
  // Half a number is no change; an empty field keeps the mixed boxes.
  const apply = perms.dialog.getByRole('button', { name: 'Apply' });
  await perms.numeric.fill('6');
  await expect(apply).toBeDisabled();
  await perms.numeric.fill('');
  await expect(apply).toBeEnabled();
  await expect(perms.box('Owner execute')).toHaveAttribute('aria-checked', 'mixed');

  // Group and others may read (by keyboard: Space ticks a box); owner execute stays mixed.
  await perms.box('Group read').focus();
  await page.keyboard.press('Space');
  await expect(perms.box('Group read')).toHaveAttribute('aria-checked', 'true');
  await perms.box('Others read').click();
  await perms.dialog
    .getByRole('checkbox', { name: 'Also everything inside (recursively)' })
    .check();
  await expect(perms.dialog.getByRole('radio', { name: 'All files and folders' })).toBeChecked();
  await perms.dialog.getByRole('checkbox', { name: /^Add X to folders/ }).check();
  await expectAccessible(page, 'permissions with the recursive options');
  await apply.click();

  const summary = page.getByRole('dialog', { name: 'Permissions changed' });
  await expect(summary.getByRole('status')).toHaveText('Changed 5 items.');
  await expect(summary).toContainText('1 link was left as it is');
  await expectAccessible(page, 'permissions summary');
  await summary.getByRole('button', { name: 'OK' }).click();
  await expect(summary).toHaveCount(0);

  expect(await modeOf(servers, `${rel}/web`)).toBe(0o755);
  expect(await modeOf(servers, `${rel}/web/css`)).toBe(0o755);
  expect(await modeOf(servers, `${rel}/web/index.html`)).toBe(0o644);
  // Group write was decided (off for both items), so it is off everywhere below too.
  expect(await modeOf(servers, `${rel}/web/css/main.css`)).toBe(0o644);
  expect(await modeOf(servers, `${rel}/notes.txt`)).toBe(0o644);
  // The link to a folder outside was not followed, nor its target changed.
  expect((await lstat(servers.fixtures.abs(`${rel}/web/shared`))).isSymbolicLink()).toBe(true);
  expect(await modeOf(servers, `${rel}/outside`)).toBe(0o700);
  expect(await modeOf(servers, `${rel}/outside/secret.txt`)).toBe(0o600);
  // The pane listed its folder again.
  const row = (name: string) =>
    remote.grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name, exact: true }) });
  await expect(row('notes.txt')).toContainText('rw-r--r--');
  await expect(row('web')).toContainText('rwxr-xr-x');
});

test('FTPS: files only, below one folder, by number', async ({ servers, openFerry }) => {
  const rel = await uploadedSite(servers);
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'ftps-explicit');
  const remote = remotePane(page);
  await remote.goTo(at(rel));
  await remote.cell('web').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Permissions…' }).click();
  const perms = permissionsDialog(page, 'Permissions of web');
  await expect(perms.numeric).toHaveValue('700');
  await perms.numeric.fill('640');
  await expect(perms.box('Group read')).toHaveAttribute('aria-checked', 'true');
  await perms.dialog
    .getByRole('checkbox', { name: 'Also everything inside (recursively)' })
    .check();
  await perms.dialog.getByRole('radio', { name: 'Files only' }).check();
  await perms.dialog.getByRole('button', { name: 'Apply' }).click();

  const summary = page.getByRole('dialog', { name: 'Permissions changed' });
  await expect(summary.getByRole('status')).toHaveText('Changed 2 items.');
  await page.keyboard.press('Escape');
  await expect(summary).toHaveCount(0);
  expect(await modeOf(servers, `${rel}/web`)).toBe(0o700);
  expect(await modeOf(servers, `${rel}/web/css`)).toBe(0o700);
  expect(await modeOf(servers, `${rel}/web/index.html`)).toBe(0o640);
  expect(await modeOf(servers, `${rel}/web/css/main.css`)).toBe(0o640);
  expect(await modeOf(servers, `${rel}/notes.txt`)).toBe(0o600);
  expect(await modeOf(servers, `${rel}/outside/secret.txt`)).toBe(0o600);
});

test('FTPS: a long recursive change shows its progress, and Stop stops it at once', async ({
  servers,
  openFerry,
}) => {
  const rel = `permissions-wide-${randomBytes(4).toString('hex')}`;
  const folders = 800; // over FTPS several seconds of work: Stop comes well before the end
  for (let i = 0; i < folders; i++) {
    await servers.fixtures.writeFile(`${rel}/wide/d${i}/page.html`, 'x');
  }
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'ftps-explicit');
  const remote = remotePane(page);
  await remote.goTo(at(rel));
  await remote.cell('wide').click();
  await page.keyboard.press('Shift+F10');
  await page.getByRole('menuitem', { name: 'Permissions…' }).click();
  const perms = permissionsDialog(page, 'Permissions of wide');
  await perms.numeric.fill('600');
  await perms.dialog
    .getByRole('checkbox', { name: 'Also everything inside (recursively)' })
    .check();
  await perms.dialog.getByRole('radio', { name: 'Files only' }).check();
  await perms.dialog.getByRole('button', { name: 'Apply' }).click();

  const running = page.getByRole('dialog', { name: 'Changing permissions…' });
  await expect(running.getByRole('status')).toHaveText(
    /^\d+ items? changed — now in \/.*\/wide\/d\d+$/,
  );
  await expectAccessible(page, 'permissions change running');
  await running.getByRole('button', { name: 'Stop' }).click();
  const summary = page.getByRole('dialog', { name: 'Permissions changed' });
  await expect(summary.getByRole('status')).toHaveText(
    /^Stopped after changing \d+ items?\. The rest were left as they were\.$/,
  );

  // Nothing changes after the stop, and not everything was changed.
  const changed = async () => {
    let n = 0;
    for (let i = 0; i < folders; i++) {
      if ((await modeOf(servers, `${rel}/wide/d${i}/page.html`)) === 0o600) n++;
    }
    return n;
  };
  const atStop = await changed();
  await page.waitForTimeout(1000);
  expect(await changed()).toBe(atStop);
  expect(atStop).toBeLessThan(folders);
  await summary.getByRole('button', { name: 'OK' }).click();
  await expect(remote.grid).toBeVisible();
});
