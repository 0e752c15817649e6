/**
 * The site manager with the keyboard alone: creating a site, nested questions, the import and
 * master-password dialogs, and a saved site's password prompt; Escape closes only the dialog on
 * top and the focus goes back to what opened it.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { connectedStatus, hostKeyQuestion } from './helpers/connect';
import { closeWithEscape, expectFocusStaysIn, openWithKeyboard, tabTo } from './helpers/keyboard';

/** Saves a new site on 127.0.0.1 from the site manager's toolbar, with Tab and typing only. */
async function saveSiteWithKeyboard(
  page: Page,
  manager: Locator,
  site: { name: string; port: number; user?: string },
) {
  await tabTo(
    page,
    manager
      .getByRole('toolbar', { name: 'Site actions' })
      .getByRole('button', { name: 'New site' }),
  );
  await page.keyboard.press('Enter');
  const form = manager.getByRole('form', { name: 'New site' });
  await tabTo(page, form.getByLabel('Name', { exact: true }));
  await page.keyboard.type(site.name);
  await tabTo(page, form.getByLabel('Host', { exact: true }));
  await page.keyboard.type('127.0.0.1');
  await tabTo(page, form.getByLabel('Port', { exact: true }));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(String(site.port));
  if (site.user !== undefined) {
    await tabTo(page, form.getByLabel('User', { exact: true }));
    await page.keyboard.type(site.user);
  }
  await tabTo(page, form.getByRole('button', { name: 'Save', exact: true }));
  await page.keyboard.press('Enter');
}

test('the site manager: a site is created, and a nested question answered, with the keyboard alone', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  const sitesButton = page.getByRole('button', { name: 'Sites', exact: true });
  const manager = await openWithKeyboard(page, sitesButton, 'Site manager');
  await expectFocusStaysIn(page, manager);

  await saveSiteWithKeyboard(page, manager, { name: 'Keyboard site', port: servers.sftp!.port });
  const site = manager.getByRole('treeitem', { name: 'Keyboard site' });
  await expect(site).toBeVisible();

  // Delete on the site asks first; Escape keeps it, and the focus returns to it.
  await site.focus();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: /Delete/ });
  await expect(confirm).toBeVisible();
  await expectFocusStaysIn(page, confirm);
  await closeWithEscape(page, confirm, site);
  await expect(manager, 'Escape closes only the inner question').toBeVisible();

  // Confirmed, the site is gone: the keyboard stays in the site manager (the tree is empty now:
  // on its toolbar).
  await page.keyboard.press('Delete');
  await tabTo(page, confirm.getByRole('button', { name: 'Delete', exact: true }));
  await page.keyboard.press('Enter');
  await expect(site).toHaveCount(0);
  await expect(
    manager
      .getByRole('toolbar', { name: 'Site actions' })
      .getByRole('button', { name: 'New site' }),
  ).toBeFocused();

  await closeWithEscape(page, manager, sitesButton);
});

test('the site manager’s inner dialogs: import and master password close back to their buttons; a site connects from the keyboard', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  const manager = await openWithKeyboard(
    page,
    page.getByRole('button', { name: 'Sites', exact: true }),
    'Site manager',
  );
  const importButton = manager.getByRole('button', { name: 'Import…' });
  await tabTo(page, importButton);
  const importing = await openWithKeyboard(page, importButton, 'Import sites');
  await expectFocusStaysIn(page, importing);
  await closeWithEscape(page, importing, importButton);

  const masterButton = manager.getByRole('button', { name: 'Use a master password…' });
  const master = await openWithKeyboard(
    page,
    masterButton,
    'Protect passwords with a master password',
  );
  await expectFocusStaysIn(page, master);
  await closeWithEscape(page, master, masterButton);

  await saveSiteWithKeyboard(page, manager, {
    name: 'Keyboard login',
    port: servers.sftp!.port,
    user: servers.user.name,
  });

  const site = manager.getByRole('treeitem', { name: 'Keyboard login' });
  await site.focus();
  await page.keyboard.press('Enter');
  const prompt = page.getByRole('dialog', { name: 'Password for Keyboard login' });
  await expect(prompt).toBeVisible();
  await expectFocusStaysIn(page, prompt);
  await closeWithEscape(page, prompt, site);

  await page.keyboard.press('Enter');
  await expect(prompt.getByLabel('Server password')).toBeFocused();
  await page.keyboard.type(servers.user.password);
  await page.keyboard.press('Enter');
  await expect(hostKeyQuestion(page)).toBeVisible();
  await tabTo(page, hostKeyQuestion(page).getByRole('button', { name: 'Connect once' }));
  await page.keyboard.press('Enter');
  await expect(connectedStatus(page)).toBeVisible();
});
