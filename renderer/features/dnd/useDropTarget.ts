import { useRef, useState, type DragEvent, type HTMLAttributes } from 'react';

export interface DropTarget {
  /** Spread on the pane's root. */
  paneProps: HTMLAttributes<HTMLDivElement>;
  /** Something droppable is over the pane. */
  over: boolean;
}

/**
 * A folder under the pointer: a folder row (rows carry data-path and data-kind) or a breadcrumb
 * (data-drop-folder), with the folder's path.
 */
function folderAt(target: EventTarget | null): { element: HTMLElement; path: string } | null {
  if (!(target instanceof Element)) return null;
  const element = target.closest<HTMLElement>(
    '[role="row"][data-path][data-kind="folder"], [data-drop-folder]',
  );
  const path = element?.dataset.dropFolder ?? element?.dataset.path;
  return element && path !== undefined ? { element, path } : null;
}

/** What a drop would do here: copy (a transfer), move (within the pane), or nothing. */
export type DropEffect = 'copy' | 'move' | false;

/**
 * Makes a pane a drop target for what `accepts` recognises. Dropping onto a folder row or a
 * breadcrumb targets that folder (`onDrop` gets its path), anywhere else the pane's own folder
 * (null). `accepts` sees that folder too, so a pane may take its own items onto a folder only.
 * The pane and the folder under the pointer are highlighted while something droppable hovers.
 */
export function useDropTarget(
  accepts: (data: DataTransfer, folder: string | null) => DropEffect | true,
  onDrop: (data: DataTransfer, folder: string | null) => void,
): DropTarget {
  const [over, setOver] = useState(false);
  const marked = useRef<HTMLElement | null>(null);

  // The row is marked on the element itself: rows are virtualised and owned by the table.
  const mark = (row: HTMLElement | null) => {
    if (marked.current === row) return;
    marked.current?.classList.remove('is-drop-row');
    row?.classList.add('is-drop-row');
    marked.current = row;
  };
  const leave = () => {
    setOver(false);
    mark(null);
  };
  const effectAt = (event: DragEvent<HTMLDivElement>) => {
    const folder = folderAt(event.target);
    const effect = accepts(event.dataTransfer, folder?.path ?? null);
    return { folder, effect: effect === true ? 'copy' : effect };
  };

  const hover = (event: DragEvent<HTMLDivElement>) => {
    const { folder, effect } = effectAt(event);
    if (!effect) return leave();
    event.preventDefault();
    event.dataTransfer.dropEffect = effect;
    setOver(true);
    mark(folder?.element ?? null);
  };

  return {
    over,
    paneProps: {
      onDragEnter: hover,
      onDragOver: hover,
      onDragLeave: (event) => {
        // Moving between the pane's own children fires leave too: only leaving the pane counts.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) leave();
      },
      onDrop: (event) => {
        const { folder, effect } = effectAt(event);
        if (!effect) return;
        event.preventDefault();
        leave();
        onDrop(event.dataTransfer, folder?.path ?? null);
      },
    },
  };
}

let guarded = false;
/**
 * A file dropped where nothing takes it would make the browser open it in place of Ferry:
 * refuse such drops everywhere else. Drop targets call preventDefault first, so they still work.
 */
export function guardWindowDrops(): void {
  if (guarded) return;
  guarded = true;
  const refuse = (event: globalThis.DragEvent) => {
    if (event.defaultPrevented) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
  };
  window.addEventListener('dragover', refuse);
  window.addEventListener('drop', refuse);
}
