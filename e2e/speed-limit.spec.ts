/**
 * Speed limits end to end: set in Settings (a nonsense value is explained and cannot be saved),
 * shown in the transfer queue, kept by the app, and obeyed: 2 MiB downloaded at 512 KiB/s take
 * at least ~3.5 s and arrive intact. Turned off, the queue says nothing more about them, and
 * turned on again (after a reload) each comes back with the number it had.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
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

/** Drops at the pane's bottom edge: on its background, not on a folder row. */
async function dragOnto(source: Locator, target: Locator) {
  const box = await target.boundingBox();
  if (!box) throw new Error('drop target not visible');
  await source.dragTo(target, { targetPosition: { x: box.width / 2, y: box.height - 12 } });
}

test('a download limit set in Settings shows in the queue and holds for a real download', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const folder = `limit-${randomBytes(4).toString('hex')}`;
  const data = randomBytes(2 * 1024 * 1024);
  await servers.fixtures.writeFile(`${folder}/slow.bin`, data);
  const page = await openFerry();
  const panel = page.getByRole('tabpanel', { name: 'Transfers' });
  const note = panel.getByRole('status').filter({ hasText: 'Limited to' });
  await expect(note).toHaveCount(0);

  let dialog = await openSettings(page);
  const limitDownloads = dialog.getByRole('checkbox', { name: 'Limit downloads to' });
  const downloadSpeed = dialog.getByRole('spinbutton', { name: 'Download speed limit' });
  await expect(downloadSpeed).toBeDisabled();
  await limitDownloads.check();
  // Nonsense is explained under the field, and Save waits for a real speed.
  await downloadSpeed.fill('0');
  await expect(downloadSpeed).toHaveAttribute('aria-invalid', 'true');
  await expect(downloadSpeed).toHaveAccessibleDescription(/Enter a speed above 0/);
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await downloadSpeed.fill('512');
  await dialog.getByRole('combobox', { name: 'Download speed limit unit' }).selectOption('KiB/s');
  await dialog.getByRole('checkbox', { name: 'Limit uploads to' }).check();
  await dialog.getByRole('spinbutton', { name: 'Upload speed limit' }).fill('1.5');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(note).toHaveText('Limited to 512 KiB/s ↓ for downloads · 1.5 MiB/s ↑ for uploads');
  const stored = JSON.parse(await readFile(join(ferryApp.dataDir, 'settings.json'), 'utf8'));
  expect(stored).toMatchObject({
    downloadLimit: { value: 512, unit: 'KiB/s' },
    uploadLimit: { value: 1.5, unit: 'MiB/s' },
  });

  const at = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(at(folder));
  const started = Date.now();
  await dragOnto(remote.cell('slow.bin'), localPane(page).grid);
  await panel.getByRole('tab', { name: /^Finished/ }).click();
  await expect(
    panel.getByRole('listitem', { name: 'Download slow.bin', exact: true }),
  ).toContainText('Done', { timeout: 30_000 });
  // 2 MiB at 512 KiB/s: 4 s, of which a quarter second may be saved up at the start.
  expect(Date.now() - started).toBeGreaterThanOrEqual(3500);
  expect(await sha256File(join(ferryApp.home, 'slow.bin'))).toBe(sha256(data));

  dialog = await openSettings(page);
  await expect(dialog.getByRole('spinbutton', { name: 'Download speed limit' })).toHaveValue('512');
  await dialog.getByRole('checkbox', { name: 'Limit downloads to' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Limit uploads to' }).uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(note).toHaveCount(0);

  // Turned off, each limit remembers its number: ticked again after a reload, it is the same.
  await page.reload();
  dialog = await openSettings(page);
  const speed = dialog.getByRole('spinbutton', { name: 'Download speed limit' });
  await expect(dialog.getByRole('checkbox', { name: 'Limit downloads to' })).not.toBeChecked();
  await expect(speed).toBeDisabled();
  await expect(speed).toHaveValue('512');
  await expect(dialog.getByRole('combobox', { name: 'Download speed limit unit' })).toHaveValue(
    'KiB/s',
  );
  await dialog.getByRole('checkbox', { name: 'Limit downloads to' }).check();
  await dialog.getByRole('checkbox', { name: 'Limit uploads to' }).check();
  await expect(dialog.getByRole('spinbutton', { name: 'Upload speed limit' })).toHaveValue('1.5');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(note).toHaveText('Limited to 512 KiB/s ↓ for downloads · 1.5 MiB/s ↑ for uploads');
});
