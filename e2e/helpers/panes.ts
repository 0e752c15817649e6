/** Locators for the two file panes, by role and accessible name. */
import { expect, type Page } from '@playwright/test';

export type PaneName = 'Local files' | 'Remote files';

export function filePane(page: Page, name: PaneName) {
  const pane = page.getByRole('region', { name });
  const grid = pane.getByRole('grid', { name });
  return {
    pane,
    grid,
    cell: (file: string) => grid.getByRole('gridcell', { name: file, exact: true }),
    pathBar: pane.getByRole('textbox', { name: 'Folder path' }),
    status: pane.getByRole('status'),
    button: (label: string) => pane.getByRole('button', { name: label, exact: true }),
    /** The Name column, top to bottom, of the rows currently rendered. */
    names: () => grid.locator('[role="row"][data-path] .file-name').allTextContents(),
    /** Types a folder into the path bar; the text stays there even when it cannot be opened. */
    async goTo(path: string) {
      // After the first listing: it would otherwise replace the folder typed here.
      await expect(this.pathBar).toHaveValue(/./);
      await expect(grid).toHaveAttribute('aria-busy', 'false');
      await this.pathBar.fill(path);
      await this.pathBar.press('Enter');
      await expect(this.pathBar).toHaveValue(path);
      // The typed text shows at once; the pane is there once its breadcrumbs end at `path` (or
      // it says why it cannot open it). Actions that use the pane's folder must wait for that.
      const here = pane.getByRole('navigation', { name: /^Breadcrumbs/ }).locator('[aria-current]');
      const problem = pane.getByRole('alert');
      // The pane's own spelling of a path: "a//b/" is the folder "a/b".
      const wanted = path.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
      await expect
        .poll(
          async () => (await here.getAttribute('title')) === wanted || (await problem.count()) > 0,
        )
        .toBe(true);
    },
  };
}

export const localPane = (page: Page) => filePane(page, 'Local files');
export const remotePane = (page: Page) => filePane(page, 'Remote files');
