/**
 * The local pane in the browser edition, against real folders the test creates. Every change the
 * pane makes is checked on disk.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { fillHome } from './helpers/local-home';
import { localPane } from './helpers/panes';

test('shows the home folder: folders first, sizes in human units, hidden files on request', async ({
  ferryApp,
  openFerry,
}) => {
  await fillHome(ferryApp.home);
  const page = await openFerry();
  const local = localPane(page);

  await expect(local.pathBar).toHaveValue(ferryApp.home);
  await expect(local.cell('notes.txt')).toBeVisible();
  expect(await local.names()).toEqual([
    'Music',
    'Projects',
    'notes.txt',
    'photo.jpg',
    'report.pdf',
  ]);
  const photo = local.grid
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: 'photo.jpg', exact: true }) });
  await expect(photo.getByRole('gridcell')).toHaveText([
    'photo.jpg',
    '1.2 MB',
    'JPG file',
    /\d/,
    'rw-r--r--',
  ]);
  await expect(local.status).toHaveText('5 items shown of 6');

  await expect(local.cell('.bashrc')).toHaveCount(0);
  await local.button('Show hidden files').click();
  await expect(local.button('Show hidden files')).toHaveAttribute('aria-pressed', 'true');
  await expect(local.cell('.bashrc')).toBeVisible();
});

test('creates, renames and deletes a folder, each change on disk', async ({
  ferryApp,
  openFerry,
}) => {
  await fillHome(ferryApp.home);
  const page = await openFerry();
  const local = localPane(page);
  await expect(local.cell('notes.txt')).toBeVisible();

  // Create
  await local.button('New folder').click();
  const create = page.getByRole('dialog', { name: 'New folder' });
  await expect(create.getByRole('textbox', { name: 'Folder name' })).toBeFocused();
  await create.getByRole('textbox', { name: 'Folder name' }).fill('Music');
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(create.getByRole('alert')).toContainText('already exists');
  await create.getByRole('textbox', { name: 'Folder name' }).fill('Invoices');
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(create).toHaveCount(0);
  await expect(local.cell('Invoices')).toBeVisible();
  expect((await stat(join(ferryApp.home, 'Invoices'))).isDirectory()).toBe(true);
  // The new folder is selected and the keyboard is back on the list.
  await expect(local.grid).toBeFocused();
  await expect(local.status).toContainText('1 selected');

  // Rename in place (F2)
  await local.grid.press('F2');
  const nameField = local.grid.getByRole('textbox', { name: 'New name for Invoices' });
  await expect(nameField).toBeFocused();
  await nameField.fill('Bills 2026');
  await nameField.press('Enter');
  await expect(local.cell('Bills 2026')).toBeVisible();
  await expect(local.cell('Invoices')).toHaveCount(0);
  expect(existsSync(join(ferryApp.home, 'Bills 2026'))).toBe(true);
  expect(existsSync(join(ferryApp.home, 'Invoices'))).toBe(false);

  // Renaming onto an existing name is refused and nothing is overwritten.
  await local.cell('notes.txt').click();
  await local.grid.press('F2');
  await local.grid.getByRole('textbox', { name: 'New name for notes.txt' }).fill('report.pdf');
  await local.grid.getByRole('textbox', { name: 'New name for notes.txt' }).press('Enter');
  await expect(local.pane.getByRole('alert')).toContainText('already exists');
  expect(await readFile(join(ferryApp.home, 'notes.txt'), 'utf8')).toBe('hello');
  expect((await stat(join(ferryApp.home, 'report.pdf'))).size).toBe(45_000);
  await local.button('Dismiss error').click();
  await expect(local.pane.getByRole('alert')).toHaveCount(0);

  // Delete (the browser edition deletes for good, and says so)
  await local.cell('Bills 2026').click();
  await local.grid.press('Delete');
  const confirm = page.getByRole('dialog', {
    name: 'Delete 1 item permanently? This cannot be undone.',
  });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.press('Escape');
  await expect(confirm).toHaveCount(0);
  expect(existsSync(join(ferryApp.home, 'Bills 2026'))).toBe(true);
  await local.grid.press('Delete');
  await confirm.getByRole('button', { name: 'Delete permanently' }).click();
  await expect(local.cell('Bills 2026')).toHaveCount(0);
  expect(existsSync(join(ferryApp.home, 'Bills 2026'))).toBe(false);
});

test('sorts by size from a column header, folders staying first', async ({
  ferryApp,
  openFerry,
}) => {
  await fillHome(ferryApp.home);
  const page = await openFerry();
  const local = localPane(page);
  await expect(local.cell('notes.txt')).toBeVisible();

  const size = local.grid.getByRole('columnheader', { name: 'Size' });
  await expect(size).toHaveAttribute('aria-sort', 'none');
  await size.getByRole('button').click();
  await expect(size).toHaveAttribute('aria-sort', 'descending');
  await expect(local.grid.getByRole('columnheader', { name: 'Name' })).toHaveAttribute(
    'aria-sort',
    'none',
  );
  expect(await local.names()).toEqual([
    'Projects',
    'Music',
    'photo.jpg',
    'report.pdf',
    'notes.txt',
  ]);
  await size.getByRole('button').click();
  await expect(size).toHaveAttribute('aria-sort', 'ascending');
  expect(await local.names()).toEqual([
    'Music',
    'Projects',
    'notes.txt',
    'report.pdf',
    'photo.jpg',
  ]);
});

test('opens a folder and goes back up, by mouse and by keyboard', async ({
  ferryApp,
  openFerry,
}) => {
  await fillHome(ferryApp.home);
  await writeFile(join(ferryApp.home, 'Projects', 'plan.md'), '# plan');
  const page = await openFerry();
  const local = localPane(page);
  const projects = join(ferryApp.home, 'Projects');

  await local.cell('Projects').dblclick();
  await expect(local.pathBar).toHaveValue(projects);
  expect(await local.names()).toEqual(['ferry', 'plan.md']);

  await local.button('Up one folder').click();
  await expect(local.pathBar).toHaveValue(ferryApp.home);
  await local.button('Back').click();
  await expect(local.pathBar).toHaveValue(projects);
  await local.button('Forward').click();
  await expect(local.pathBar).toHaveValue(ferryApp.home);

  // Keyboard: Enter opens the focused folder, Backspace goes up and lands on it again.
  await local.cell('Projects').click();
  await local.grid.press('Enter');
  await expect(local.pathBar).toHaveValue(projects);
  await local.grid.press('Backspace');
  await expect(local.pathBar).toHaveValue(ferryApp.home);
  await local.grid.press('Enter');
  await expect(local.pathBar).toHaveValue(projects);

  // Breadcrumbs and the path bar
  await local.pane
    .getByRole('navigation', { name: 'Breadcrumbs' })
    .getByRole('button')
    .first()
    .click();
  await expect(local.pathBar).toHaveValue('/');
  await local.goTo(join(projects, 'ferry'));
  await expect(local.pathBar).toHaveValue(join(projects, 'ferry'));
  await expect(local.pane.getByText('This folder is empty.')).toBeVisible();
});

test('the breadcrumbs of a path wider than the pane show the folder you are in', async ({
  ferryApp,
  openFerry,
}) => {
  const names = ['a-rather-long-folder-name', 'another-long-folder-name', 'and-a-third-one'];
  const deep = join(ferryApp.home, ...names, 'you-are-here');
  await mkdir(deep, { recursive: true });
  const page = await openFerry();
  const local = localPane(page);
  await local.goTo(deep);
  const crumbs = local.pane.getByRole('navigation', { name: 'Breadcrumbs' });
  const here = crumbs.getByRole('button', { name: 'you-are-here' });
  await expect(here).toHaveAttribute('aria-current', 'location');
  // Whole, but for a sub-pixel rounding of the scroll position (0.997 seen).
  await expect(here).toBeInViewport({ ratio: 0.95 });
  // The start of the path is still there, a scroll away.
  await expect(crumbs.getByRole('button').first()).not.toBeInViewport();
});
