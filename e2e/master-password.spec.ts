/**
 * Changing and forgetting the master password end to end: the real renderer in Chromium, the
 * browser edition's server process (restarted on the same data folder, which locks the saved
 * passwords again), and the harness's real sshd.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startFerryApp, type FerryAppProcess } from './app-server';
import { expect, test } from './fixtures';
import { hostKeyQuestion } from './helpers/connect';

const FIRST = 'first master password';
const SECOND = 'second master password';

let base: string;
let app: FerryAppProcess | undefined;

test.beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'ferry-master-e2e-'));
});
test.afterEach(async () => {
  await app?.stop();
  app = undefined;
  await rm(base, { recursive: true, force: true });
});

/** Starts (or restarts) the browser edition on the same HOME and data folder. */
async function startApp(page: Page): Promise<Locator> {
  await app?.stop();
  app = await startFerryApp({ home: join(base, 'home'), dataDir: join(base, 'data') });
  await page.goto(app.url);
  await expect(page.getByRole('form', { name: 'Quick connect' })).toBeVisible();
  await page.getByRole('button', { name: 'Sites', exact: true }).click();
  const manager = page.getByRole('dialog', { name: 'Site manager' });
  await expect(manager).toBeVisible();
  return manager;
}

const protectionOf = (manager: Locator) =>
  manager.getByRole('status', { name: 'Password protection' });

async function setMasterPassword(page: Page, manager: Locator) {
  await manager.getByRole('button', { name: 'Use a master password…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Protect passwords with a master password' });
  await dialog.getByLabel('Master password', { exact: true }).fill(FIRST);
  await dialog.getByLabel('Master password again').fill(FIRST);
  await dialog.getByRole('button', { name: 'Use this master password' }).click();
  await expect(protectionOf(manager)).toContainText(
    'encrypted with your master password (unlocked',
  );
}

async function saveSite(
  manager: Locator,
  site: { name: string; host: string; port: number; user: string; password: string },
) {
  await manager
    .getByRole('toolbar', { name: 'Site actions' })
    .getByRole('button', { name: 'New site' })
    .click();
  const form = manager.getByRole('form', { name: 'New site' });
  await form.getByLabel('Name', { exact: true }).fill(site.name);
  await form.getByLabel('Host', { exact: true }).fill(site.host);
  await form.getByLabel('Port', { exact: true }).fill(String(site.port));
  await form.getByLabel('User', { exact: true }).fill(site.user);
  await form.getByLabel('Password', { exact: true }).fill(site.password);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(manager.getByRole('form', { name: `Site ${site.name}` })).toBeVisible();
}

test('after changing the master password, a restarted Ferry unlocks with the new one and connects with the saved password', async ({
  page,
  servers,
}) => {
  const sftp = servers.sftp;
  if (!sftp) throw new Error('The harness did not start sshd.');
  let manager = await startApp(page);
  await setMasterPassword(page, manager);
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
  await setMasterPassword(page, manager);
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
