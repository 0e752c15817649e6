/**
 * A site behind an SSH jump host, end to end in Chromium (browser edition, real servers): the
 * harness's sshd is the jump host to itself, reached behind it as "localhost" (a name only the
 * jump host resolves here). The site form's SSH tunnel group, the jump host's own key question,
 * a wrong jump password said as the jump host's, then the connection through it: the status line
 * and log name the jump host, a download arrives intact, the site's security check goes through
 * the jump host and grades it too, the sites file holds no password; a jump connection cut
 * mid-session is said as the jump host's, and Reconnect goes through it again. Each new state is
 * scanned with axe.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from './harness/checksums';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectedStatus, hostKeyQuestion } from './helpers/connect';
import { startHangUpRelay } from './helpers/hang-up-relay';
import { localPane, remotePane } from './helpers/panes';
import { openSiteManager, saveSite, useMasterPassword } from './helpers/site-manager';

test('a site through an SSH jump host: its key asked apart, a wrong password said in words, then a download', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  // One journey of many logins (jump host, server, security check, a cut and Reconnect): ~20 s
  // on a quiet machine, near the 60 s limit on a loaded one.
  test.slow();
  const folder = `jump-${randomBytes(4).toString('hex')}`;
  const data = randomBytes(400_000);
  await servers.fixtures.writeFile(`${folder}/behind.bin`, data);
  const port = servers.sftp!.port;
  const page = await openFerry();
  const manager = await openSiteManager(page);
  await useMasterPassword(page, manager, 'a long master password');
  await saveSite(manager, {
    name: 'Behind bastion',
    host: 'localhost',
    port,
    user: servers.user.name,
    password: servers.user.password,
  });
  const form = manager.getByRole('form', { name: 'Site Behind bastion' });
  const tunnel = form.getByRole('group', { name: 'SSH tunnel (jump host)' });
  await tunnel.getByRole('checkbox', { name: 'Connect through an SSH jump host' }).check();
  // Nothing to save until the jump host has a host and a user.
  await expect(tunnel.getByText('Type the jump host’s name or address.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await tunnel.getByRole('textbox', { name: 'Jump host', exact: true }).fill('127.0.0.1');
  await tunnel.getByRole('textbox', { name: 'Jump host port' }).fill('22x');
  await expect(tunnel.getByText('A port is a whole number from 1 to 65535.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await tunnel.getByRole('textbox', { name: 'Jump host port' }).fill(String(port));
  await tunnel.getByRole('textbox', { name: 'Jump host user' }).fill(servers.user.name);
  await tunnel.getByRole('textbox', { name: 'Jump host password' }).fill('not-the-password');
  await expectAccessible(page, 'a site form with an SSH jump host');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(tunnel.getByRole('textbox', { name: 'Jump host password' })).toHaveAttribute(
    'placeholder',
    'Saved — type to replace',
  );

  // The jump host's key is asked about first, under its own address.
  await manager.getByRole('treeitem', { name: 'Behind bastion' }).dblclick();
  await expect(hostKeyQuestion(page)).toContainText(`127.0.0.1:${port}`);
  await expect(hostKeyQuestion(page)).toContainText(
    `It is the SSH jump host the connection goes through to reach localhost:${port}`,
  );
  await expectAccessible(page, 'the jump host’s key asked about');
  await hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }).click();
  const failed = manager.getByRole('alert', { name: 'Connection failed' });
  await expect(failed).toContainText(
    `The jump host 127.0.0.1:${port} refused the login of ${servers.user.name}`,
  );
  await expect(failed).toContainText('they are the jump host’s login, not the server’s');
  await expectAccessible(page, 'a jump host that refused the login');
  await failed.getByRole('button', { name: 'Dismiss' }).click();

  await tunnel.getByRole('textbox', { name: 'Jump host password' }).fill(servers.user.password);
  await form.getByRole('button', { name: 'Save and connect' }).click();
  // The jump host is known now: only the server behind it is asked about.
  await expect(hostKeyQuestion(page)).toContainText(`localhost:${port}`);
  await expect(hostKeyQuestion(page)).not.toContainText('jump host');
  await hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }).click();
  const through = `SSH jump host ${servers.user.name}@127.0.0.1:${port}`;
  await expect(connectedStatus(page)).toContainText(
    `Connected to localhost:${port} as ${servers.user.name} over SFTP through the ${through}`,
  );
  const remote = remotePane(page);
  await remote.goTo(`${servers.root}/${folder}`);
  await remote.cell('behind.bin').click();
  await remote.grid.press('Control+d');
  const panel = page.getByRole('tabpanel', { name: 'Transfers' });
  await panel.getByRole('tab', { name: /^Finished/ }).click();
  await expect(
    panel.getByRole('listitem', { name: 'Download behind.bin', exact: true }),
  ).toContainText('Done', { timeout: 30_000 });
  expect(sha256(await readFile(join(ferryApp.home, 'behind.bin')))).toBe(sha256(data));
  await expect(localPane(page).cell('behind.bin')).toBeVisible();
  await page.getByRole('tab', { name: /^Log/ }).click();
  const log = page.getByRole('log', { name: 'Connection log' });
  await expect(log).toContainText(`Connecting through ${through}`);
  await expect(log).not.toContainText(servers.user.password);
  await expect(log).not.toContainText('not-the-password');
  await expectAccessible(page, 'connected through an SSH jump host');

  // With no jump password saved (forgotten, or an imported site's), connecting asks for it.
  await page.getByRole('button', { name: 'Sites', exact: true }).click();
  await manager.getByRole('treeitem', { name: 'Behind bastion' }).click();

  // The site's security check goes through its jump host, and grades the jump host's SSH too.
  await form.getByRole('button', { name: 'Check security' }).click();
  const check = page.getByRole('dialog', { name: 'Security check' });
  await expect(check).toContainText(
    `through the site’s SSH jump host ${servers.user.name}@127.0.0.1:${port}`,
  );
  await expect(check.getByRole('status')).toContainText(
    `Every port was checked through the ${through}.`,
    { timeout: 20_000 },
  );
  await expect(check.getByRole('article', { name: `Port ${port}` })).toContainText('SFTP');
  await expect(check.getByRole('article', { name: `Jump host 127.0.0.1:${port}` })).toContainText(
    'SFTP',
  );
  await expectAccessible(page, 'a site’s security check through its jump host');
  await check.getByRole('button', { name: 'Close' }).click();

  const forget = tunnel.getByRole('checkbox', { name: 'Forget the saved jump host password' });
  await forget.check();
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  // Saved once the box is gone (nothing left to forget); the placeholder changes at the tick.
  await expect(forget).toHaveCount(0);
  await expect(tunnel.getByRole('textbox', { name: 'Jump host password' })).toHaveAttribute(
    'placeholder',
    'Not saved',
  );
  await manager.getByRole('treeitem', { name: 'Behind bastion' }).dblclick();
  const asked = page.getByRole('dialog', { name: 'Jump host password for Behind bastion' });
  await expect(asked).toContainText(`${servers.user.name}@127.0.0.1:${port}`);
  await expectAccessible(page, 'the jump host’s password asked before connecting');
  await asked.getByLabel('Jump host password').fill(servers.user.password);
  await asked.getByRole('button', { name: 'Connect' }).click();
  await expect(manager).toHaveCount(0);
  await expect(connectedStatus(page)).toContainText(`through the ${through}`);

  const sitesFile = await readFile(join(ferryApp.dataDir, 'sites.json'), 'utf8');
  expect(sitesFile).toContain('"jumpEnabled": true');
  expect(sitesFile).not.toContain(servers.user.password);
  expect(sitesFile).not.toContain('not-the-password');

  // The jump connection drops (the network to it cut): the tab says it was the jump host, with
  // what to do, and Reconnect goes through it again once it answers.
  const relay = await startHangUpRelay(port);
  try {
    const viaRelay = `127.0.0.1:${relay.port}`;
    await page.getByRole('button', { name: 'Sites', exact: true }).click();
    await manager.getByRole('treeitem', { name: 'Behind bastion' }).click();
    await tunnel.getByRole('textbox', { name: 'Jump host port' }).fill(String(relay.port));
    await form.getByRole('button', { name: 'Save and connect' }).click();
    const jumpLogin = async (): Promise<void> => {
      await asked.getByLabel('Jump host password').fill(servers.user.password);
      await asked.getByRole('button', { name: 'Connect' }).click();
    };
    await jumpLogin();
    // Another address is another jump host: its key is asked about (the same key, here).
    await expect(hostKeyQuestion(page)).toContainText(viaRelay);
    await hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }).click();
    await expect(connectedStatus(page)).toContainText(
      `through the SSH jump host ${servers.user.name}@${viaRelay}`,
    );

    relay.hangUp();
    const remote = remotePane(page);
    await expect(remote.pane.getByRole('heading', { name: 'Connection lost' })).toBeVisible();
    const lost = remote.pane.getByRole('alert');
    await expect(lost).toContainText(
      `The connection to the jump host ${viaRelay} was lost — the connection to the server through it ended with it.`,
    );
    await expect(lost).toContainText('Check that the jump host is running');
    await expectAccessible(page, 'a tab whose jump connection was lost');
    await remote.pane.getByRole('button', { name: 'Reconnect' }).click();
    await jumpLogin();
    await expect(connectedStatus(page)).toContainText(
      `through the SSH jump host ${servers.user.name}@${viaRelay}`,
    );
  } finally {
    await relay.close();
  }
});
