/**
 * Settings end to end: preferences survive a reload (they are stored by the app, not the page),
 * the theme override applies, and forgetting a trusted server makes the next connection ask.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { connectedStatus, hostKeyQuestion, quickConnectAsTestUser } from './helpers/connect';

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('parallel transfers and theme are kept across a reload, and the theme applies', async ({
  ferryApp,
  openFerry,
}) => {
  const page = await openFerry();
  await page.emulateMedia({ colorScheme: 'light' });
  const background = () =>
    page.evaluate(() => {
      // Runs in the page; the Node-side type-check knows no DOM.
      const web = globalThis as unknown as {
        document: { body: object };
        getComputedStyle(element: object): { backgroundColor: string };
      };
      return web.getComputedStyle(web.document.body).backgroundColor;
    });
  const lightBackground = await background();
  // "Same as the system" follows the OS both ways.
  await page.emulateMedia({ colorScheme: 'dark' });
  const darkBackground = await background();
  expect(darkBackground).not.toBe(lightBackground);
  await page.emulateMedia({ colorScheme: 'light' });

  let dialog = await openSettings(page);
  await expect(dialog.getByRole('spinbutton', { name: 'Parallel transfers' })).toHaveValue('2');
  await expect(dialog.getByRole('radio', { name: 'Same as the system' })).toBeChecked();
  await dialog.getByRole('spinbutton', { name: 'Parallel transfers' }).fill('5');
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The override wins although the system asks for light.
  expect(await background()).toBe(darkBackground);
  const stored = JSON.parse(await readFile(join(ferryApp.dataDir, 'settings.json'), 'utf8'));
  expect(stored).toMatchObject({ parallelTransfers: 5, theme: 'dark' });

  await page.reload();
  await expect(page.getByRole('form', { name: 'Quick connect' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  dialog = await openSettings(page);
  await expect(dialog.getByRole('spinbutton', { name: 'Parallel transfers' })).toHaveValue('5');
  await expect(dialog.getByRole('radio', { name: 'Dark' })).toBeChecked();

  // Light under a dark system: the override works the other way too.
  await page.emulateMedia({ colorScheme: 'dark' });
  await dialog.getByRole('radio', { name: 'Light' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe(lightBackground);
});

test('an out-of-range number cannot be saved', async ({ openFerry }) => {
  const page = await openFerry();
  const dialog = await openSettings(page);
  const parallel = dialog.getByRole('spinbutton', { name: 'Parallel transfers' });
  await parallel.fill('11');
  await expect(parallel).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  // The keyboard goes back to where it was before the dialog opened.
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeFocused();
});

test('forgetting a trusted host key makes the next connection ask again', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  const sftp = servers.sftp!;
  await quickConnectAsTestUser(page, servers, 'sftp');

  const question = hostKeyQuestion(page);
  await question.getByRole('button', { name: 'Trust and remember' }).click();
  const connected = connectedStatus(page);
  await expect(connected).toBeVisible();
  await page.getByRole('button', { name: 'Disconnect' }).click();

  const dialog = await openSettings(page);
  const keys = dialog.getByRole('list', { name: 'Saved SSH host keys' });
  await expect(keys).toContainText(`127.0.0.1:${sftp.port}`);
  await expect(keys).toContainText(sftp.hostKeys[0]!.fingerprint);
  await dialog
    .getByRole('button', { name: `Forget the host key of 127.0.0.1:${sftp.port}` })
    .click();
  await expect(dialog.getByText('No saved host keys.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(question).toBeVisible();
  await expect(question).toContainText(sftp.hostKeys[0]!.fingerprint);
  await question.getByRole('button', { name: 'Connect once' }).click();
  await expect(connected).toBeVisible();
});

test('in a window too short for the whole dialog, Save and Cancel stay in view while it scrolls', async ({
  openFerry,
}) => {
  const page = await openFerry();
  await page.setViewportSize({ width: 1000, height: 480 });
  const dialog = await openSettings(page);
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeInViewport();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport();
  // The last section is reachable by scrolling the dialog, and the buttons are still there.
  await dialog.getByRole('heading', { name: 'Pinned certificates' }).scrollIntoViewIfNeeded();
  await expect(dialog.getByRole('heading', { name: 'Pinned certificates' })).toBeInViewport();
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeInViewport();
});
