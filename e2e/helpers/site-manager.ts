/** The site manager specs' shared steps: a restartable app on one data folder, and the dialogs. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startFerryApp, type FerryAppProcess } from '../app-server';
import { expect, test } from '../fixtures';

export interface RestartableApp {
  /** This test's data folder (sites, secrets, settings). */
  readonly dataDir: string;
  /** Starts (or restarts) the browser edition on the same HOME and data folder. */
  start(page: Page): Promise<void>;
  /** Closes the browser edition (as the user quits Ferry), e.g. to change its files meanwhile. */
  stop(): Promise<void>;
}

/**
 * Gives each test of the calling spec a fresh HOME and data folder (removed after the test) and
 * an app that can be restarted on them, as a user quits and reopens Ferry. Call at the top level.
 */
export function restartableApp(folderPrefix: string): RestartableApp {
  let base = '';
  let app: FerryAppProcess | undefined;
  test.beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), folderPrefix));
  });
  test.afterEach(async () => {
    await app?.stop();
    app = undefined;
    await rm(base, { recursive: true, force: true });
  });
  return {
    get dataDir() {
      return join(base, 'data');
    },
    async stop() {
      await app?.stop();
      app = undefined;
    },
    async start(page) {
      await app?.stop();
      app = await startFerryApp({ home: join(base, 'home'), dataDir: join(base, 'data') });
      await page.goto(app.url);
      await expect(page.getByRole('form', { name: 'Quick connect' })).toBeVisible();
    },
  };
}

export async function openSiteManager(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Sites', exact: true }).click();
  const manager = page.getByRole('dialog', { name: 'Site manager' });
  await expect(manager).toBeVisible();
  return manager;
}

/** The line at the bottom of the site manager that says how saved passwords are kept. */
export const protectionOf = (manager: Locator) =>
  manager.getByRole('status', { name: 'Password protection' });

/** Opts into a master password (the browser edition here has no OS protection). */
export async function useMasterPassword(page: Page, manager: Locator, password: string) {
  await manager.getByRole('button', { name: 'Use a master password…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Protect passwords with a master password' });
  await dialog.getByLabel('Master password', { exact: true }).fill(password);
  await dialog.getByLabel('Master password again').fill(password);
  await dialog.getByRole('button', { name: 'Use this master password' }).click();
  await expect(protectionOf(manager)).toContainText(
    'encrypted with your master password (unlocked',
  );
}

export interface NewSite {
  name: string;
  host: string;
  port: number;
  user: string;
  /** Absent: none saved (asked when connecting). */
  password?: string;
  /** The form's protocol option; absent: the form's default (SFTP). */
  protocol?: 'sftp' | 'ftps-explicit';
  /** The remote folder the site opens at. */
  remoteDir?: string;
}

/** Saves a new site from the site manager's toolbar; its form is shown afterwards. */
export async function saveSite(manager: Locator, site: NewSite) {
  await manager
    .getByRole('toolbar', { name: 'Site actions' })
    .getByRole('button', { name: 'New site' })
    .click();
  const form = manager.getByRole('form', { name: 'New site' });
  await form.getByLabel('Name', { exact: true }).fill(site.name);
  if (site.protocol) await form.getByLabel('Protocol').selectOption(site.protocol);
  await form.getByLabel('Host', { exact: true }).fill(site.host);
  await form.getByLabel('Port', { exact: true }).fill(String(site.port));
  await form.getByLabel('User', { exact: true }).fill(site.user);
  if (site.password !== undefined) {
    await form.getByLabel('Password', { exact: true }).fill(site.password);
  }
  if (site.remoteDir !== undefined) {
    await form.getByLabel('Remote folder at start').fill(site.remoteDir);
  }
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(manager.getByRole('form', { name: `Site ${site.name}` })).toBeVisible();
}
