import { useEffect, useRef } from 'react';

/**
 * A window-wide key for a toolbar command: Ctrl+Shift+`letter` (⌘+Shift on a Mac), taken only
 * while no dialog is open and no one else handled the key.
 */
export function useCommandShiftKey(letter: string, run: () => void): void {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = event.ctrlKey || event.metaKey;
      if (!command || !event.shiftKey || event.altKey || event.key.toLowerCase() !== letter) return;
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [letter]);
}
