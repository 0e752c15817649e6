import { useEffect } from 'react';

/**
 * While the editor holds unsaved changes: the browser (or the desktop window) asks before the
 * page is closed or reloaded, and the window's title carries a marker, as editors do.
 */
export function useUnsavedChangesGuard(modified: boolean, name: string): void {
  useEffect(() => {
    const before = document.title;
    document.title = `${modified ? '• ' : ''}${name} — ${before}`;
    return () => {
      document.title = before;
    };
  }, [modified, name]);

  useEffect(() => {
    if (!modified) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [modified]);
}
