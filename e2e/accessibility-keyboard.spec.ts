/**
 * Dialogs and menus with the keyboard alone, in the real app against the harness servers: each
 * takes the focus when it opens, keeps it (Tab never reaches the page behind), can be operated
 * with Tab, Enter, Space and arrows, closes with Escape (or its own buttons) and gives the focus
 * back to the control that opened it. The site manager is in accessibility-keyboard-sites.spec.ts.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import {
  certificateQuestion,
  connectedStatus,
  connectTrusted,
  hostKeyQuestion,
  quickConnect,
  quickConnectAsTestUser,
} from './helpers/connect';
import { closeWithEscape, expectFocusStaysIn, openWithKeyboard, tabTo } from './helpers/keyboard';
import { fillHome } from './helpers/local-home';
import { localPane, remotePane } from './helpers/panes';

test('settings: changed and saved with the keyboard, and closed with Escape', async ({
  openFerry,
}) => {
  const page = await openFerry();
  const settingsButton = page.getByRole('button', { name: 'Settings', exact: true });
  let dialog = await openWithKeyboard(page, settingsButton, 'Settings');
  await expectFocusStaysIn(page, dialog);

  await tabTo(page, dialog.getByRole('radio', { name: 'Same as the system' }));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await tabTo(page, dialog.getByRole('button', { name: 'Save' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(settingsButton).toBeFocused();

  dialog = await openWithKeyboard(page, settingsButton, 'Settings');
  await closeWithEscape(page, dialog, settingsButton);
});

test('the security check: run and applied with the keyboard; Escape returns to its button', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  const checkButton = page.getByRole('button', { name: 'Check security' });
  let dialog = await openWithKeyboard(page, checkButton, 'Security check');
  await expectFocusStaysIn(page, dialog);
  await tabTo(page, dialog.getByRole('textbox', { name: 'Host to check' }));
  await page.keyboard.type('127.0.0.1');
  await tabTo(page, dialog.getByRole('textbox', { name: 'Ports to check' }));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(String(servers.sftp!.port));
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toContainText('Checked in');
  await expectFocusStaysIn(page, dialog);

  await tabTo(page, dialog.getByRole('button', { name: 'Use this' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Port' })).toHaveValue(String(servers.sftp!.port));
  await expect(checkButton).toBeFocused();

  dialog = await openWithKeyboard(page, checkButton, 'Security check');
  await closeWithEscape(page, dialog, checkButton);
});

test('trust questions: Escape cancels back to the password, Enter on a button trusts', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  const password = page.getByRole('textbox', { name: 'Password' });
  const form = {
    protocol: 'sftp',
    port: servers.sftp!.port,
    user: servers.user.name,
    password: servers.user.password,
  };
  await quickConnect(page, form);
  await expect(hostKeyQuestion(page)).toBeVisible();
  await expectFocusStaysIn(page, hostKeyQuestion(page));
  await closeWithEscape(page, hostKeyQuestion(page), password);
  await expect(connectedStatus(page)).toHaveCount(0);
  // The cancelled connect has ended (an Enter before that is taken for the same attempt).
  await expect(page.getByRole('alert').filter({ hasText: 'You chose not to trust' })).toBeVisible();
  await expect(password).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(hostKeyQuestion(page)).toBeVisible();
  await tabTo(page, hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }));
  await page.keyboard.press('Enter');
  await expect(connectedStatus(page)).toBeVisible();

  await quickConnect(page, {
    ...form,
    protocol: 'ftps-explicit',
    port: servers.ftpsExplicit!.port,
  });
  await expect(certificateQuestion(page)).toBeVisible();
  await expectFocusStaysIn(page, certificateQuestion(page));
  await closeWithEscape(page, certificateQuestion(page), password);
});

test('the plain-FTP warning: Escape cancels, and the keyboard can choose to connect', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  await quickConnectAsTestUser(page, servers, 'ftp');
  const warning = page.getByRole('dialog', { name: 'Plain FTP is not encrypted' });
  await expect(warning).toBeVisible();
  await expectFocusStaysIn(page, warning);
  await closeWithEscape(page, warning, page.getByRole('textbox', { name: 'Password' }));

  await page.keyboard.press('Enter');
  await tabTo(page, warning.getByRole('button', { name: 'Connect without encryption' }));
  await page.keyboard.press('Enter');
  await expect(connectedStatus(page)).toBeVisible();
});

test('a conflict is answered with the keyboard; pane dialogs close with Escape back to the list', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const folder = `a11y-keys-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.writeFile(`${folder}/report.txt`, 'the server’s version');
  await writeFile(join(ferryApp.home, 'report.txt'), 'a newer local version');
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const local = localPane(page);
  await remotePane(page).goTo(at(folder));

  await local.cell('report.txt').click();
  const upload = local.button('Upload to server');
  await upload.focus();
  await page.keyboard.press('Enter');
  const question = page.getByRole('dialog', { name: 'This file already exists' });
  await expect(question).toBeVisible();
  await expectFocusStaysIn(page, question);
  await tabTo(page, question.getByRole('button', { name: 'Skip', exact: true }));
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(upload).toBeFocused();

  // The grid is where the keyboard works on files: its dialogs give the focus back there.
  await local.cell('report.txt').click();
  await page.keyboard.press('Delete');
  const deleting = page.getByRole('dialog', { name: /report\.txt|trash|Delete/ });
  await expect(deleting).toBeVisible();
  await expectFocusStaysIn(page, deleting);
  await closeWithEscape(page, deleting, local.grid);

  const newFolder = local.button('New folder');
  const naming = await openWithKeyboard(page, newFolder, 'New folder');
  await expectFocusStaysIn(page, naming);
  await page.keyboard.press('Escape');
  await expect(naming).toHaveCount(0);
  await expect(local.grid).toBeFocused();
});

test('context menus and the permissions dialog with the keyboard; the focus returns to the list', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  await fillHome(ferryApp.home);
  const folder = `a11y-menu-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.writeFile(`${folder}/readme.txt`, 'hello');
  const page = await openFerry();
  const local = localPane(page);
  await local.cell('notes.txt').click();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Local files actions' });
  // The keyboard is on the first item that can be chosen; the arrows move it.
  const focusedItem = menu.getByRole('menuitem').and(page.locator(':focus'));
  await expect(focusedItem).toHaveCount(1);
  const first = await focusedItem.textContent();
  await page.keyboard.press('ArrowDown');
  await expect(focusedItem).not.toHaveText(first ?? '');
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(local.grid).toBeFocused();

  const at = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(at(folder));
  await remote.cell('readme.txt').click();
  await page.keyboard.press('Shift+F10');
  const permissionsItem = page.getByRole('menuitem', { name: 'Permissions…' });
  await tabTo(page, permissionsItem, { key: 'ArrowDown' });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Permissions of readme.txt' });
  await expect(dialog).toBeVisible();
  await expectFocusStaysIn(page, dialog);
  const groupRead = dialog.getByRole('checkbox').nth(3);
  const before = await groupRead.isChecked();
  await tabTo(page, groupRead);
  await page.keyboard.press('Space');
  await expect(groupRead).toBeChecked({ checked: !before });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(remote.grid).toBeFocused();
});

test('the transfer panel with the keyboard: Failed by arrows, Retry and Clear by Tab, and the focus is never lost', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const folder = `a11y-retry-${randomBytes(4).toString('hex')}`;
  // Unreadable for the test user the server acts as: the first download fails.
  const locked = await servers.fixtures.writeFile(`${folder}/locked.txt`, 'now readable');
  await chmod(locked, 0o000);
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(at(folder));
  await remote.cell('locked.txt').click();
  await remote.button('Download to this computer').click();
  const panel = page.getByRole('tabpanel', { name: 'Transfers' });
  await expect(panel.getByRole('tab', { name: /^Failed \(1\)/ })).toBeVisible();

  await panel.getByRole('tab', { name: /^Queued and active/ }).focus();
  await page.keyboard.press('ArrowRight');
  const failedTab = panel.getByRole('tab', { name: /^Failed/ });
  await expect(failedTab).toBeFocused();
  await expect(failedTab).toHaveAttribute('aria-selected', 'true');
  await chmod(locked, 0o644);
  await tabTo(page, panel.getByRole('button', { name: 'Retry locked.txt' }));
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('tab', { name: /^Finished \(1\)/ })).toBeVisible();
  await expect
    .poll(() => readFile(join(ferryApp.home, 'locked.txt'), 'utf8').catch(() => ''))
    .toBe('now readable');
  // The retried row left the list: the keyboard is on the list's tab, not lost.
  await expect(failedTab).toBeFocused();

  // Clear finished disables itself: the keyboard goes to the list's tab again.
  const clear = panel.getByRole('button', { name: 'Clear finished' });
  await tabTo(page, clear, { key: 'Shift+Tab' });
  await page.keyboard.press('Enter');
  await expect(clear).toBeDisabled();
  await expect(failedTab).toBeFocused();
});

test('search files on the server: opened with the keyboard, focus kept inside, Escape back to its button', async ({
  servers,
  openFerry,
}) => {
  const folder = `kb-search-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.writeFile(`${folder}/found.txt`, 'here');
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(at(folder));
  const searchButton = remote.button('Search files on the server');
  const dialog = await openWithKeyboard(page, searchButton, 'Search files on the server');
  await expect(dialog.getByRole('searchbox', { name: 'Name contains' })).toBeFocused();
  await page.keyboard.type('found');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status').first()).toHaveText('Done: 1 found in 1 folder.');
  await expectFocusStaysIn(page, dialog);
  await tabTo(page, dialog.getByRole('listbox', { name: 'Search results' }));
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('option', { name: /^found\.txt/, selected: true })).toBeVisible();
  // Shift+F10: the result's menu; Escape closes only the menu, back to the list.
  const list = dialog.getByRole('listbox', { name: 'Search results' });
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Search result actions' });
  await expect(menu.getByRole('menuitem', { name: /^Open folder/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(dialog).toBeVisible();
  await expect(list).toBeFocused();
  // Deleted from the Delete… button: the button has nothing left to delete, the list keeps the keyboard.
  await tabTo(page, dialog.getByRole('button', { name: 'Delete…' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status').filter({ hasText: 'deleted' })).toHaveText(
    '1 item deleted.',
  );
  await expect(dialog.getByRole('button', { name: 'Delete…' })).toBeDisabled();
  await expect(list).toBeFocused();
  await closeWithEscape(page, dialog, searchButton);
});

test('the editor with the keyboard alone: F4 or the menu, Ctrl+S, Escape and the close question, the focus back on the list', async ({
  servers,
  openFerry,
}) => {
  const folder = `a11y-editor-keys-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.writeFile(`${folder}/a.conf`, 'one\n');
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(at(folder));
  await remote.cell('a.conf').click();

  // The menu's Edit, reached by the arrows.
  await page.keyboard.press('Shift+F10');
  const editItem = page.getByRole('menuitem', { name: 'Edit' });
  await tabTo(page, editItem, { key: 'ArrowDown' });
  await page.keyboard.press('Enter');
  const editor = page.getByRole('dialog', { name: /^a\.conf on / });
  const text = editor.getByRole('textbox', { name: 'Text of a.conf' });
  await expect(text).toBeFocused();
  // In the text Tab types a tab; Ctrl+M lets it move between the controls (as in VS Code).
  await page.keyboard.press('Control+m');
  await expectFocusStaysIn(page, editor);
  // Unchanged: Escape closes at once, and the list has the keyboard again.
  await tabTo(page, text);
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(remote.grid).toBeFocused();

  // F4, a change, Ctrl+S; then another change and Escape: the question, answered by keys.
  await page.keyboard.press('F4');
  await expect(text).toBeFocused();
  await page.keyboard.type('zero\n');
  await page.keyboard.press('Control+s');
  await expect(editor).not.toContainText('(modified)');
  expect(await readFile(servers.fixtures.abs(`${folder}/a.conf`), 'utf8')).toBe('zero\none\n');
  await page.keyboard.type('draft ');
  await page.keyboard.press('Escape');
  const question = page.getByRole('dialog', { name: 'Save the changes to a.conf?' });
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectFocusStaysIn(page, question);
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(text).toHaveValue('zero\ndraft one\n');
  await tabTo(page, text);
  await page.keyboard.press('Escape');
  await tabTo(page, question.getByRole('button', { name: 'Don’t save' }));
  await page.keyboard.press('Enter');
  await expect(editor).toHaveCount(0);
  await expect(remote.grid).toBeFocused();
  expect(await readFile(servers.fixtures.abs(`${folder}/a.conf`), 'utf8')).toBe('zero\none\n');
});
