/**
 * Playwright fixtures: `ferryApp` is a running browser edition with its own HOME and data
 * folder; `openFerry` opens it in the page and waits for the shell.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startFerryApp, type FerryAppProcess, type StartOptions } from './app-server';
import { startServers, type TestServers } from './harness/servers';

interface WorkerFixtures {
  /** Real sshd and vsftpd servers on 127.0.0.1, shared by the specs of one worker. */
  servers: TestServers;
}

interface Fixtures {
  ferryApp: FerryAppProcess;
  /** Options for ferryApp; override with test.use({ ferryOptions: … }). */
  ferryOptions: StartOptions;
  openFerry: () => Promise<Page>;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  servers: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const servers = await startServers();
      await use(servers);
      await servers.stop();
    },
    { scope: 'worker' },
  ],
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
