/**
 * The shortcuts FileZilla gives these: Ctrl+O switches directory comparison, Ctrl+Y synchronized
 * browsing (⌘ on a Mac). Neither is taken elsewhere in Ferry; in a text field Ctrl+Y stays the
 * field's own (redo on Windows).
 */
import type { KeyPress } from '../tabs/tabKeys';

export const COMPARE_SHORTCUT = 'Control+O';
export const SYNC_SHORTCUT = 'Control+Y';

export type CompareCommand = 'compare' | 'sync';

export function compareCommandOf(
  press: KeyPress,
  inTextField: boolean,
): CompareCommand | undefined {
  if (!(press.ctrlKey || press.metaKey) || press.altKey || press.shiftKey) return undefined;
  const key = press.key.toLowerCase();
  if (key === 'o') return 'compare';
  if (key === 'y' && !inTextField) return 'sync';
  return undefined;
}
