/**
 * The exclusion list end to end: typed in Settings (a line holding a path is explained and
 * cannot be saved), kept by the app, and obeyed by a real folder upload over SFTP — `.git` and
 * `*.tmp` stay at home at any depth, everything else arrives byte for byte, and the queue says
 * what it left out and why.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sha256, sha256File } from './harness/checksums';
import { expect, test } from './fixtures';
import { connectTrusted } from './helpers/connect';
import { localPane, remotePane } from './helpers/panes';

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a folder upload leaves out what the exclusion list names, and says so', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const project = `project-${randomBytes(4).toString('hex')}`;
  const files: Record<string, Buffer> = {
    'index.html': randomBytes(3_000),
    'notes.tmp': randomBytes(10),
    '.git/HEAD': randomBytes(40),
    'css/site.css': randomBytes(9_000),
    'css/draft.TMP': randomBytes(20),
  };
  for (const [path, data] of Object.entries(files)) {
    await mkdir(join(ferryApp.home, project, path, '..'), { recursive: true });
    await writeFile(join(ferryApp.home, project, path), data);
  }
  const target = `exclusions-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.mkdir(target);

  const page = await openFerry();
  const dialog = await openSettings(page);
  const list = dialog.getByRole('textbox', { name: 'Leave out of folder transfers' });
  await list.fill('.git\ncss/draft.TMP');
  await expect(list).toHaveAttribute('aria-invalid', 'true');
  await expect(list).toHaveAccessibleDescription(/holds a folder path: write one name/);
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await list.fill('.git\n*.tmp\n');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  const stored = JSON.parse(await readFile(join(ferryApp.dataDir, 'settings.json'), 'utf8'));
  expect(stored).toMatchObject({ excludedNames: ['.git', '*.tmp'] });

  const at = await connectTrusted(page, servers, 'sftp');
  await remotePane(page).goTo(at(target));
  const local = localPane(page);
  await local.cell(project).click();
  await local.button('Upload to server').click();

  const panel = page.getByRole('tabpanel', { name: 'Transfers' });
  await panel.getByRole('tab', { name: /^Finished/ }).click();
  const row = panel.getByRole('listitem', { name: `Upload ${project}`, exact: true });
  await expect(row).toContainText('Done', { timeout: 30_000 });
  await expect(row).toContainText('3 of 5 skipped (3 left out by the exclusion list)');

  const arrived = servers.fixtures.abs(`${target}/${project}`);
  const names = await readdir(arrived, { recursive: true, withFileTypes: true });
  expect(
    names
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(arrived.length + 1))
      .sort(),
  ).toEqual(['css/site.css', 'index.html']);
  for (const kept of ['css/site.css', 'index.html']) {
    expect(await sha256File(join(arrived, kept))).toBe(sha256(files[kept]!));
  }
});
