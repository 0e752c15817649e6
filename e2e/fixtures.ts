/**
 * Playwright fixtures: `ferryApp` is a running browser edition with its own HOME and data
 * folder; `openFerry` opens it in the page and waits for the shell.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startFerryApp, type FerryAppProcess, type StartOptions } from './app-server';

interface Fixtures {
  ferryApp: FerryAppProcess;
  /** Options for ferryApp; override with test.use({ ferryOptions: … }). */
  ferryOptions: StartOptions;
  openFerry: () => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  ferryOptions: [{}, { option: true }],
  ferryApp: async ({ ferryOptions }, use) => {
    const app = await startFerryApp(ferryOptions);
    await use(app);
    await app.stop();
  },
  openFerry: async ({ page, ferryApp }, use) => {
    await use(async () => {
      await page.goto(ferryApp.url);
      await expect(page.getByRole('form', { name: 'Quick connect' })).toBeVisible();
      return page;
    });
  },
});

export { expect };
