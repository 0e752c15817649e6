/**
 * A server with two-step verification (harness kind sftp-otp: sshd asks the password, then a
 * time-based one-time code): Ferry answers the password itself and asks the user for the code,
 * then transfers run without asking again.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { TestServers } from './harness/servers';
import { expectAccessible } from './helpers/axe';
import { connectedStatus, hostKeyQuestion, quickConnect } from './helpers/connect';
import { remotePane } from './helpers/panes';
import { openSiteManager, saveSite } from './helpers/site-manager';

const codeQuestion = (page: Page) =>
  page.getByRole('dialog', { name: 'The server asks for more to log in' });

async function connectToTwoStepServer(page: Page, servers: TestServers) {
  await quickConnect(page, {
    protocol: 'sftp',
    port: servers.sftpOtp!.port,
    user: servers.user.name,
    password: servers.user.password,
  });
  await hostKeyQuestion(page).getByRole('button', { name: 'Connect once' }).click();
}

test('asks for the one-time code, logs in with it, and downloads without asking again', async ({
  servers,
  openFerry,
  ferryApp,
}) => {
  await servers.fixtures.writeFile('two-step/report.txt', 'quarterly numbers\n');
  await servers.fixtures.writeFile('two-step/notes.txt', 'more notes\n');
  const page = await openFerry();
  await connectToTwoStepServer(page, servers);

  const question = codeQuestion(page);
  await expect(question).toBeVisible();
  await expect(question).toContainText(`${servers.user.name}@127.0.0.1:${servers.sftpOtp!.port}`);
  const field = question.getByLabel('Verification code:');
  // Focused, hidden as typed, and offered to the browser as a one-time code.
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('type', 'password');
  await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  await expectAccessible(page, 'a server asking for a one-time code');

  await field.fill(servers.sftpOtp!.oneTimeCode());
  await field.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(connectedStatus(page)).toBeVisible();

  const remote = remotePane(page);
  await remote.goTo(`${servers.root}/two-step`);
  await remote.cell('report.txt').click();
  await remote.cell('notes.txt').click({ modifiers: ['Control'] });
  await remote.grid.press('Control+d');
  const downloaded = join(ferryApp.home, 'report.txt');
  await expect
    .poll(() => readFile(downloaded, 'utf8').catch(() => ''), { timeout: 15_000 })
    .toBe('quarterly numbers\n');
  await expect
    .poll(() => readFile(join(ferryApp.home, 'notes.txt'), 'utf8').catch(() => ''))
    .toBe('more notes\n');
  // The transfers used the session's login: no second question.
  await expect(codeQuestion(page)).toHaveCount(0);
});

test('a reload while the code is asked: the question comes back, and the answer logs in', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  await connectToTwoStepServer(page, servers);
  await expect(codeQuestion(page)).toBeVisible();
  await page.reload();
  const field = codeQuestion(page).getByLabel('Verification code:');
  await field.fill(servers.sftpOtp!.oneTimeCode());
  await field.press('Enter');
  await expect(codeQuestion(page)).toHaveCount(0);
  await expect(connectedStatus(page)).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'Connections' }).getByRole('tab')).toHaveCount(1);
});

test('Cancel on the code question ends the login and says so', async ({ servers, openFerry }) => {
  const page = await openFerry();
  await connectToTwoStepServer(page, servers);
  await codeQuestion(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('You cancelled the login, so Ferry did not connect.')).toBeVisible();
  await expect(connectedStatus(page)).toHaveCount(0);
});

test('“Test connection” in the site manager asks for the code above it and says the connection works', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  const manager = await openSiteManager(page);
  await saveSite(manager, {
    name: 'Two-step',
    host: '127.0.0.1',
    port: servers.sftpOtp!.port,
    user: servers.user.name,
  });
  const form = manager.getByRole('form', { name: 'Site Two-step' });
  await form.getByLabel('Password', { exact: true }).fill(servers.user.password);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await hostKeyQuestion(page).getByRole('button', { name: 'Connect once' }).click();
  const field = codeQuestion(page).getByLabel('Verification code:');
  await expect(field).toBeFocused();
  await field.fill(servers.sftpOtp!.oneTimeCode());
  await field.press('Enter');
  await expect(form.getByRole('status').filter({ hasText: 'The connection works' })).toBeVisible();
  await expect(codeQuestion(page)).toHaveCount(0);
});
