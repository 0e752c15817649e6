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

test('with forced colours (Windows high contrast) the focus and the selection still show', async ({
  ferryApp,
  openFerry,
}) => {
  await fillHome(ferryApp.home);
  const page = await openFerry();
  await page.emulateMedia({ forcedColors: 'active' });
  const local = localPane(page);
  await expect(local.cell('notes.txt')).toBeVisible();
  await expectTabOrder(page, 'forced colours');

  // Backgrounds are replaced by the page colour (Canvas) there: a selection drawn with a
  // background alone would vanish.
  await local.cell('notes.txt').click();
  const selected = local.grid.getByRole('row', { selected: true });
  await expect(selected).toHaveCount(1);
  const canvas = await page.evaluate(() => {
    const web = globalThis as unknown as ProbeWindow;
    const probe = web.document.createElement('div');
    probe.style.forcedColorAdjust = 'none';
    probe.style.background = 'Canvas';
    web.document.body.append(probe);
    const colour = web.getComputedStyle(probe).backgroundColor;
    probe.remove();
    return colour;
  });
  const selectedBackground = await selected.evaluate(
    (element) => (globalThis as unknown as ProbeWindow).getComputedStyle(element).backgroundColor,
  );
  expect(selectedBackground, 'the selected row is coloured, not Canvas').not.toBe(canvas);
  await page.keyboard.press('Shift+F10');
  const focusedItem = page.getByRole('menuitem').and(page.locator(':focus'));
  expect(
    await focusedItem.evaluate(
      (element) => (globalThis as unknown as ProbeWindow).getComputedStyle(element).outlineStyle,
    ),
  ).not.toBe('none');
});

/** The page's getComputedStyle; the Node-side type-check knows no DOM. */
interface ProbeElement {
  style: Record<string, string>;
  remove(): void;
}
interface ProbeWindow {
  document: { createElement(tag: string): ProbeElement; body: { append(e: ProbeElement): void } };
  getComputedStyle(element: unknown): Record<string, string>;
}
