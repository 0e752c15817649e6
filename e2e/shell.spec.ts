import { expect, test } from './fixtures';

test('the browser edition shows both panes and the quick-connect bar', async ({ openFerry }) => {
  const page = await openFerry();
  await expect(page.getByRole('region', { name: 'Local files' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Remote files' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Not connected' })).toBeVisible();
  // The token leaves the address bar once the page has it.
  expect(page.url()).not.toContain('token=');
});

test('choosing a protocol sets its port unless the user typed one', async ({ openFerry }) => {
  const page = await openFerry();
  const protocol = page.getByRole('combobox', { name: 'Protocol' });
  const port = page.getByRole('textbox', { name: 'Port' });
  await expect(port).toHaveValue('22');
  await protocol.selectOption('ftps-implicit');
  await expect(port).toHaveValue('990');
  await protocol.selectOption('ftps-explicit');
  await expect(port).toHaveValue('21');
  await protocol.selectOption('ftp');
  await expect(port).toHaveValue('21');
  await port.fill('2121');
  await protocol.selectOption('sftp');
  await expect(port).toHaveValue('2121');
});

test('without the token the page says how to get in, and reaches nothing', async ({
  page,
  ferryApp,
}) => {
  await page.goto(ferryApp.url.replace(/#token=.*/, ''));
  await expect(page.getByRole('alert')).toContainText('Ferry cannot reach its back end');
  await expect(page.getByRole('form', { name: 'Quick connect' })).toHaveCount(0);
});

test('an address pasted into Host fills protocol, host, port and user', async ({ openFerry }) => {
  const page = await openFerry();
  const host = page.getByRole('textbox', { name: 'Host' });
  await host.fill('ftps://alice@files.example.com:2990/backups');
  await page.getByRole('textbox', { name: 'User' }).focus();
  await expect(page.getByRole('combobox', { name: 'Protocol' })).toHaveValue('ftps-implicit');
  await expect(host).toHaveValue('files.example.com');
  await expect(page.getByRole('textbox', { name: 'Port' })).toHaveValue('2990');
  await expect(page.getByRole('textbox', { name: 'User' })).toHaveValue('alice');
  // A password never belongs in an address: such text is left alone for the user to fix.
  await host.fill('sftp://alice:secret@files.example.com/');
  await page.getByRole('textbox', { name: 'User' }).focus();
  await expect(host).toHaveValue('sftp://alice:secret@files.example.com/');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Remote files' }).getByRole('alert')).toContainText(
    'Passwords do not belong',
  );
});
