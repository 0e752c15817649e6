/**
 * The main window's Tab order, checked by machine: from the first control round to it again the
 * focus goes header, local pane, remote pane, bottom panel, and every stop visibly shows it.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { connectTrusted } from './helpers/connect';
import { tabStopsOf } from './helpers/keyboard';
import { fillHome } from './helpers/local-home';
import { localPane, remotePane } from './helpers/panes';

/** The areas of the main window, in reading order. */
const AREAS = ['header', 'Local files', 'Remote files', 'Transfers and log'];

/** Tabs round the main window from its first control; checks order and visible focus. */
async function expectTabOrder(page: Page, state: string) {
  await page.getByRole('button', { name: 'Sites', exact: true }).focus();
  const stops = await tabStopsOf(page);
  await test.info().attach(`Tab order, ${state}`, {
    body: stops.map((s) => `${s.visible ? ' ' : '!'} ${s.area} :: ${s.name}`).join('\n'),
    contentType: 'text/plain',
  });
  const areas = stops.map((s) => AREAS.indexOf(s.area));
  expect(areas, `${state}: every stop sits in a known area`).not.toContain(-1);
  expect(areas, `${state}: the areas come in reading order`).toEqual(
    [...areas].sort((a, b) => a - b),
  );
  expect(new Set(areas).size, `${state}: Tab reaches every area`).toBe(AREAS.length);
  const invisible = stops.filter((s) => !s.visible).map((s) => s.name);
  expect(invisible, `${state}: stops where the focus cannot be seen`).toEqual([]);
  return stops;
}

test('the main window: Tab goes header, local pane, remote pane, bottom panel, and every stop shows the focus', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  await fillHome(ferryApp.home);
  const folder = `a11y-order-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.writeFile(`${folder}/readme.txt`, 'hello');
  const page = await openFerry();
  await expect(localPane(page).cell('notes.txt')).toBeVisible();
  await expectTabOrder(page, 'start screen');

  const at = await connectTrusted(page, servers, 'sftp');
  await remotePane(page).goTo(at(folder));
  await expect(remotePane(page).cell('readme.txt')).toBeVisible();
  const stops = await expectTabOrder(page, 'connected');
  expect(stops.map((s) => s.name)).toContain('<div role=grid> Remote files');
});
