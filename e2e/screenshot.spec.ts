/** Takes the README's screenshot: both panes populated, connected to the real SFTP server. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

test('README screenshot', async ({ ferryApp, servers, openFerry }) => {
  for (const folder of ['Documents', 'Photos', 'Projects']) {
    await mkdir(join(ferryApp.home, folder), { recursive: true });
  }
  await writeFile(join(ferryApp.home, 'invoice-2026-11.pdf'), Buffer.alloc(182_000));
  await writeFile(join(ferryApp.home, 'notes.md'), '# Notes\n');
  await servers.fixtures.mkdir('public_html/assets');
  await servers.fixtures.writeFile('public_html/index.html', '<h1>Hello</h1>');
  await servers.fixtures.writeFile('backup-2026-11-25.tar.gz', Buffer.alloc(3_400_000));

  const page = await openFerry();
  await page.setViewportSize({ width: 1280, height: 760 });
  await page.getByRole('textbox', { name: 'Host' }).fill('127.0.0.1');
  await page.getByRole('textbox', { name: 'Port' }).fill(String(servers.sftp!.port));
  await page.getByRole('textbox', { name: 'User' }).fill(servers.user.name);
  await page.getByRole('textbox', { name: 'Password' }).fill(servers.user.password);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('button', { name: 'Trust and remember' }).click();
  const remote = page.getByRole('grid', { name: 'Remote files' });
  await expect(remote.getByRole('gridcell', { name: 'public_html', exact: true })).toBeVisible();
  await expect(
    page.getByRole('grid', { name: 'Local files' }).getByRole('gridcell', { name: 'notes.md' }),
  ).toBeVisible();
  // One finished upload, so the transfer panel shows what it does.
  await page
    .getByRole('grid', { name: 'Local files' })
    .getByRole('gridcell', { name: 'invoice-2026-11.pdf' })
    .click();
  await page
    .getByRole('region', { name: 'Local files' })
    .getByRole('button', { name: 'Upload to server', exact: true })
    .click();
  await expect(remote.getByRole('gridcell', { name: 'invoice-2026-11.pdf' })).toBeVisible();
  await page.getByRole('tab', { name: /^Finished/ }).click();
  await page.screenshot({
    path: fileURLToPath(new URL('../docs/screenshot.png', import.meta.url)),
  });
});
