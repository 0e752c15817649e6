/**
 * The connection tabs' shortcuts, as FileZilla and WinSCP have them: Ctrl+T opens a new tab,
 * Ctrl+F4 closes the shown one, Ctrl+Tab / Ctrl+Shift+Tab (and Ctrl+PageDown / Ctrl+PageUp)
 * show the next / previous tab (a file list keeps Ctrl+PageDown / Ctrl+PageUp for itself).
 * Not Ctrl+W: Electron's default menu closes the window with it.
 * In a browser window the browser keeps some of these for itself; the tab strip's arrow keys
 * always work.
 */
export type TabCommand = 'new' | 'close' | 'next' | 'previous';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export const NEW_TAB_SHORTCUT = 'Control+T';
/** On a focused tab in the tab strip. */
export const CLOSE_TAB_SHORTCUT = 'Delete';
export const NEXT_TAB_SHORTCUT = 'Control+Tab';
export const PREVIOUS_TAB_SHORTCUT = 'Control+Shift+Tab';

export function tabCommandOf(press: KeyPress): TabCommand | undefined {
  if (press.altKey) return undefined;
  if (press.key === 'Tab' && press.ctrlKey && !press.metaKey) {
    return press.shiftKey ? 'previous' : 'next';
  }
  if (press.shiftKey) return undefined;
  const command = press.ctrlKey || press.metaKey;
  if (command && press.key.toLowerCase() === 't') return 'new';
  if (press.ctrlKey && press.key === 'F4') return 'close';
  if (press.ctrlKey && press.key === 'PageDown') return 'next';
  if (press.ctrlKey && press.key === 'PageUp') return 'previous';
  return undefined;
}

/** Arrow keys, Home and End inside the tab strip (WAI-ARIA tabs pattern). */
export function stripMove(key: string, at: number, count: number): number | undefined {
  if (count === 0) return undefined;
  if (key === 'ArrowRight') return (at + 1) % count;
  if (key === 'ArrowLeft') return (at - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}
