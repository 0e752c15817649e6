/**
 * The log during a folder transfer over FTPS (browser edition, real server): the login shows,
 * the transfer connections' per-file commands are summarised in one line, and ticking
 * "Show transfer commands" shows every one of them for the next transfer. Files are checked
 * by SHA-256.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from './harness/checksums';
import { expect, test } from './fixtures';
import { connectTrusted } from './helpers/connect';
import { localPane, remotePane } from './helpers/panes';

test('FTPS: a folder download logs its login and a summary; every command on request', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const folder = `log-${randomBytes(4).toString('hex')}`;
  const files: Record<string, Buffer> = {};
  for (let i = 0; i < 12; i++) {
    files[`f${i}.bin`] = randomBytes(2000 + i);
    await servers.fixtures.writeFile(`${folder}/batch/f${i}.bin`, files[`f${i}.bin`] as Buffer);
  }
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'ftps-explicit');
  const remote = remotePane(page);
  await remote.goTo(at(folder));
  await expect(localPane(page).pathBar).toHaveValue(ferryApp.home);

  const transfersPanel = page.getByRole('tabpanel', { name: 'Transfers' });
  /** Downloads the folder with Ctrl+D; `round` rows are then finished, none moving. */
  const download = async (round: number) => {
    await remote.cell('batch').click();
    await remote.grid.press('Control+d');
    await expect(transfersPanel.getByRole('tab', { name: `Finished (${round})` })).toBeVisible({
      timeout: 30_000,
    });
    await expect(transfersPanel.getByRole('tab', { name: 'Queued and active (0)' })).toBeVisible();
    for (const [name, data] of Object.entries(files))
      expect(sha256(await readFile(join(ferryApp.home, 'batch', name)))).toBe(sha256(data));
  };
  await download(1);

  await page.getByRole('tab', { name: /^Log/ }).click();
  const log = page.getByRole('log', { name: 'Connection log' });
  await expect(log).toContainText('Transfer connections:', { timeout: 10_000 });
  await expect(log).toContainText(/USER|Login security/);
  await expect(log).not.toContainText('RETR ');

  await page.getByRole('checkbox', { name: 'Show transfer commands' }).check();
  await page.getByRole('button', { name: 'Clear log' }).click();
  // The same folder again, into a clean place (no question about existing files).
  await page.getByRole('tab', { name: 'Transfers' }).click();
  await rm(join(ferryApp.home, 'batch'), { recursive: true, force: true });
  await download(2);
  await page.getByRole('tab', { name: /^Log/ }).click();
  await expect(log).toContainText(/RETR \S*f11\.bin/);
});
