/**
 * A site whose FTP server writes file names in Windows-1252: chosen in the site's settings, the
 * server pane shows "café.txt" (on the server's disk: 63 61 66 E9 …) and Ctrl+D downloads it by
 * that name, byte for byte. In Automatic mode the same folder says once that the server may not
 * use UTF-8, and the name, shown escaped, still downloads. Real renderer in Chromium, the browser edition, the harness's plain-FTP vsftpd.
 */
import { randomBytes } from 'node:crypto';
import { lchown, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256, sha256File } from './harness/checksums';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectedStatus } from './helpers/connect';
import { localPane, remotePane } from './helpers/panes';

test('a Windows-1252 site lists "café.txt" and downloads it; Automatic says the names are not UTF-8', async ({
  openFerry,
  servers,
  ferryApp,
}) => {
  const { ftp } = servers;
  if (!ftp) throw new Error('The harness did not start plain vsftpd.');
  const folder = `legacy-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.mkdir(folder);
  const content = randomBytes(90_000);
  const onDisk = Buffer.concat([
    Buffer.from(`${servers.root}/${folder}/`),
    Buffer.from('café.txt', 'latin1'),
  ]);
  await writeFile(onDisk, content);
  const owner = await stat(servers.root);
  await lchown(onDisk, owner.uid, owner.gid);
  // Shown as is, it would read "invoiceexe.pdf".
  const reversing = await servers.fixtures.writeFile(`${folder}/invoice\u202Efdp.exe`, 'MZ');

  await mkdir(join(ferryApp.home, 'Downloads'));
  const page = await openFerry();
  await page.getByRole('button', { name: 'Sites', exact: true }).click();
  const manager = page.getByRole('dialog', { name: 'Site manager' });
  await manager
    .getByRole('toolbar', { name: 'Site actions' })
    .getByRole('button', { name: 'New site' })
    .click();
  let form = manager.getByRole('form', { name: 'New site' });
  await form.getByLabel('Name', { exact: true }).fill('Old Windows box');
  await expect(form.getByLabel('File name encoding')).toHaveCount(0); // SFTP: names are UTF-8
  await form.getByLabel('Protocol').selectOption('ftp');
  await form.getByLabel('Host', { exact: true }).fill(ftp.host);
  await form.getByLabel('Port', { exact: true }).fill(String(ftp.port));
  await form.getByLabel('User', { exact: true }).fill(servers.user.name);
  await form.getByLabel('Remote folder at start').fill(`/${folder}`);
  await form.getByRole('checkbox', { name: 'I know this server is not encrypted' }).check();
  const encoding = form.getByLabel('File name encoding');
  await expect(encoding).toHaveValue('auto');
  await encoding.selectOption({ label: 'Windows-1252 (Western European)' });
  await expectAccessible(page, 'site form with a file name encoding');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  form = manager.getByRole('form', { name: 'Site Old Windows box' });
  await expect(form.getByLabel('File name encoding')).toHaveValue('windows-1252');

  await manager.getByRole('treeitem', { name: 'Old Windows box' }).dblclick();
  const prompt = page.getByRole('dialog', { name: 'Password for Old Windows box' });
  await prompt.getByLabel('Server password').fill(servers.user.password);
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await expect(connectedStatus(page)).toBeVisible();
  const remote = remotePane(page);
  await expect(remote.cell('café.txt')).toBeVisible();
  await remote.cell('café.txt').click();
  await remote.grid.press('Control+d');
  await expect(localPane(page).cell('café.txt')).toBeVisible({ timeout: 30_000 });
  expect(await sha256File(join(ferryApp.home, 'café.txt'))).toBe(sha256(content));

  // Automatic: the name shows escaped ("caf\xE9.txt") and still downloads; the pane says once
  // where to choose the encoding.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Sites', exact: true }).click();
  await manager.getByRole('treeitem', { name: 'Old Windows box' }).click();
  await form.getByLabel('File name encoding').selectOption('auto');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status').getByText('Saved.')).toBeVisible();
  await manager.getByRole('treeitem', { name: 'Old Windows box' }).dblclick();
  await prompt.getByLabel('Server password').fill(servers.user.password);
  await prompt.getByRole('button', { name: 'Connect' }).click();
  // News about the server, not an error: a status the user may dismiss.
  const notice = remote.pane.getByRole('status').filter({ hasText: 'not UTF-8' });
  await expect(notice).toContainText('1 name in this folder is not UTF-8');
  await expect(notice).toContainText("Choose its file name encoding in the site's settings");
  await expect(remote.pane.getByRole('alert')).toHaveCount(0);
  await expect(remote.cell('caf\\xE9.txt')).toBeVisible();
  await expectAccessible(page, 'server pane saying the names are not UTF-8');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await localPane(page).pathBar.fill(join(ferryApp.home, 'Downloads'));
  await localPane(page).pathBar.press('Enter');
  await remote.cell('caf\\xE9.txt').click();
  await remote.grid.press('Control+d');
  const downloads = join(ferryApp.home, 'Downloads');
  const finished = async () =>
    (await readdir(downloads)).filter((name) => !name.includes('ferry-part'));
  await expect.poll(finished, { timeout: 30_000 }).toHaveLength(1);
  const [downloaded] = await readdir(join(ferryApp.home, 'Downloads'));
  expect(await sha256File(join(ferryApp.home, 'Downloads', downloaded ?? ''))).toBe(
    sha256(content),
  );

  // A name with a character that reverses the text after it shows that character written out,
  // in the pane and in the queue, and downloads under its real name.
  const shown = 'invoice\\u202Efdp.exe';
  await expect(remote.cell(shown)).toBeVisible();
  await expect(remote.grid).not.toContainText('invoice\u202E');
  await remote.cell(shown).click();
  await remote.grid.press('Control+d');
  await expect.poll(finished, { timeout: 30_000 }).toHaveLength(2);
  // Two bytes: the row is already among the finished ones (the running list may never show it).
  const panel = page.getByRole('tabpanel', { name: 'Transfers' });
  await panel.getByRole('tab', { name: /^Finished/ }).click();
  await expect(panel.locator('.transfer-name', { hasText: shown })).toBeVisible();
  expect(await readFile(join(downloads, 'invoice\u202Efdp.exe'), 'utf8')).toBe('MZ');
  expect(reversing).toContain('\u202E');
});
