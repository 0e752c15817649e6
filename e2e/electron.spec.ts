/**
 * The desktop app itself, where an Electron binary is present. Our build machines cannot
 * download one, so there this spec reports itself skipped with the reason; everything else is
 * exercised through the browser edition.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from './electron-binary';

const binary = electronBinary();

test.skip(!binary, 'No Electron binary on this machine (it cannot be downloaded here).');

test('the desktop window opens sandboxed, with the bridge and both panes', async () => {
  const home = await mkdtemp(join(tmpdir(), 'ferry-electron-'));
  const app = await electron.launch({
    executablePath: binary,
    args: [join(import.meta.dirname, '..')],
    env: { ...process.env, HOME: home },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('form', { name: 'Quick connect' })).toBeVisible();
    await expect(window.getByRole('region', { name: 'Local files' })).toBeVisible();
    const surface = await window.evaluate(() => ({
      bridge: Object.keys((window as unknown as { ferry: object }).ferry).sort(),
      node: typeof (window as unknown as { require?: unknown }).require,
      origin: (globalThis as unknown as { location: { origin: string } }).location.origin,
    }));
    expect(surface).toEqual({
      bridge: ['invoke', 'on', 'pathForFile'],
      node: 'undefined',
      origin: 'ferry://app',
    });
  } finally {
    await app.close();
  }
});
