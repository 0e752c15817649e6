/**
 * Reordering the transfer queue in the real app (WinSCP's Move up / Move down): four downloads
 * over FTPS, one at a time and slowed down, are paused; one is moved to the top with Alt+Home,
 * one to the bottom from its context menu, two together down with Alt+Down. The list shows the
 * new order (and says it to screen readers), the keyboard stays on the moved row, the states are
 * scanned with axe, and after Resume the files land on disk in that order (each file's arrival
 * time), every one whole.
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sha256, sha256File } from './harness/checksums';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectTrusted } from './helpers/connect';
import { remotePane } from './helpers/panes';

const NAMES = ['a.bin', 'b.bin', 'c.bin', 'd.bin'];

/** One transfer at a time, downloads at 128 KiB/s: the queue waits long enough to be reordered. */
async function oneSlowTransferAtATime(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('spinbutton', { name: 'Parallel transfers' }).fill('1');
  await dialog.getByRole('checkbox', { name: 'Limit downloads to' }).check();
  await dialog.getByRole('spinbutton', { name: 'Download speed limit' }).fill('128');
  await dialog.getByRole('combobox', { name: 'Download speed limit unit' }).selectOption('KiB/s');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
}

/** The names in the order they landed in `dir` (the rename that completes each download). */
async function arrivalOrder(dir: string, names: string[]): Promise<string[]> {
  const landed = await Promise.all(
    names.map(async (name) => ({
      name,
      at: (await stat(join(dir, name), { bigint: true })).ctimeNs,
    })),
  );
  return landed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map(({ name }) => name);
}

test('waiting downloads are moved with Alt+Home, the context menu and Alt+Down, and arrive in that order', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const folder = `queue-order-${randomBytes(4).toString('hex')}`;
  const sums = new Map<string, string>();
  for (const name of NAMES) {
    // The first one queued is the one moving when Pause is pressed: big enough (3 s) that it
    // is still moving on a busy machine.
    const data = randomBytes(name === 'a.bin' ? 400 * 1024 : 64 * 1024);
    await servers.fixtures.writeFile(`${folder}/${name}`, data);
    sums.set(name, sha256(data));
  }
  const page = await openFerry();
  await oneSlowTransferAtATime(page);
  const at = await connectTrusted(page, servers, 'ftps-explicit');
  const remote = remotePane(page);
  await remote.goTo(at(folder));
  await remote.cell('a.bin').click();
  await remote.cell('d.bin').click({ modifiers: ['Shift'] });
  await remote.grid.press('Control+d');

  const panel = page.getByRole('tabpanel', { name: 'Transfers' });
  await panel.getByRole('button', { name: 'Pause queue' }).click();
  await expect(panel.getByRole('button', { name: 'Resume queue' })).toBeVisible();
  const list = panel.getByRole('list', { name: 'Queued and active transfers' });
  const row = (name: string) => list.getByRole('listitem', { name: `Download ${name}` });
  const select = (name: string) => list.getByRole('checkbox', { name: `Select download ${name}` });
  const shown = () =>
    list.getByRole('listitem').evaluateAll((items) => items.map((item) => item.ariaLabel ?? ''));
  // Paused before any finished: all four wait (the first one interrupted), in the order queued.
  await expect.poll(shown).toEqual(NAMES.map((name) => `Download ${name}`));

  // Alt+Home on d.bin's checkbox: to the top; the keyboard stays with it.
  await select('d.bin').check();
  await page.keyboard.press('Alt+Home');
  await expect.poll(shown).toEqual(['d', 'a', 'b', 'c'].map((n) => `Download ${n}.bin`));
  await expect(select('d.bin')).toBeFocused();
  await expect(select('d.bin')).toBeChecked();
  // The rows move silently: a screen reader hears what moved where.
  const said = panel.getByRole('status');
  await expect(said.filter({ hasText: 'd.bin moved to the top.' })).toHaveCount(1);

  // Right click on a.bin: it alone is chosen, and the menu moves it to the bottom.
  await row('a.bin').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Transfer queue' });
  await expect(menu.getByRole('menuitem', { name: 'Move to bottom' })).toBeEnabled();
  await expect(menu.getByRole('menuitem', { name: 'Move down' })).toHaveAttribute(
    'aria-keyshortcuts',
    'Alt+ArrowDown',
  );
  await expect(select('a.bin')).toBeChecked();
  await expect(select('d.bin')).not.toBeChecked();
  await expectAccessible(page, 'the transfer queue’s menu, one waiting transfer chosen');
  await menu.getByRole('menuitem', { name: 'Move to bottom' }).click();
  await expect(menu).toHaveCount(0);
  await expect.poll(shown).toEqual(['d', 'b', 'c', 'a'].map((n) => `Download ${n}.bin`));
  await expect(said.filter({ hasText: 'a.bin moved to the bottom.' })).toHaveCount(1);

  // b.bin added to the choice from the keyboard (Up from c.bin's checkbox, Space): Alt+Down
  // moves both, a.bin staying last.
  await select('c.bin').focus();
  await page.keyboard.press('ArrowUp');
  await expect(select('b.bin')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(select('b.bin')).toBeChecked();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(shown).toEqual(['d', 'c', 'b', 'a'].map((n) => `Download ${n}.bin`));
  await expect(said.filter({ hasText: '2 transfers moved down one place.' })).toHaveCount(1);
  // Shift+F10 opens the same menu from the keyboard; at the bottom already, nothing goes down.
  await select('b.bin').press('Shift+F10');
  await expect(menu.getByRole('menuitem', { name: 'Move down' })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await expect(menu.getByRole('menuitem', { name: 'Move to top' })).toBeFocused();
  await expectAccessible(page, 'the transfer queue, two waiting transfers chosen');
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(select('b.bin')).toBeFocused();

  await panel.getByRole('button', { name: 'Resume queue' }).click();
  await panel.getByRole('tab', { name: /^Finished/ }).click();
  await expect(panel.getByRole('tab', { name: 'Finished (4)' })).toBeVisible({ timeout: 30_000 });
  expect(await arrivalOrder(ferryApp.home, NAMES)).toEqual(['d.bin', 'c.bin', 'b.bin', 'a.bin']);
  for (const name of NAMES) {
    expect(await sha256File(join(ferryApp.home, name))).toBe(sums.get(name));
  }
});
