/**
 * A site that remembers "I know this server is not encrypted": connecting skips the question but
 * the pane still says "Not encrypted"; unticking it in the site editor brings the question back.
 * It holds for the way to the server too: a site that now goes through an SSH jump host is asked
 * about again, naming the jump host. Real renderer in Chromium, the browser edition, the
 * harness's plain-FTP vsftpd.
 */
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectedStatus } from './helpers/connect';

test('a site’s plain-FTP acknowledgement skips the question, the warning still shows, and it can be taken back', async ({
  openFerry,
  servers,
}) => {
  const { ftp } = servers;
  if (!ftp) throw new Error('The harness did not start plain vsftpd.');
  const page = await openFerry();
  const question = page.getByRole('dialog', { name: 'Plain FTP is not encrypted' });
  const notEncrypted = page
    .getByRole('region', { name: 'Remote files' })
    .getByRole('note')
    .filter({ hasText: 'Not encrypted' });

  await page.getByRole('button', { name: 'Sites', exact: true }).click();
  let manager = page.getByRole('dialog', { name: 'Site manager' });
  await manager
    .getByRole('toolbar', { name: 'Site actions' })
    .getByRole('button', { name: 'New site' })
    .click();
  let form = manager.getByRole('form', { name: 'New site' });
  await form.getByLabel('Name', { exact: true }).fill('Old FTP box');
  await form.getByLabel('Protocol').selectOption('ftp');
  await form.getByLabel('Host', { exact: true }).fill(ftp.host);
  await form.getByLabel('Port', { exact: true }).fill(String(ftp.port));
  await form.getByLabel('User', { exact: true }).fill(servers.user.name);
  const acknowledge = form.getByRole('checkbox', { name: 'I know this server is not encrypted' });
  await expect(acknowledge).not.toBeChecked();
  await acknowledge.check();
  await expect(form.getByRole('note')).toContainText('connects to this server without asking');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  form = manager.getByRole('form', { name: 'Site Old FTP box' });
  await expect(form.getByRole('checkbox', { name: 'I know this server' })).toBeChecked();

  // Connect: the password is asked (no store here), the plain-FTP question is not.
  await manager.getByRole('treeitem', { name: 'Old FTP box' }).dblclick();
  const prompt = page.getByRole('dialog', { name: 'Password for Old FTP box' });
  await prompt.getByLabel('Server password').fill(servers.user.password);
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await expect(connectedStatus(page)).toBeVisible();
  await expect(notEncrypted).toBeVisible();
  await expect(question).toHaveCount(0);

  // Taken back in the site editor: the question comes back.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Sites', exact: true }).click();
  manager = page.getByRole('dialog', { name: 'Site manager' });
  await manager.getByRole('treeitem', { name: 'Old FTP box' }).click();
  form = manager.getByRole('form', { name: 'Site Old FTP box' });
  await form.getByRole('checkbox', { name: 'I know this server' }).uncheck();
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status').getByText('Saved.')).toBeVisible();
  await manager.getByRole('treeitem', { name: 'Old FTP box' }).dblclick();
  await expect(question).toBeVisible();
  await expect(question).toContainText(ftp.host);

  // Known again, then only the way to the server changes: through an SSH jump host, the same
  // address may be another machine, so the acknowledgement does not follow and Ferry asks again.
  await question.getByRole('button', { name: 'Cancel' }).click();
  await form.getByRole('checkbox', { name: 'I know this server' }).check();
  const tunnel = form.getByRole('group', { name: 'SSH tunnel (jump host)' });
  await tunnel.getByRole('checkbox', { name: 'Connect through an SSH jump host' }).check();
  await tunnel.getByRole('textbox', { name: 'Jump host', exact: true }).fill('127.0.0.1');
  await tunnel.getByRole('textbox', { name: 'Jump host port' }).fill(String(servers.sftp!.port));
  await tunnel.getByRole('textbox', { name: 'Jump host user' }).fill(servers.user.name);
  await expect(form.getByRole('checkbox', { name: 'I know this server' })).not.toBeChecked();
  const plainNote = form.getByRole('note').filter({ hasText: 'Plain FTP sends' });
  await expect(plainNote).toContainText('its host, port or SSH jump host changed since');
  await expect(plainNote).toContainText(
    `before the first connection to this server through the SSH jump host 127.0.0.1:${servers.sftp!.port}`,
  );
  await expectAccessible(
    page,
    'a plain-FTP site whose jump host changed since it was acknowledged',
  );
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status').getByText('Saved.')).toBeVisible();
  await manager.getByRole('treeitem', { name: 'Old FTP box' }).dblclick();
  await expect(question).toContainText(`from the SSH jump host 127.0.0.1:${servers.sftp!.port} on`);
  await expectAccessible(page, 'the plain-FTP question through a jump host');
  await question.getByRole('button', { name: 'Cancel' }).click();
});
