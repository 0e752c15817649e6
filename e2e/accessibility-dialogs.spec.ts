/**
 * Accessibility scans (axe-core, WCAG 2.1 A and AA, light and dark theme) of the dialogs and
 * menus: site manager and its inner dialogs, settings, the security check, the file panes'
 * menus and dialogs, the bookmarks menu (the add-bookmark dialog and a gone folder's notice are
 * scanned in bookmarks.spec.ts). Serious and critical violations fail; the rest are printed.
 */
import { randomBytes } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectTrusted } from './helpers/connect';
import { expectFocusStaysIn } from './helpers/keyboard';
import { fillHome } from './helpers/local-home';
import { localPane, remotePane } from './helpers/panes';
import { serverFolderWithFiles } from './helpers/server-folder';

const FILEZILLA_FIXTURE = join(
  import.meta.dirname,
  '../electron/core/sites/import/fixtures/sitemanager.xml',
);

test('the site manager with a site, and the settings dialog', async ({ servers, openFerry }) => {
  const page = await openFerry();
  await page.getByRole('button', { name: 'Sites', exact: true }).click();
  const manager = page.getByRole('dialog', { name: 'Site manager' });
  await expectAccessible(page, 'site manager, empty');
  await manager
    .getByRole('toolbar', { name: 'Site actions' })
    .getByRole('button', { name: 'New site' })
    .click();
  const form = manager.getByRole('form', { name: 'New site' });
  await expectAccessible(page, 'site manager, new site form');
  // The SSH tunnel group with a key file login and its problems shown (jump-host.spec.ts scans
  // the password login, its refusal and the connection).
  const jump = form.getByRole('checkbox', { name: 'Connect through an SSH jump host' });
  await jump.check();
  await form.getByRole('combobox', { name: 'Jump host login' }).selectOption('key');
  await expect(form.getByText('Choose the jump host’s private key file.')).toBeVisible();
  await expectAccessible(page, 'site manager, a site form with an SSH jump host and key file');
  await jump.uncheck();
  await form.getByLabel('Name', { exact: true }).fill('Build server');
  await form.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await form.getByLabel('Port', { exact: true }).fill(String(servers.sftp!.port));
  await form.getByLabel('User', { exact: true }).fill(servers.user.name);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(manager.getByRole('treeitem', { name: 'Build server' })).toBeVisible();
  await expectAccessible(page, 'site manager with a saved site');
  await page.keyboard.press('Escape');
  await expect(manager).toHaveCount(0);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await expectAccessible(page, 'settings dialog');

  // Speed limits on, one with a value that makes no sense (its problem shown under it).
  await settings.getByRole('checkbox', { name: 'Limit downloads to' }).check();
  await settings.getByRole('checkbox', { name: 'Limit uploads to' }).check();
  await settings.getByRole('spinbutton', { name: 'Upload speed limit' }).fill('0');
  await expect(settings.getByText('Enter a speed above 0')).toBeVisible();
  await expectAccessible(page, 'settings dialog, speed limits on, one not a speed');
  await settings.getByRole('spinbutton', { name: 'Upload speed limit' }).fill('200');
  await settings.getByRole('combobox', { name: 'Upload speed limit unit' }).selectOption('KiB/s');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Limited to' })).toBeVisible();
  await expectAccessible(page, 'transfer queue saying the speed limits');
});

test('the security check with results for every harness port', async ({ servers, openFerry }) => {
  const page = await openFerry();
  await page.getByRole('button', { name: 'Check security' }).click();
  const dialog = page.getByRole('dialog', { name: 'Security check' });
  await expectAccessible(page, 'security check, before checking');
  await dialog.getByRole('textbox', { name: 'Host to check' }).fill('127.0.0.1');
  const ports = [servers.sftp!, servers.ftpsExplicit!, servers.ftp!, servers.ftpsWeak!];
  await dialog
    .getByRole('textbox', { name: 'Ports to check' })
    .fill(ports.map((s) => s.port).join(', '));
  await dialog.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Checked in');
  await expectAccessible(page, 'security check with results');
});

test('file-pane menus and dialogs, a folder that cannot be opened, permissions, and the log', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  await fillHome(ferryApp.home);
  const folder = await serverFolderWithFiles(servers, 'a11y-pane');
  const page = await openFerry();
  const local = localPane(page);
  await local.cell('notes.txt').click({ button: 'right' });
  await expect(page.getByRole('menu', { name: 'Local files actions' })).toBeVisible();
  await expectAccessible(page, 'file context menu');
  await page.keyboard.press('Escape');

  await local.cell('notes.txt').click();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'delete question');
  await page.keyboard.press('Escape');
  await local.button('New folder').click();
  await expect(page.getByRole('dialog', { name: 'New folder' })).toBeVisible();
  await expectAccessible(page, 'new-folder dialog');
  await page.keyboard.press('Escape');
  await local.goTo(join(ferryApp.home, 'no such folder'));
  await expect(local.pane.getByRole('alert')).toBeVisible();
  await expectAccessible(page, 'a folder that cannot be opened');

  const at = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(at(folder));
  await remote.cell('readme.txt').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Permissions…' }).click();
  await expect(page.getByRole('dialog', { name: 'Permissions of readme.txt' })).toBeVisible();
  await expectAccessible(page, 'permissions dialog');
  await page.keyboard.press('Escape');
  // Several items, a folder among them (mixed boxes, the recursive options).
  await remote.cell('photos').click();
  await remote.cell('readme.txt').click({ modifiers: ['ControlOrMeta'] });
  await remote.cell('readme.txt').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Permissions…' }).click();
  const several = page.getByRole('dialog', { name: 'Permissions of 2 items' });
  await expect(several.getByRole('checkbox', { name: 'Owner execute' })).toHaveAttribute(
    'aria-checked',
    'mixed',
  );
  await several.getByRole('checkbox', { name: 'Also everything inside (recursively)' }).check();
  await expectAccessible(page, 'permissions of several items, recursive');
  await page.keyboard.press('Escape');

  // Bookmarks on a quick connection: the menu, and "save as a site first" (Ctrl+B).
  await page.getByRole('button', { name: 'Bookmarks', exact: true }).click();
  await expect(page.getByRole('menu', { name: 'Bookmarks' })).toBeVisible();
  await expectAccessible(page, 'bookmarks menu of a quick connection');
  await page.keyboard.press('Escape');
  await remote.grid.focus();
  await page.keyboard.press('Control+b');
  const saveFirst = page.getByRole('dialog', { name: 'Save this connection as a site first' });
  await expect(saveFirst).toBeVisible();
  await expectFocusStaysIn(page, saveFirst);
  await expectAccessible(page, 'bookmarks: save the connection as a site first');
  await page.keyboard.press('Escape');
  await expect(saveFirst).toHaveCount(0);

  await page.getByRole('tab', { name: /^Log/ }).click();
  await expect(page.getByRole('tabpanel', { name: /^Log/ })).toBeVisible();
  await expectAccessible(page, 'connection log');
});

test('the site manager’s own dialogs: master password, import preview and summary, export, new folder, a password prompt', async ({
  servers,
  openFerry,
}) => {
  const page = await openFerry();
  await page.getByRole('button', { name: 'Sites', exact: true }).click();
  const manager = page.getByRole('dialog', { name: 'Site manager' });
  await manager.getByRole('button', { name: 'Use a master password…' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Protect passwords with a master password' }),
  ).toBeVisible();
  await expectAccessible(page, 'master-password dialog');
  await page.keyboard.press('Escape');

  await manager.getByRole('button', { name: 'Import…' }).click();
  const importing = page.getByRole('dialog', { name: 'Import sites' });
  await expectAccessible(page, 'import dialog, no file yet');
  await importing.getByLabel('File to import').setInputFiles(FILEZILLA_FIXTURE);
  await expect(importing.getByRole('table', { name: 'Sites to import' })).toBeVisible();
  await expectAccessible(page, 'import preview');
  await importing.getByRole('button', { name: /^Import \d+ sites/ }).click();
  await expect(importing.getByRole('status', { name: 'Import summary' })).toBeVisible();
  await expectAccessible(page, 'import summary');
  await importing.getByRole('button', { name: 'Close' }).click();

  // Export… (its written state and Ferry's own file in Import… are scanned in sites-export.spec.ts).
  await manager.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export sites' })).toBeVisible();
  await expectAccessible(page, 'export dialog');
  await page.keyboard.press('Escape');

  const actions = manager.getByRole('toolbar', { name: 'Site actions' });
  await actions.getByRole('button', { name: 'New folder' }).click();
  await expect(page.getByRole('dialog', { name: 'New folder' })).toBeVisible();
  await expectAccessible(page, 'site-manager new-folder dialog');
  await page.keyboard.press('Escape');

  await actions.getByRole('button', { name: 'New site' }).click();
  const form = manager.getByRole('form', { name: 'New site' });
  await form.getByLabel('Name', { exact: true }).fill('Asks for a password');
  await form.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await form.getByLabel('Port', { exact: true }).fill(String(servers.sftp!.port));
  await form.getByLabel('User', { exact: true }).fill(servers.user.name);
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await manager.getByRole('treeitem', { name: 'Asks for a password' }).dblclick();
  await expect(
    page.getByRole('dialog', { name: 'Password for Asks for a password' }),
  ).toBeVisible();
  await expectAccessible(page, 'a saved site’s password prompt');
});

test('search files on the server: empty, running, with results and notes, a refused field, the delete question', async ({
  servers,
  openFerry,
}) => {
  const rel = `a11y-search-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.writeFile(`${rel}/img/photo.jpg`, 'jpg');
  await servers.fixtures.writeFile(`${rel}/photo-notes.txt`, 'notes');
  await servers.fixtures.makeUnreadable(`${rel}/locked`);
  for (let i = 0; i < 600; i++) await servers.fixtures.mkdir(`${rel}/many/d${i}`);
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'ftps-explicit');
  const remote = remotePane(page);
  await remote.goTo(at(rel));
  await remote.button('Search files on the server').click();
  const dialog = page.getByRole('dialog', { name: 'Search files on the server' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'search dialog, before searching');

  const name = dialog.getByRole('searchbox', { name: 'Name contains' });
  await name.fill('d2');
  await dialog.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(dialog.getByRole('status').first()).toContainText(/^Searching /);
  await expectAccessible(page, 'search dialog, searching');
  // Searching again stops this one if it still runs (the scan takes a while on a busy machine).
  await name.fill('photo');
  await name.press('Enter');
  await expect(dialog.getByRole('status').first()).toContainText('Done: 2 found', {
    timeout: 30_000,
  });
  await expect(dialog).toContainText('1 folder could not be read');
  await dialog.getByRole('listbox', { name: 'Search results' }).focus();
  await page.keyboard.press('Home');
  await expectAccessible(page, 'search dialog with results, one selected, and a note');
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu', { name: 'Search result actions' })).toBeVisible();
  await expectAccessible(page, 'search: a result’s menu');
  await page.keyboard.press('Escape');

  await dialog.getByRole('button', { name: 'Delete…' }).click();
  await expect(page.getByRole('dialog', { name: /^Delete 1 item permanently/ })).toBeVisible();
  await expectAccessible(page, 'search: delete question');
  await page.keyboard.press('Escape');

  await dialog.getByRole('textbox', { name: 'Larger than', exact: true }).fill('big');
  await name.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('Larger than: a number');
  await expectAccessible(page, 'search dialog, a size that is not a number');
});

test('the built-in editor: open, modified, the close and conflict questions, a refused save, a file it cannot open', async ({
  servers,
  openFerry,
}) => {
  const folder = `a11y-editor-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.writeFile(`${folder}/app.conf`, 'port=80\r\n');
  await servers.fixtures.writeFile(`${folder}/mixed.txt`, 'a\r\nb\nc\r\n');
  await servers.fixtures.writeFile(`${folder}/locked/ro.conf`, 'secure=yes\n');
  await servers.fixtures.writeFile(`${folder}/image.bin`, Buffer.from([0x89, 0x50, 0, 0, 1]));
  await chmod(servers.fixtures.abs(`${folder}/locked/ro.conf`), 0o444);
  await chmod(servers.fixtures.abs(`${folder}/locked`), 0o555);
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(at(folder));

  await remote.cell('app.conf').click();
  await remote.grid.press('F4');
  const editor = page.getByRole('dialog', { name: /^app\.conf on / });
  const text = editor.getByRole('textbox', { name: 'Text of app.conf' });
  await expect(text).toBeFocused();
  await expectAccessible(page, 'editor, a file open');
  // Tab types a tab in the text until Ctrl+M lets it move between the controls.
  await page.keyboard.press('Control+m');
  await expectFocusStaysIn(page, editor);
  await text.focus();
  await text.press('Control+End');
  await page.keyboard.type('host=example\n');
  await expectAccessible(page, 'editor with unsaved changes');
  await text.press('Escape');
  const question = page.getByRole('dialog', { name: 'Save the changes to app.conf?' });
  await expectAccessible(page, 'editor, the save-changes question');
  await question.getByRole('button', { name: 'Cancel' }).click();

  await writeFile(servers.fixtures.abs(`${folder}/app.conf`), 'port=8080\r\n');
  await text.press('Control+s');
  const conflict = page.getByRole('dialog', { name: 'app.conf changed on the server' });
  await expect(conflict).toBeVisible();
  await expectAccessible(page, 'editor, the changed-on-the-server question');
  await page.keyboard.press('Escape');
  await expect(conflict).toHaveCount(0);
  await text.press('Escape');
  await question.getByRole('button', { name: 'Don’t save' }).click();
  await expect(editor).toHaveCount(0);

  await remote.cell('mixed.txt').click();
  await remote.grid.press('F4');
  const mixed = page.getByRole('dialog', { name: /^mixed\.txt on / });
  await expect(mixed.getByRole('note')).toContainText('mixes line endings');
  await expectAccessible(page, 'editor, a file with mixed line endings');
  await page.keyboard.press('Escape');
  await expect(mixed).toHaveCount(0);

  // A save the server refuses: the reason, and the text is still there.
  await remote.cell('locked').dblclick();
  await remote.cell('ro.conf').click();
  await remote.grid.press('F4');
  const locked = page.getByRole('dialog', { name: /^ro\.conf on / });
  const lockedText = locked.getByRole('textbox', { name: 'Text of ro.conf' });
  await expect(lockedText).toHaveValue('secure=yes\n');
  await lockedText.press('Control+End');
  await page.keyboard.type('mine=1\n');
  await lockedText.press('Control+s');
  await expect(locked.getByRole('alert')).toContainText('does not let you change "ro.conf"');
  await expect(locked).toContainText('Your text is still here');
  await expect(lockedText).toHaveValue('secure=yes\nmine=1\n');
  await expectAccessible(page, 'editor, a save the server refused');
  await lockedText.press('Escape');
  await page
    .getByRole('dialog', { name: 'Save the changes to ro.conf?' })
    .getByRole('button', { name: 'Don’t save' })
    .click();
  await expect(locked).toHaveCount(0);
  await chmod(servers.fixtures.abs(`${folder}/locked`), 0o755);

  await remote.goTo(at(folder));
  await remote.cell('image.bin').click();
  await remote.grid.press('F4');
  const refused = page.getByRole('dialog', { name: /^Cannot edit image\.bin/ });
  await expect(refused.getByRole('alert')).toContainText('not a text file');
  await expectAccessible(page, 'editor, a file it cannot open');
  await page.keyboard.press('Escape');
  await expect(refused).toHaveCount(0);
  await expect(remote.grid).toBeFocused();
});
