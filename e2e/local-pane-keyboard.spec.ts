/** The local pane by keyboard and context menu, in the browser edition. */
import { expect, test } from './fixtures';
import { fillHome } from './helpers/local-home';
import { localPane } from './helpers/panes';

test('the keyboard selects, filters and opens the context menu', async ({
  ferryApp,
  openFerry,
}) => {
  await fillHome(ferryApp.home);
  const page = await openFerry();
  const local = localPane(page);
  await expect(local.cell('notes.txt')).toBeVisible();

  await local.grid.focus();
  await local.grid.press('ArrowDown');
  await local.grid.press('ArrowDown');
  await expect(local.grid.getByRole('row', { selected: true })).toHaveCount(1);
  await local.grid.press('Shift+ArrowDown');
  await local.grid.press('Shift+ArrowDown');
  await expect(local.status).toContainText('3 selected');
  await expect(local.grid.getByRole('row', { selected: true })).toHaveCount(3);
  await local.grid.press('ControlOrMeta+a');
  await expect(local.status).toContainText('5 selected');

  // Shift-click selects a range, Ctrl-click toggles one.
  await local.cell('Music').click();
  await local.cell('notes.txt').click({ modifiers: ['Shift'] });
  await expect(local.status).toContainText('3 selected');
  await local.cell('Projects').click({ modifiers: ['ControlOrMeta'] });
  await expect(local.status).toContainText('2 selected');

  await local.grid.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Local files actions' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Delete' })).toBeFocused();
  await expect(menu.getByRole('menuitem', { name: 'Rename' })).toHaveAttribute(
    'aria-disabled',
    'true',
  );
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(local.grid).toBeFocused();

  // Right-click on one file: its actions, and New folder from the menu.
  await local.cell('report.pdf').click({ button: 'right' });
  await expect(menu.getByRole('menuitem', { name: 'Rename' })).toBeEnabled();
  await menu.getByRole('menuitem', { name: 'New folder' }).click();
  await expect(page.getByRole('dialog', { name: 'New folder' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'New folder' })).toHaveCount(0);

  // Typing on the list starts filtering by name.
  await local.grid.focus();
  await page.keyboard.type('rep');
  await expect(local.pane.getByRole('searchbox', { name: 'Filter by name' })).toHaveValue('rep');
  expect(await local.names()).toEqual(['report.pdf']);
  await page.keyboard.press('Escape');
  await expect(local.grid).toBeFocused();
  expect(await local.names()).toHaveLength(5);
});
