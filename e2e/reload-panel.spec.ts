/**
 * A reload (F5) of the browser edition keeps the bottom panel as the user left it: the tab it
 * showed (Transfers or Log) and the transfer list's filter. Another browser tab on the same
 * address starts with its own, default view.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

function bottomPanel(page: Page) {
  const strip = page.getByRole('tablist', { name: 'Bottom panel' });
  const filters = page.getByRole('tablist', { name: 'Show transfers' });
  return {
    transfersTab: strip.getByRole('tab', { name: 'Transfers' }),
    logTab: strip.getByRole('tab', { name: /^Log/ }),
    filter: (name: RegExp) => filters.getByRole('tab', { name }),
    log: page.getByRole('log', { name: 'Connection log' }),
  };
}

test('the bottom panel’s tab and the transfer filter survive a reload', async ({
  ferryApp,
  openFerry,
}) => {
  const page = await openFerry();
  let panel = bottomPanel(page);
  await expect(panel.transfersTab).toHaveAttribute('aria-selected', 'true');
  await panel.filter(/^Failed/).click();
  await expect(panel.filter(/^Failed/)).toHaveAttribute('aria-selected', 'true');
  await panel.logTab.click();
  await expect(panel.log).toBeVisible();

  await page.reload();
  await expect(page.getByRole('form', { name: 'Quick connect' })).toBeVisible();
  panel = bottomPanel(page);
  await expect(panel.logTab).toHaveAttribute('aria-selected', 'true');
  await expect(panel.log).toBeVisible();
  await panel.transfersTab.click();
  await expect(panel.filter(/^Failed/)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: /^Failed/ })).toBeVisible();

  // The keyboard way (arrows on the filters) is kept the same way.
  await panel.filter(/^Failed/).press('ArrowRight');
  await expect(panel.filter(/^Finished/)).toBeFocused();
  await page.reload();
  await expect(bottomPanel(page).filter(/^Finished/)).toHaveAttribute('aria-selected', 'true');

  // A new browser tab is a new page: its own panel, at the defaults.
  const other = await page.context().newPage();
  await other.goto(ferryApp.url);
  await expect(other.getByRole('form', { name: 'Quick connect' })).toBeVisible();
  await expect(bottomPanel(other).transfersTab).toHaveAttribute('aria-selected', 'true');
  await expect(bottomPanel(other).filter(/^Queued and active/)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await other.close();
});
