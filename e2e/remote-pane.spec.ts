/**
 * The remote pane against the real harness servers: quick connect, the trust questions, and
 * folder management — each change checked on the server's disk.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { expect, test } from './fixtures';
import {
  certificateQuestion,
  connectedStatus,
  hostKeyQuestion,
  quickConnect,
  quickConnectAsTestUser,
} from './helpers/connect';
import { remotePane } from './helpers/panes';

test('SFTP: verify the host key, browse, create and delete a folder', async ({
  servers,
  openFerry,
}) => {
  // A folder of this test's own: the servers' top folder fills up with other specs' folders,
  // and a row scrolled out of a long list is not there to double-click.
  const own = `remote-pane-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.writeFile(`${own}/docs/readme.txt`, 'hello');
  await servers.fixtures.mkdir(`${own}/docs/archive`);
  const page = await openFerry();
  await quickConnectAsTestUser(page, servers, 'sftp');

  const question = hostKeyQuestion(page);
  await expect(question).toBeVisible();
  await expect(question).toContainText(servers.sftp!.hostKeys[0]!.fingerprint);
  await question.getByRole('button', { name: 'Trust and remember' }).click();

  const remote = remotePane(page);
  await expect(remote.pathBar).toHaveValue(servers.root);
  await remote.goTo(`${servers.root}/${own}`);
  await remote.cell('docs').dblclick();
  await expect(remote.pathBar).toHaveValue(`${servers.root}/${own}/docs`);
  await expect(remote.cell('readme.txt')).toBeVisible();
  await expect(remote.cell('archive')).toBeVisible();

  await remote.button('New folder').click();
  const create = page.getByRole('dialog', { name: 'New folder' });
  await create.getByRole('textbox', { name: 'Folder name' }).fill('Reports 2026');
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(remote.cell('Reports 2026')).toBeVisible();
  expect(existsSync(servers.fixtures.abs(`${own}/docs/Reports 2026`))).toBe(true);

  await remote.cell('Reports 2026').click();
  await remote.grid.press('Delete');
  const confirm = page.getByRole('dialog', { name: /permanently/ });
  await confirm.getByRole('button', { name: 'Delete permanently' }).click();
  await expect(remote.cell('Reports 2026')).toHaveCount(0);
  expect(existsSync(servers.fixtures.abs(`${own}/docs/Reports 2026`))).toBe(false);

  // Trusted now: a second connection does not ask again.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(remote.pathBar).toHaveValue(servers.root);
  await expect(question).toHaveCount(0);
});

test('FTPS explicit: the self-signed certificate is shown, trusted, and the listing appears', async ({
  servers,
  openFerry,
}) => {
  const own = `remote-pane-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.writeFile(`${own}/hello world.txt`, 'hi');
  const page = await openFerry();
  await quickConnectAsTestUser(page, servers, 'ftps-explicit');

  const question = certificateQuestion(page);
  await expect(question).toBeVisible();
  await expect(question).toContainText(servers.serverCert.fingerprint256);
  await question.getByRole('button', { name: 'Always trust' }).click();

  const remote = remotePane(page);
  await remote.goTo(`/${own}`);
  await expect(remote.cell('hello world.txt')).toBeVisible();
  await expect(connectedStatus(page)).toContainText('FTPS (explicit TLS)');
});

test('a wrong password says so in plain words, and the app keeps working', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  await quickConnect(page, {
    protocol: 'sftp',
    port: servers.sftp!.port,
    user: servers.user.name,
    password: 'not the password',
  });
  const question = hostKeyQuestion(page);
  await question.getByRole('button', { name: 'Connect once' }).click();
  const remote = remotePane(page);
  await expect(remote.pane.getByRole('alert')).toBeVisible();
  await expect(remote.pane.getByRole('heading', { name: 'Not connected' })).toBeVisible();
});
