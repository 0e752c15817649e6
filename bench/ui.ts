/**
 * The large folder in the UI: the browser edition in Debian's Chromium (Playwright), connected
 * to the SFTP server through quick connect, opening the 10,000-entry folder. Measures from the
 * double-click to the rows on screen, and on to the last row after pressing End (scrollable).
 */
import { chromium, type Locator, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startFerryApp } from '../e2e/app-server';
import type { Endpoint } from './endpoints';

const webEntry = join(import.meta.dirname, '..', 'out', 'main', 'web.js');
const TIMEOUT_MS = 30_000;

export interface UiRun {
  /** Double-click → every row counted and the first rows on screen. */
  shownSeconds: number;
  /** Double-click → the last row on screen after End. */
  lastRowSeconds: number;
}

export interface UiMeasurement {
  runs: UiRun[];
  failure?: string;
}

export function uiMissing(): string | undefined {
  if (!existsSync(webEntry)) return 'the browser edition is not built (out/main/web.js)';
  if (!existsSync('/usr/bin/chromium')) return 'Chromium (/usr/bin/chromium) is not installed';
  return undefined;
}

async function quickConnect(page: Page, endpoint: Endpoint): Promise<void> {
  await page.getByRole('combobox', { name: 'Protocol' }).selectOption(endpoint.protocol);
  await page.getByRole('textbox', { name: 'Host' }).fill(endpoint.host);
  await page.getByRole('textbox', { name: 'Port' }).fill(String(endpoint.port));
  await page.getByRole('textbox', { name: 'User' }).fill(endpoint.user);
  await page.getByRole('textbox', { name: 'Password' }).fill(endpoint.password);
  await page.getByRole('textbox', { name: 'Password' }).press('Enter');
  const question = page.getByRole('dialog', { name: 'Is this the right server?' });
  await question.waitFor({ timeout: TIMEOUT_MS });
  const text = (await question.textContent()) ?? '';
  // Only the harness's own key is accepted, as a careful user would check it.
  if (!text.includes(endpoint.hostKeyFingerprint))
    throw new Error('the host key shown is not the harness key');
  await question.getByRole('button', { name: 'Connect once' }).click();
}

async function waitForAttribute(locator: Locator, name: string, value: string): Promise<void> {
  const deadline = performance.now() + TIMEOUT_MS;
  while ((await locator.getAttribute(name)) !== value) {
    if (performance.now() > deadline) throw new Error(`${name} never became ${value}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function measureUi(
  endpoint: Endpoint,
  entries: number,
  rounds: number,
): Promise<UiMeasurement> {
  const app = await startFerryApp();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const runs: UiRun[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(app.url);
    await quickConnect(page, endpoint);
    const pane = page.getByRole('region', { name: 'Remote files' });
    const grid = pane.getByRole('grid', { name: 'Remote files' });
    const pathBar = pane.getByRole('textbox', { name: 'Folder path' });
    const cell = (name: string): Locator => grid.getByRole('gridcell', { name, exact: true });
    const root = endpoint.remotePath('').replace(/\/$/, '');
    const last = `entry-${String(entries - 1).padStart(5, '0')}.txt`;
    for (let round = 0; round < rounds; round++) {
      await pathBar.fill(root);
      await pathBar.press('Enter');
      await cell('list').waitFor({ timeout: TIMEOUT_MS });
      const started = performance.now();
      await cell('list').dblclick();
      await waitForAttribute(grid, 'aria-rowcount', String(entries + 1));
      await cell('entry-00000.txt').waitFor({ timeout: TIMEOUT_MS });
      const shown = performance.now();
      await grid.focus();
      await grid.press('End');
      await cell(last).waitFor({ timeout: TIMEOUT_MS });
      const end = performance.now();
      runs.push({ shownSeconds: (shown - started) / 1000, lastRowSeconds: (end - started) / 1000 });
    }
    return { runs };
  } catch (error) {
    return {
      runs,
      failure:
        error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error),
    };
  } finally {
    await browser.close();
    await app.stop();
  }
}
