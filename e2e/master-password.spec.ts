/**
 * Changing and forgetting the master password end to end: the real renderer in Chromium, the
 * browser edition's server process (restarted on the same data folder, which locks the saved
 * passwords again), and the harness's real sshd.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { hostKeyQuestion } from './helpers/connect';
import {
  openSiteManager,
  protectionOf,
  restartableApp,
  saveSite,
  useMasterPassword,
} from './helpers/site-manager';

const FIRST = 'first master password';
const SECOND = 'second master password';

const app = restartableApp('ferry-master-e2e-');

/** Starts (or restarts) the app and opens the site manager. */
async function startApp(page: Page): Promise<Locator> {
  await app.start(page);
  return openSiteManager(page);
}

test('after changing the master password, a restarted Ferry unlocks with the new one and connects with the saved password', async ({
  page,
  servers,
}) => {
  const sftp = servers.sftp;
  if (!sftp) throw new Error('The harness did not start sshd.');
  let manager = await startApp(page);
  await useMasterPassword(page, manager, FIRST);
  await saveSite(manager, {
    name: 'Harness sshd',
    host: sftp.host,
    port: sftp.port,
    user: servers.user.name,
    password: servers.user.password,
  });

  await manager.getByRole('button', { name: 'Change master password…' }).click();
  const change = page.getByRole('dialog', { name: 'Change the master password' });
  const submit = change.getByRole('button', { name: 'Change master password' });
  await change.getByLabel('Current master password').fill('not the master password');
  await change.getByLabel('New master password', { exact: true }).fill(SECOND);
  await change.getByLabel('New master password again').fill(`${SECOND}!`);
  await expect(change.getByText('The two new ones do not match.')).toBeVisible();
  await expect(submit).toBeDisabled();
  await change.getByLabel('New master password again').fill(SECOND);
  await submit.click();
  await expect(change.getByRole('alert')).toContainText(
    'not the current master password. Nothing was changed.',
  );
  await change.getByLabel('Current master password').fill(FIRST);
  await submit.click();
  await expect(change).toBeHidden();
  await expect(protectionOf(manager)).toContainText('The master password is changed.');

  // A restart locks the saved passwords: the old master password no longer opens them.
  manager = await startApp(page);
  await expect(protectionOf(manager)).toContainText('master password, and locked');
  await manager.getByRole('button', { name: 'Unlock…' }).click();
  const unlock = page.getByRole('dialog', { name: 'Unlock saved passwords' });
  await unlock.getByLabel('Master password').fill(FIRST);
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(unlock.getByRole('alert')).toContainText('That is not the master password.');
  await unlock.getByLabel('Master password').fill(SECOND);
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(unlock).toBeHidden();
  await expect(protectionOf(manager)).toContainText('(unlocked');

  // The saved password, re-encrypted under the new master password, logs in to the real sshd.
  await manager.getByRole('treeitem', { name: 'Harness sshd' }).dblclick();
  const hostKey = hostKeyQuestion(page);
  await expect(hostKey).toBeVisible();
  await hostKey.getByRole('button', { name: 'Trust and remember' }).click();
  await expect(manager).toBeHidden();
  await expect(page.getByRole('region', { name: 'Remote files' })).toContainText(
    `Connected to ${sftp.host}:${sftp.port} as ${servers.user.name}`,
  );
});

test('"Forgot the master password" forgets the saved passwords after a clear confirmation, and keeps the sites', async ({
  page,
}) => {
  let manager = await startApp(page);
  await useMasterPassword(page, manager, FIRST);
  await saveSite(manager, {
    name: 'Kept site',
    host: '127.0.0.1',
    port: 2222,
    user: 'someone',
    password: 'a saved server password',
  });

  manager = await startApp(page);
  await manager.getByRole('button', { name: 'Unlock…' }).click();
  await page
    .getByRole('dialog', { name: 'Unlock saved passwords' })
    .getByRole('button', { name: 'Forgot the master password…' })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Forget all saved passwords?' });
  await expect(confirm).toContainText('cannot be recovered');
  await expect(confirm).toContainText('1 site loses its saved password');
  await confirm.getByRole('button', { name: 'Forget saved passwords' }).click();
  await expect(confirm).toBeHidden();

  await expect(protectionOf(manager)).toContainText('Passwords are not saved');
  await expect(manager.getByRole('button', { name: 'Use a master password…' })).toBeVisible();
  await manager.getByRole('treeitem', { name: 'Kept site' }).click();
  const form = manager.getByRole('form', { name: 'Site Kept site' });
  await expect(form.getByLabel('Host', { exact: true })).toHaveValue('127.0.0.1');
  await expect(form.getByLabel('Password', { exact: true })).toHaveValue('');
});
