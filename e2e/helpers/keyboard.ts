/** Keyboard-only operation: reaching controls with Tab, and checking where the focus is. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The page's globals these helpers use; the Node-side type-check knows no DOM. */
interface FocusGlobals {
  document: { activeElement: FocusedElement | null; body: FocusedElement };
}
interface FocusedElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}

/** A short description of the focused element, for failure messages. */
export function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { activeElement, body } = (globalThis as unknown as FocusGlobals).document;
    if (!activeElement || activeElement === body) return '(nothing: the page body)';
    const name = activeElement.getAttribute('aria-label') ?? activeElement.textContent ?? '';
    return `<${activeElement.tagName.toLowerCase()}> ${name.trim().slice(0, 60)}`;
  });
}

/** Whether the focus is inside `container` (false when the page body has it). */
function focusIsInside(container: Locator): Promise<boolean> {
  return container.evaluate((element) => {
    const { activeElement } = (globalThis as unknown as FocusGlobals).document;
    return (element as { contains(other: unknown): boolean }).contains(activeElement);
  });
}

/**
 * Presses Tab (or another key: Shift+Tab, ArrowDown in a menu) until `target` has the focus;
 * fails when it is not reached within `maxPresses`, which means the keyboard cannot get there (or
 * only by a long way round).
 */
export async function tabTo(page: Page, target: Locator, { key = 'Tab', maxPresses = 30 } = {}) {
  for (let press = 0; press < maxPresses; press++) {
    if (
      await target.evaluate(
        (element) => element === (globalThis as unknown as FocusGlobals).document.activeElement,
      )
    ) {
      return;
    }
    await page.keyboard.press(key);
  }
  await expect(target, `not reached with ${maxPresses} presses of ${key}`).toBeFocused({
    timeout: 1,
  });
}

/** Roughly how many stops Tab makes in `container` (enabled controls not taken out of the order). */
function tabStops(container: Locator): Promise<number> {
  return container.evaluate(
    (element) =>
      (element as { querySelectorAll(selector: string): { length: number } }).querySelectorAll(
        'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])',
      ).length,
  );
}

/**
 * A modal dialog keeps the keyboard: Tab and Shift+Tab, pressed more times than it has
 * controls, never put the focus on the page behind it. (Past its last control the browser may
 * hand the focus to its own toolbar, which the page sees as nothing focused: that is allowed.)
 */
export async function expectFocusStaysIn(page: Page, dialog: Locator) {
  await expect
    .poll(() => focusIsInside(dialog), 'the dialog has the focus when it opens')
    .toBe(true);
  const presses = (await tabStops(dialog)) + 2;
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let press = 0; press < presses; press++) {
      await page.keyboard.press(key);
      const inside = await focusIsInside(dialog);
      const where = await focusedElement(page);
      expect(inside || where.startsWith('(nothing'), `${key} left the dialog for ${where}`).toBe(
        true,
      );
    }
  }
}

/** One stop of the Tab key: what has the focus, where it is, and whether that can be seen. */
export interface TabStop {
  name: string;
  /** The labelled area it sits in (header, a pane, the bottom panel). */
  area: string;
  /** The focused element looks different from its unfocused self (outline, shadow, colours). */
  visible: boolean;
}

/** The page's globals `tabStops` uses; the Node-side type-check knows no DOM. */
interface StyleGlobals {
  document: { activeElement: StyledElement | null; body: StyledElement };
  getComputedStyle(element: StyledElement): Record<string, string>;
}
interface StyledElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): StyledElement | null;
  blur(): void;
  focus(options: { preventScroll: boolean }): void;
}

/**
 * Describes the focused element, then tabs on until the focus comes back round (or `max`
 * stops), describing each stop. Visibility is judged by blurring the element for a moment and comparing
 * the styles that draw a focus ring.
 */
export async function tabStopsOf(page: Page, max = 80): Promise<TabStop[]> {
  const stops: TabStop[] = [];
  const seen = new Set<string>();
  for (let press = 0; press < max; press++) {
    if (press > 0) await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const web = globalThis as unknown as StyleGlobals;
      const element = web.document.activeElement;
      if (!element || element === web.document.body) return null;
      const PROPS = ['outlineStyle', 'outlineColor', 'boxShadow', 'backgroundColor', 'borderColor'];
      const look = () => {
        const style = web.getComputedStyle(element);
        return PROPS.map((p) => style[p]).join('|');
      };
      const focused = look();
      element.blur();
      const unfocused = look();
      element.focus({ preventScroll: true });
      const area = element.closest('[aria-label]:is(section, header, [role="region"], dialog)');
      const role = element.getAttribute('role');
      const label =
        element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? '';
      return {
        name: `<${element.tagName.toLowerCase()}${role ? ` role=${role}` : ''}> ${label}`,
        area: area?.getAttribute('aria-label') ?? (element.closest('header') ? 'header' : ''),
        visible: focused !== unfocused,
      };
    });
    if (!stop) continue;
    const key = `${stop.area}/${stop.name}`;
    if (seen.has(key)) break;
    seen.add(key);
    stops.push(stop);
  }
  return stops;
}

/** Focuses `opener` and presses Enter on it, as a keyboard user does; returns the dialog. */
export async function openWithKeyboard(page: Page, opener: Locator, dialogName: string) {
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: dialogName });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Escape closes the dialog, and the focus is back on `opener`. */
export async function closeWithEscape(page: Page, dialog: Locator, opener: Locator) {
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener, 'the focus goes back to what opened the dialog').toBeFocused();
}
