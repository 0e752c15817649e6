/**
 * A proxy end to end in Chromium (browser edition, real servers): Settings → Proxy set to
 * OpenSSH's SOCKS5 (`ssh -D`, e2e/harness/proxies.ts); the connection goes through it, the
 * tab says so, the listing shows, a download arrives intact, and the log names the proxy. A proxy
 * that is not there is said in words with a hint. Each new state is scanned with axe.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sha256 } from './harness/checksums';
import { startProxies } from './harness/proxies';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectTrusted, connectedStatus, quickConnectAsTestUser } from './helpers/connect';
import { localPane, remotePane } from './helpers/panes';
import { openSiteManager, saveSite, useMasterPassword } from './helpers/site-manager';

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a SOCKS5 proxy set in Settings carries the connection, the listing and a download', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const proxies = await startProxies(servers);
  try {
    const folder = `proxy-${randomBytes(4).toString('hex')}`;
    const data = randomBytes(300_000);
    await servers.fixtures.writeFile(`${folder}/through.bin`, data);
    const page = await openFerry();

    let dialog = await openSettings(page);
    const kind = dialog.getByRole('combobox', { name: 'Connect through' });
    await expect(kind).toHaveValue('none');
    await kind.selectOption({ label: 'SOCKS5 proxy' });
    const port = dialog.getByRole('spinbutton', { name: 'Proxy port' });
    await expect(port).toHaveValue('1080');
    // Nothing to save until the proxy has a host.
    await expect(dialog.getByRole('alert')).toHaveText('Enter the proxy host.');
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Proxy host' }).fill('127.0.0.1');
    await port.fill(String(proxies.socks.port));
    await dialog.getByRole('textbox', { name: 'Proxy user (optional)' }).fill('someone');
    await expect(dialog.getByLabel('Proxy password')).toBeVisible();
    await expectAccessible(page, 'settings with a SOCKS5 proxy and its user');
    await dialog.getByRole('textbox', { name: 'Proxy user (optional)' }).fill('');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    const saved = JSON.parse(await readFile(join(ferryApp.dataDir, 'proxy.json'), 'utf8'));
    expect(saved).toMatchObject({
      proxy: { kind: 'socks5', host: '127.0.0.1', port: proxies.socks.port },
    });

    const at = await connectTrusted(page, servers, 'sftp');
    const where = `SOCKS5 proxy 127.0.0.1:${proxies.socks.port}`;
    await expect(connectedStatus(page)).toContainText(`through the ${where}`);
    const remote = remotePane(page);
    await remote.goTo(at(folder));
    await expect(remote.cell('through.bin')).toBeVisible();
    await remote.cell('through.bin').click();
    await remote.grid.press('Control+d');
    const panel = page.getByRole('tabpanel', { name: 'Transfers' });
    await panel.getByRole('tab', { name: /^Finished/ }).click();
    await expect(
      panel.getByRole('listitem', { name: 'Download through.bin', exact: true }),
    ).toContainText('Done', { timeout: 30_000 });
    expect(sha256(await readFile(join(ferryApp.home, 'through.bin')))).toBe(sha256(data));
    await expect(localPane(page).cell('through.bin')).toBeVisible();

    await page.getByRole('tab', { name: /^Log/ }).click();
    const log = page.getByRole('log', { name: 'Connection log' });
    await expect(log).toContainText(`Connecting through ${where}`);
    await expectAccessible(page, 'connected through a proxy');

    // The security check goes through the proxy as well, and says so.
    await page.getByRole('button', { name: 'Check security' }).click();
    const check = page.getByRole('dialog', { name: 'Security check' });
    await check.getByRole('textbox', { name: 'Host to check' }).fill('127.0.0.1');
    await check.getByRole('textbox', { name: 'Ports to check' }).fill(String(servers.sftp!.port));
    await check.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(check.getByRole('status')).toContainText(
      `Every port was checked through the ${where}.`,
    );
    await expect(
      check.getByRole('article', { name: `Port ${servers.sftp!.port}` }).getByRole('img', {
        name: /^Grade A/,
      }),
    ).toBeVisible();
    await expectAccessible(page, 'the security check through a proxy');
    await page.keyboard.press('Escape');
    await expect(check).toHaveCount(0);

    // The proxy goes away: the next connection says so, and what to do.
    dialog = await openSettings(page);
    await dialog
      .getByRole('spinbutton', { name: 'Proxy port' })
      .fill(String(proxies.socks.port + 400));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await page.keyboard.press('Control+t');
    await quickConnectAsTestUser(page, servers, 'sftp');
    const notice = page.getByRole('alert').filter({ hasText: 'at the SOCKS5 proxy' });
    await expect(notice).toContainText(
      `Nothing is accepting connections at the SOCKS5 proxy 127.0.0.1:${proxies.socks.port + 400}`,
    );
    await expect(notice).toContainText('Check the proxy in Settings');
    await expectAccessible(page, 'a proxy that is not there');

    // "No proxy" again: connections go direct, and the status says nothing of a proxy.
    dialog = await openSettings(page);
    await dialog.getByRole('combobox', { name: 'Connect through' }).selectOption('none');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    expect(JSON.parse(await readFile(join(ferryApp.dataDir, 'proxy.json'), 'utf8'))).toMatchObject({
      proxy: null,
    });
    await quickConnectAsTestUser(page, servers, 'sftp');
    await expect(connectedStatus(page)).toContainText(
      `Connected to 127.0.0.1:${servers.sftp!.port}`,
    );
    await expect(connectedStatus(page)).not.toContainText('proxy');
  } finally {
    await proxies.stop();
  }
});

test('a site with its own HTTP proxy and login goes through it, whatever the app’s proxy', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const proxies = await startProxies(servers);
  try {
    const page = await openFerry();
    // The app's proxy is not there: only the site's own can carry the connection.
    const settings = await openSettings(page);
    await settings.getByRole('combobox', { name: 'Connect through' }).selectOption('socks5');
    await settings.getByRole('textbox', { name: 'Proxy host' }).fill('127.0.0.1');
    await settings
      .getByRole('spinbutton', { name: 'Proxy port' })
      .fill(String(proxies.socks.port + 400));
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings).toHaveCount(0);

    const manager = await openSiteManager(page);
    await useMasterPassword(page, manager, 'a long master password');
    await saveSite(manager, {
      name: 'Behind HTTP',
      host: '127.0.0.1',
      port: servers.sftp!.port,
      user: servers.user.name,
      password: servers.user.password,
    });
    const form = manager.getByRole('form', { name: 'Site Behind HTTP' });
    const through = form.getByRole('combobox', { name: 'Connect through' });
    await expect(through).toHaveValue('app');
    await through.selectOption('http');
    await form.getByRole('textbox', { name: 'Proxy host' }).fill('127.0.0.1');
    await form.getByRole('spinbutton', { name: 'Proxy port' }).fill(String(proxies.httpAuth.port));
    await form.getByRole('textbox', { name: 'Proxy user (optional)' }).fill(proxies.user.name);
    await form.getByLabel('Proxy password').fill(proxies.user.password);
    // Active FTP cannot go through a proxy: the form says so where the choice is made.
    await form.getByLabel('Protocol').selectOption('ftps-explicit');
    await form.getByLabel('Data connections').selectOption('active');
    await expect(
      form.getByRole('note').filter({ hasText: 'Active data connections' }),
    ).toContainText(
      'cannot work through it (the server would have to connect back to this computer)',
    );
    await expectAccessible(page, 'a site with its own proxy and login, active FTP chosen');
    await form.getByLabel('Data connections').selectOption('passive');
    await form.getByLabel('Protocol').selectOption('sftp');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(form.getByLabel('Proxy password')).toHaveAttribute(
      'placeholder',
      'Saved (type to replace)',
    );
    const sitesFile = await readFile(join(ferryApp.dataDir, 'sites.json'), 'utf8');
    expect(sitesFile).toContain('"proxyMode": "http"');
    expect(sitesFile).not.toContain(proxies.user.password);

    await manager.getByRole('treeitem', { name: 'Behind HTTP' }).dblclick();
    await page
      .getByRole('dialog', { name: 'Is this the right server?' })
      .getByRole('button', { name: 'Trust and remember' })
      .click();
    await expect(connectedStatus(page)).toContainText(
      `through the HTTP CONNECT proxy 127.0.0.1:${proxies.httpAuth.port}`,
    );
    await page.getByRole('tab', { name: /^Log/ }).click();
    const log = page.getByRole('log', { name: 'Connection log' });
    await expect(log).toContainText(
      `Connecting through HTTP CONNECT proxy 127.0.0.1:${proxies.httpAuth.port}`,
    );
    await expect(log).not.toContainText(proxies.user.password);
  } finally {
    await proxies.stop();
  }
});

test('a site whose own proxy has no saved password asks for it before connecting', async ({
  servers,
  openFerry,
}) => {
  const proxies = await startProxies(servers);
  try {
    const page = await openFerry();
    const manager = await openSiteManager(page);
    // No master password: nothing can keep a password, as after importing a site.
    await saveSite(manager, {
      name: 'Proxy asks',
      host: '127.0.0.1',
      port: servers.sftp!.port,
      user: servers.user.name,
    });
    const form = manager.getByRole('form', { name: 'Site Proxy asks' });
    await form.getByRole('combobox', { name: 'Connect through' }).selectOption('http');
    await form.getByRole('textbox', { name: 'Proxy host' }).fill('127.0.0.1');
    await form.getByRole('spinbutton', { name: 'Proxy port' }).fill(String(proxies.httpAuth.port));
    await form.getByRole('textbox', { name: 'Proxy user (optional)' }).fill(proxies.user.name);
    await form.getByRole('button', { name: 'Save', exact: true }).click();

    await manager.getByRole('treeitem', { name: 'Proxy asks' }).dblclick();
    const login = page.getByRole('dialog', { name: 'Password for Proxy asks' });
    await login.getByLabel('Server password').fill(servers.user.password);
    await login.getByRole('button', { name: 'Connect' }).click();
    const asked = page.getByRole('dialog', { name: 'Proxy password for Proxy asks' });
    await expect(asked).toContainText(`${proxies.user.name} at the proxy 127.0.0.1:`);
    await expectAccessible(page, 'the own proxy’s password asked before connecting');
    await asked.getByLabel('Proxy password').fill(proxies.user.password);
    await asked.getByRole('button', { name: 'Connect' }).click();
    await page
      .getByRole('dialog', { name: 'Is this the right server?' })
      .getByRole('button', { name: 'Trust and remember' })
      .click();
    await expect(connectedStatus(page)).toContainText(
      `through the HTTP CONNECT proxy 127.0.0.1:${proxies.httpAuth.port}`,
    );
  } finally {
    await proxies.stop();
  }
});
