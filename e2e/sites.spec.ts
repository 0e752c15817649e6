/**
 * The site manager end to end: the real renderer in Chromium, the browser edition's server
 * process (restarted on the same data folder), the harness's real sshd.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { connectedStatus, connectTrusted, hostKeyQuestion, quickConnect } from './helpers/connect';
import {
  openSiteManager,
  protectionOf,
  restartableApp,
  saveSite,
  useMasterPassword,
} from './helpers/site-manager';

const FILEZILLA_FIXTURE = join(
  import.meta.dirname,
  '../electron/core/sites/import/fixtures/sitemanager.xml',
);
const MASTER_PASSWORD = 'e2e master password';

const app = restartableApp('ferry-sites-e2e-');

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

test('a saved SFTP site survives a restart, connects with a double-click, and is edited, duplicated and deleted', async ({
  page,
  servers,
}) => {
  const sftp = servers.sftp;
  if (!sftp) throw new Error('The harness did not start sshd.');
  await app.start(page);
  let manager = await openSiteManager(page);

  // No OS protection in the browser edition here: opt into a master password.
  const protection = protectionOf(manager);
  await expect(protection).toContainText('Passwords are not saved');
  await useMasterPassword(page, manager, MASTER_PASSWORD);

  await manager.getByRole('button', { name: 'New folder' }).click();
  const folderDialog = page.getByRole('dialog', { name: 'New folder' });
  await folderDialog.getByLabel('Folder name').fill('Harness');
  await folderDialog.getByRole('button', { name: 'Create folder' }).click();
  const tree = manager.getByRole('tree', { name: 'Saved sites' });
  await expect(tree.getByRole('treeitem', { name: 'Harness' })).toBeVisible();

  // The toolbar's: the details pane offers "New site" too while nothing is selected.
  await manager
    .getByRole('toolbar', { name: 'Site actions' })
    .getByRole('button', { name: 'New site' })
    .click();
  let form = manager.getByRole('form', { name: 'New site' });
  await form.getByLabel('Name', { exact: true }).fill('Test sshd');
  await expect(form.getByLabel('Folder', { exact: true })).toHaveValue(/.+/);
  await form.getByLabel('Host', { exact: true }).fill(sftp.host);
  await expect(form.getByText('Preset port for SFTP: 22')).toBeVisible();
  await form.getByLabel('Port', { exact: true }).fill(String(sftp.port));
  await expect(form.getByText('Your own port (the SFTP preset is 22)')).toBeVisible();
  await form.getByLabel('User', { exact: true }).fill(servers.user.name);
  await form.getByLabel('Password', { exact: true }).fill(servers.user.password);
  const startFolder = await servers.fixtures.mkdir('start here');
  await form.getByLabel('Remote folder at start').fill(startFolder);
  // For servers that limit connections, the site caps its transfer connections.
  const limit = form.getByLabel('Most transfer connections');
  await expect(limit).toHaveAccessibleDescription(
    /servers that limit connections.*at most this many at once.*Empty: Ferry’s setting/,
  );
  await limit.fill('1');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(manager.getByRole('form', { name: 'Site Test sshd' })).toBeVisible();
  await expect(
    manager.getByRole('form', { name: 'Site Test sshd' }).getByLabel('Most transfer connections'),
  ).toHaveValue('1');
  await expect(tree.getByRole('treeitem', { name: 'Test sshd' })).toHaveAttribute(
    'aria-level',
    '2',
  );

  // The password is nowhere readable on disk.
  const forms = [
    servers.user.password,
    Buffer.from(servers.user.password).toString('base64'),
    Buffer.from(servers.user.password).toString('hex'),
  ];
  for (const file of await filesUnder(app.dataDir)) {
    const content = await readFile(file, 'utf8');
    for (const form of forms) expect(content, file).not.toContain(form);
  }

  await app.start(page);
  manager = await openSiteManager(page);
  await expect(protectionOf(manager)).toContainText('master password, and locked');
  const site = manager.getByRole('treeitem', { name: 'Test sshd' });
  await expect(site).toBeVisible();

  // Saved passwords are locked after a restart: unlock, then connect with a double-click.
  await manager.getByRole('button', { name: 'Unlock…' }).click();
  const unlock = page.getByRole('dialog', { name: 'Unlock saved passwords' });
  await unlock.getByLabel('Master password').fill(MASTER_PASSWORD);
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await site.dblclick();
  const hostKey = hostKeyQuestion(page);
  await expect(hostKey).toBeVisible();
  await hostKey.getByRole('button', { name: 'Trust and remember' }).click();
  await expect(manager).toBeHidden();
  await expect(page.getByRole('region', { name: 'Remote files' })).toContainText(
    `Connected to ${sftp.host}:${sftp.port} as ${servers.user.name}`,
  );
  // The site's start folder opens, not the login folder.
  await expect(
    page
      .getByRole('region', { name: 'Remote files' })
      .getByRole('textbox', { name: 'Folder path' }),
  ).toHaveValue(startFolder);

  // Edit the port, duplicate, delete.
  manager = await openSiteManager(page);
  await manager.getByRole('treeitem', { name: 'Test sshd' }).click();
  form = manager.getByRole('form', { name: 'Site Test sshd' });
  await form.getByLabel('Port', { exact: true }).fill('2222');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(form.getByRole('status').getByText('Saved.')).toBeVisible();
  await expect(form.getByLabel('Port', { exact: true })).toHaveValue('2222');

  await manager.getByRole('button', { name: 'Duplicate' }).click();
  const copy = manager.getByRole('treeitem', { name: 'Test sshd (copy)' });
  await expect(copy).toHaveAttribute('aria-selected', 'true');
  await expect(
    manager
      .getByRole('form', { name: 'Site Test sshd (copy)' })
      .getByLabel('Port', { exact: true }),
  ).toHaveValue('2222');

  await manager.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the site “Test sshd (copy)”?' });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(copy).toHaveCount(0);
  await expect(manager.getByRole('treeitem', { name: 'Test sshd' })).toBeVisible();

  // The change survives another restart.
  await app.start(page);
  manager = await openSiteManager(page);
  await manager.getByRole('treeitem', { name: 'Test sshd' }).click();
  await expect(
    manager.getByRole('form', { name: 'Site Test sshd' }).getByLabel('Port', { exact: true }),
  ).toHaveValue('2222');
  await expect(manager.getByRole('treeitem')).toHaveCount(2);
});

test('importing a FileZilla file shows a preview, a summary, and the sites in their folders', async ({
  page,
}) => {
  await app.start(page);
  const manager = await openSiteManager(page);
  await manager.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import sites' });
  await dialog.getByLabel('File to import').setInputFiles(FILEZILLA_FIXTURE);

  const table = dialog.getByRole('table', { name: 'Sites to import' });
  await expect(table.getByRole('row')).toHaveCount(9);
  await expect(table.getByRole('row', { name: /Bucket/ })).toContainText(
    'Amazon S3 is not supported',
  );
  await expect(dialog.getByRole('checkbox', { name: 'Import Bucket' })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Import Key login' }).uncheck();
  await dialog.getByRole('button', { name: 'Import 5 sites' }).click();

  const summary = dialog.getByRole('status', { name: 'Import summary' });
  await expect(summary).toContainText('Imported 5 sites into 2 new folders');
  await expect(summary).toContainText('Web (HTTPS): HTTP(S) is not a file-transfer protocol');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const tree = manager.getByRole('tree', { name: 'Saved sites' });
  await expect(tree.getByRole('treeitem', { name: 'Work' })).toHaveAttribute('aria-level', '1');
  await expect(tree.getByRole('treeitem', { name: 'Clients' })).toHaveAttribute('aria-level', '2');
  await expect(tree.getByRole('treeitem', { name: 'Acme uploads' })).toHaveAttribute(
    'aria-level',
    '3',
  );
  await expect(tree.getByRole('treeitem', { name: 'Web server' })).toHaveAttribute(
    'aria-level',
    '2',
  );
  await expect(tree.getByRole('treeitem', { name: 'Key login' })).toHaveCount(0);

  // Drag a site onto a folder to move it there.
  await tree
    .getByRole('treeitem', { name: 'Legacy FTP' })
    .dragTo(tree.getByRole('treeitem', { name: 'Clients' }));
  await expect(tree.getByRole('treeitem', { name: 'Legacy FTP' })).toHaveAttribute(
    'aria-level',
    '3',
  );

  // The imported site keeps its settings, including the decoded start folder.
  await tree.getByRole('treeitem', { name: 'Web server' }).click();
  const form = manager.getByRole('form', { name: 'Site Web server' });
  await expect(form.getByLabel('Remote folder at start')).toHaveValue('/home/debian');
  await expect(form.getByLabel('Host', { exact: true })).toHaveValue('sftp.example.test');

  // Search narrows the tree by name or host.
  await manager.getByRole('searchbox', { name: 'Search sites' }).fill('acme');
  await expect(tree.getByRole('treeitem')).toHaveCount(3);
});

test('“Save as site…” turns the quick-connect form into a new site', async ({ page }) => {
  await app.start(page);
  const quick = page.getByRole('form', { name: 'Quick connect' });
  await quick.getByLabel('Host', { exact: true }).fill('files.example.test');
  await quick.getByLabel('Port', { exact: true }).fill('2222');
  await quick.getByLabel('User', { exact: true }).fill('me');
  await page.getByRole('button', { name: 'Save as site…' }).click();

  const manager = page.getByRole('dialog', { name: 'Site manager' });
  const form = manager.getByRole('form', { name: 'New site' });
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('me@files.example.test');
  await expect(form.getByLabel('Port', { exact: true })).toHaveValue('2222');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(manager.getByRole('treeitem', { name: 'me@files.example.test' })).toBeVisible();
});

test('“Test connection” on a saved SFTP site switched to plain FTP warns, and never sends the saved password there', async ({
  page,
  servers,
}) => {
  const { sftp, ftp } = servers;
  if (!sftp || !ftp) throw new Error('The harness did not start sshd and plain vsftpd.');
  await app.start(page);
  const manager = await openSiteManager(page);
  await useMasterPassword(page, manager, MASTER_PASSWORD);
  await saveSite(manager, {
    name: 'SSH only',
    host: sftp.host,
    port: sftp.port,
    user: servers.user.name,
    password: servers.user.password,
  });
  const form = manager.getByRole('form', { name: 'Site SSH only' });
  await expect(form.getByLabel('Password', { exact: true })).toHaveAttribute(
    'placeholder',
    'Saved — type to replace',
  );

  // The form now points at a plain-FTP server (same user, so the saved password would work there).
  await form.getByLabel('Protocol', { exact: true }).selectOption('ftp');
  await form.getByLabel('Port', { exact: true }).fill(String(ftp.port));
  await form.getByRole('button', { name: 'Test connection' }).click();
  const warning = page.getByRole('dialog', { name: 'Plain FTP is not encrypted' });
  await expect(warning).toContainText(ftp.host);
  await warning.getByRole('button', { name: 'Connect without encryption' }).click();
  const failed = form.getByRole('alert', { name: 'Test connection failed' });
  await expect(failed).toContainText('only sent to the server it was saved for');
  await expect(failed).toContainText('Type the password in the form');
  await expect(failed).toContainText('secret_unavailable');

  // A password typed for this test goes; the warning is not asked again for this server.
  await form.getByLabel('Password', { exact: true }).fill(servers.user.password);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'The connection works' })).toBeVisible();
  await expect(warning).toHaveCount(0);
});

test('plain FTP asks once per server for each run of Ferry, and the pane always says “Not encrypted”', async ({
  page,
  servers,
}) => {
  const { ftp } = servers;
  if (!ftp) throw new Error('The harness did not start plain vsftpd.');
  const form = { protocol: 'ftp', port: ftp.port, user: servers.user.name };
  const warning = page.getByRole('dialog', { name: 'Plain FTP is not encrypted' });
  const notEncrypted = page
    .getByRole('region', { name: 'Remote files' })
    .getByRole('note')
    .filter({ hasText: 'Not encrypted' });
  await app.start(page);

  await quickConnect(page, { ...form, password: servers.user.password });
  await warning.getByRole('button', { name: 'Connect without encryption' }).click();
  await expect(connectedStatus(page)).toBeVisible();
  await expect(notEncrypted).toBeVisible();

  // Again in the same run: no question, the banner still shows.
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectedStatus(page)).toHaveCount(0);
  await quickConnect(page, { ...form, password: servers.user.password });
  await expect(connectedStatus(page)).toBeVisible();
  await expect(warning).toHaveCount(0);
  await expect(notEncrypted).toBeVisible();

  // A new page load is a new run: the question comes back. (Disconnected first: a reload
  // would show the open connection again, and Cancel below would leave it shown.)
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectedStatus(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('form', { name: 'Quick connect' })).toBeVisible();
  await quickConnect(page, { ...form, password: servers.user.password });
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: 'Cancel' }).click();
  await expect(connectedStatus(page)).toHaveCount(0);
  // Nothing about it is kept in the browser's storage.
  expect(await page.evaluate<string[]>('Object.keys(localStorage)')).not.toContain(
    'ferry.plainFtpAcknowledged',
  );
});

test('a name already taken in a folder says so, and what to do', async ({ page }) => {
  await app.start(page);
  const manager = await openSiteManager(page);
  const tree = manager.getByRole('tree', { name: 'Saved sites' });
  const newFolder = manager
    .getByRole('toolbar', { name: 'Site actions' })
    .getByRole('button', { name: 'New folder' });
  const dialog = page.getByRole('dialog', { name: 'New folder' });
  for (const name of ['Clients', 'Inner']) {
    if (name === 'Inner') await tree.getByRole('treeitem', { name: 'Clients' }).click();
    await newFolder.click();
    await dialog.getByLabel('Folder name').fill(name);
    await dialog.getByRole('button', { name: 'Create folder' }).click();
    await expect(tree.getByRole('treeitem', { name })).toBeVisible();
  }
  await tree.getByRole('treeitem', { name: 'Clients' }).click();
  await newFolder.click();
  await dialog.getByLabel('Folder name').fill('inner');
  await dialog.getByRole('button', { name: 'Create folder' }).click();
  await expect(dialog).toContainText('"inner" already exists in this folder. Choose another name.');
});

test('a connected quick connection saved as a site for another user stays a quick connection, and says why', async ({
  page,
  servers,
}) => {
  await app.start(page);
  await connectTrusted(page, servers, 'sftp');
  // Bookmarks need a saved site: the Bookmarks way to save one gives it this tab.
  await page
    .getByRole('region', { name: 'Remote files' })
    .getByRole('button', { name: 'Add bookmark' })
    .click();
  await page
    .getByRole('dialog', { name: 'Save this connection as a site first' })
    .getByRole('button', { name: 'Save as site…' })
    .click();
  const manager = page.getByRole('dialog', { name: 'Site manager' });
  const form = manager.getByRole('form', { name: 'New site' });
  await form.getByLabel('Name', { exact: true }).fill('Someone else’s');
  await form.getByLabel('User', { exact: true }).fill('someone-else');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(manager.getByRole('alert')).toContainText(
    'The open connection tab stays a quick connection, because this site now names another server or user',
  );
  await manager.getByRole('button', { name: 'Close site manager' }).click();
  // The tab keeps its quick connection's name, not the site's.
  await expect(
    page.getByRole('tablist', { name: 'Connections' }).getByRole('tab', { selected: true }),
  ).not.toContainText('Someone else’s');
});
