/** Locators and set-up shared by the local-pane specs. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

export const NOBODY = { uid: 65534, gid: 65534 };

export function localPane(page: Page) {
  const pane = page.getByRole('region', { name: 'Local files' });
  const grid = pane.getByRole('grid', { name: 'Local files' });
  return {
    pane,
    grid,
    cell: (name: string) => grid.getByRole('gridcell', { name, exact: true }),
    pathBar: pane.getByRole('textbox', { name: 'Folder path' }),
    status: pane.getByRole('status'),
    button: (name: string) => pane.getByRole('button', { name, exact: true }),
    /** The Name column, top to bottom, of the rows currently rendered. */
    names: () => grid.locator('[role="row"][data-path] .file-name').allTextContents(),
  };
}

export async function goTo(pathBar: Locator, path: string) {
  await pathBar.fill(path);
  await pathBar.press('Enter');
}

/** Home gets: two folders, three files of different sizes, a hidden file. */
export async function fillHome(home: string) {
  await mkdir(join(home, 'Projects', 'ferry'), { recursive: true });
  await mkdir(join(home, 'Music'));
  await writeFile(join(home, 'notes.txt'), 'hello');
  await writeFile(join(home, 'photo.jpg'), Buffer.alloc(1_234_567));
  await writeFile(join(home, 'report.pdf'), Buffer.alloc(45_000));
  await writeFile(join(home, '.bashrc'), 'secret');
}
