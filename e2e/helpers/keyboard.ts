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
