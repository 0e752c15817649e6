/** Which key does what in a file list. Pure, so the whole keyboard map is tested as a table. */
import type { Modifiers, Move } from './selection';

export interface KeyInfo {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export type GridCommand =
  | { type: 'move'; move: Move; mods: Modifiers }
  | { type: 'open' }
  | { type: 'up' }
  | { type: 'back' }
  | { type: 'forward' }
  | { type: 'rename' }
  /** F4: the focused file in the built-in editor (FileZilla's View/Edit). */
  | { type: 'edit' }
  | { type: 'delete' }
  /** Shift+F6: "Move to…" another folder of the same side (WinSCP's F6). */
  | { type: 'moveTo' }
  /** Ctrl+X, Ctrl+V: cut items here, move them into the folder shown later (WinSCP). */
  | { type: 'cut' }
  | { type: 'paste' }
  /** Escape: the cut items stay where they are and are no longer dimmed (Explorer). */
  | { type: 'cancelCut' }
  | { type: 'selectAll' }
  | { type: 'toggle' }
  | { type: 'menu' }
  | { type: 'refresh' }
  | { type: 'filter'; text: string };

export function commandFor(event: KeyInfo, pageSize: number): GridCommand | null {
  const command = event.ctrlKey || event.metaKey;
  const mods: Modifiers = { range: event.shiftKey, toggle: command };
  const move = (m: Move): GridCommand => ({ type: 'move', move: m, mods });

  if (event.altKey) {
    if (event.key === 'ArrowLeft') return { type: 'back' };
    if (event.key === 'ArrowRight') return { type: 'forward' };
    if (event.key === 'ArrowUp') return { type: 'up' };
    if (event.key === 'ArrowDown') return { type: 'open' };
    return null;
  }
  switch (event.key) {
    case 'ArrowDown':
      return move(1);
    case 'ArrowUp':
      return move(-1);
    case 'PageDown':
      return move(pageSize);
    case 'PageUp':
      return move(-pageSize);
    case 'Home':
      return move('first');
    case 'End':
      return move('last');
    case 'Enter':
      return { type: 'open' };
    case 'Backspace':
      // Cmd+Backspace deletes on a Mac; plain Backspace goes up, as in Windows Explorer.
      return command ? { type: 'delete' } : { type: 'up' };
    case 'Delete':
      return { type: 'delete' };
    case 'F2':
      return { type: 'rename' };
    case 'F4':
      // Ctrl+F4 closes a connection tab (tabKeys.ts).
      return command ? null : { type: 'edit' };
    case 'F5':
      return { type: 'refresh' };
    case 'F6':
      return event.shiftKey && !command ? { type: 'moveTo' } : null;
    case 'ContextMenu':
      return { type: 'menu' };
    case 'F10':
      return event.shiftKey ? { type: 'menu' } : null;
    case ' ':
      return command ? { type: 'toggle' } : null;
    case 'Escape':
      return command || event.shiftKey ? null : { type: 'cancelCut' };
  }
  if (command && event.key.toLowerCase() === 'a') return { type: 'selectAll' };
  if (command && event.key.toLowerCase() === 'x') return { type: 'cut' };
  if (command && event.key.toLowerCase() === 'v') return { type: 'paste' };
  if (command && event.key.toLowerCase() === 'r') return { type: 'refresh' };
  // Any other printable character starts filtering by name.
  if (!command && event.key.length === 1 && event.key !== ' ') {
    return { type: 'filter', text: event.key };
  }
  return null;
}
