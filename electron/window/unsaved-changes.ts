import type { WebContents } from 'electron';

/**
 * The page's `beforeunload` asked to stay (the editor holds unsaved changes). A browser asks
 * the user then; Electron would silently keep the window open and the page loaded. `leave`
 * asks instead: true lets the window close (or the page reload) after all.
 */
export function askBeforeLeaving(contents: WebContents, leave: () => boolean): void {
  contents.on('will-prevent-unload', (event) => {
    // Preventing this event's default overrides the page's wish to stay.
    if (leave()) event.preventDefault();
  });
}
