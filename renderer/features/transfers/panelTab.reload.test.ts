/**
 * The bottom panel after a page reload: the tab it showed (Transfers or Log) and the transfer
 * list's filter come back; a damaged or foreign value gives the defaults.
 */
import { afterAll, expect, it } from 'vitest';
import { installSessionStorage, reloadPage } from '../../testing/page-reload';

const storage = installSessionStorage();
afterAll(() => {
  Reflect.deleteProperty(globalThis, 'sessionStorage');
});

const loadPage = () => import('./panelTab');

it('shows the same tab and transfer filter after a reload', async () => {
  let panel = await loadPage();
  expect(panel.useBottomTab.getState()).toEqual({ tab: 'Transfers', filter: 'current' });
  panel.showBottomTab('Log');
  panel.showTransferFilter('failed');

  reloadPage(storage);
  panel = await loadPage();
  expect(panel.useBottomTab.getState()).toEqual({ tab: 'Log', filter: 'failed' });

  panel.showBottomTab('Transfers');
  reloadPage(storage);
  panel = await loadPage();
  expect(panel.useBottomTab.getState()).toEqual({ tab: 'Transfers', filter: 'failed' });
});

it('starts with the defaults when what was kept is not a view it knows', async () => {
  for (const key of Array.from({ length: storage.length }, (_, i) => storage.key(i))) {
    const saved = key === null ? null : storage.getItem(key);
    if (key === null || saved === null || !saved.includes('"filter"')) continue;
    const { page } = JSON.parse(saved) as { page: string };
    storage.setItem(key, JSON.stringify({ page, value: { tab: '<script>', filter: 42 } }));
  }
  reloadPage(storage);
  const panel = await loadPage();
  expect(panel.useBottomTab.getState()).toEqual({ tab: 'Transfers', filter: 'current' });
});
