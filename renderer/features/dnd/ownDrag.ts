/**
 * The drag a pane of this page started, while it lasts. During a drag a page may read only the
 * data's types, not the paths; a pane needs the paths to tell whether a folder under the
 * pointer may take its own items (not one of them, not the folder they are in).
 */
import type { PaneStore } from '../pane/paneStore';
import { parentPath } from '../pane/paths';

let current: { store: PaneStore; paths: readonly string[] } | null = null;
let listening = false;

export function ownDragStarted(store: PaneStore, paths: readonly string[]): void {
  current = { store, paths };
  if (listening) return;
  listening = true;
  // After the drop handlers ran (or the drag was abandoned): no drag any more.
  window.addEventListener('dragend', () => (current = null), true);
}

/** The paths dragged out of `store` itself, or null for any other drag. */
export function ownDragOf(store: PaneStore): readonly string[] | null {
  return current?.store === store ? current.paths : null;
}

/** Whether the pane's own items may be moved into `folder` (a folder row or breadcrumb). */
export function movableInto(paths: readonly string[], folder: string | null): folder is string {
  if (folder === null || paths.length === 0) return false;
  // Onto one of the dragged items, or where they already are: nothing to do.
  return !paths.includes(folder) && !paths.every((p) => parentPath(p) === folder);
}
