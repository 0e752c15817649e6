/**
 * The security check in the browser edition, against the harness servers: the panel shows a
 * card per port, the recommendation on top, and "Use this" fills quick connect.
 */
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A port nothing listens on (it was free a moment ago). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function check(page: Page, ports: number[]) {
  await page.getByRole('button', { name: 'Check security' }).click();
  const dialog = page.getByRole('dialog', { name: 'Security check' });
  await dialog.getByRole('textbox', { name: 'Host to check' }).fill('127.0.0.1');
  await dialog.getByRole('textbox', { name: 'Ports to check' }).fill(ports.join(', '));
  await dialog.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Checked in');
  return dialog;
}

test('checks every harness port and "Use this" sets up SFTP in quick connect', async ({
  openFerry,
  servers,
}) => {
  const page = await openFerry();
  const closed = await closedPort();
  const sftp = servers.sftp!;
  const dialog = await check(page, [
    sftp.port,
    servers.ftpsExplicit!.port,
    servers.ftpsImplicit!.port,
    servers.ftp!.port,
    servers.ftpsWeak!.port,
    closed,
  ]);

  const recommendation = dialog.getByRole('region', { name: 'Recommendation' });
  await expect(recommendation).toContainText(`Use SFTP on port ${sftp.port}`);

  const card = (port: number) => dialog.getByRole('article', { name: `Port ${port}` });
  await expect(card(sftp.port)).toContainText(sftp.hostKeys[0]!.fingerprint);
  await expect(card(sftp.port).getByRole('img', { name: /^Grade A/ })).toBeVisible();
  await expect(card(servers.ftpsExplicit!.port)).toContainText('FTPS, explicit TLS');
  await expect(card(servers.ftpsImplicit!.port)).toContainText('FTPS, implicit TLS');
  await expect(card(servers.ftp!.port).getByRole('img', { name: /^Grade F/ })).toBeVisible();
  await expect(card(servers.ftp!.port)).toContainText('plain FTP allows login without encryption');
  await expect(card(servers.ftpsWeak!.port)).toContainText('accepts TLS 1.0');
  await expect(card(closed)).toContainText('Nothing is listening on this port.');

  await recommendation.getByRole('button', { name: 'Use this' }).click();
  await expect(dialog).toBeHidden();
  const form = page.getByRole('form', { name: 'Quick connect' });
  await expect(form.getByRole('combobox', { name: 'Protocol' })).toHaveValue('sftp');
  await expect(form.getByRole('textbox', { name: 'Port' })).toHaveValue(String(sftp.port));
});

test('without SSH it recommends FTPS, never plain FTP', async ({ openFerry, servers }) => {
  const page = await openFerry();
  const dialog = await check(page, [servers.ftp!.port, servers.ftpsExplicit!.port]);
  const recommendation = dialog.getByRole('region', { name: 'Recommendation' });
  await expect(recommendation).toContainText(
    `Use FTPS (explicit TLS) on port ${servers.ftpsExplicit!.port}`,
  );
  await recommendation.getByRole('button', { name: 'Use this' }).click();
  const form = page.getByRole('form', { name: 'Quick connect' });
  await expect(form.getByRole('combobox', { name: 'Protocol' })).toHaveValue('ftps-explicit');
  await expect(form.getByRole('textbox', { name: 'Port' })).toHaveValue(
    String(servers.ftpsExplicit!.port),
  );
});

test('with only plain FTP it says there is no secure way in', async ({ openFerry, servers }) => {
  const page = await openFerry();
  const dialog = await check(page, [servers.ftp!.port]);
  const recommendation = dialog.getByRole('region', { name: 'Recommendation' });
  await expect(recommendation).toContainText('No secure way in');
  await expect(recommendation).toContainText('Only plain FTP answers');
  await expect(dialog.getByRole('button', { name: 'Use this' })).toHaveCount(0);
});

test('a port list it cannot read is explained before anything is checked', async ({
  openFerry,
}) => {
  const page = await openFerry();
  await page.getByRole('button', { name: 'Check security' }).click();
  const dialog = page.getByRole('dialog', { name: 'Security check' });
  await dialog.getByRole('textbox', { name: 'Host to check' }).fill('127.0.0.1');
  await dialog.getByRole('textbox', { name: 'Ports to check' }).fill('22, ssh');
  await dialog.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('“ssh” is not a port');
});
