import { useRef, useState, type DragEvent, type HTMLAttributes } from 'react';

export interface DropTarget {
  /** Spread on the pane's root. */
  paneProps: HTMLAttributes<HTMLDivElement>;
  /** Something droppable is over the pane. */
  over: boolean;
}

/** A folder row under the pointer (rows carry data-path and data-kind). */
function folderRowAt(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element
    ? target.closest<HTMLElement>('[role="row"][data-path][data-kind="folder"]')
    : null;
}

/**
 * Makes a pane a drop target for what `accepts` recognises. Dropping onto a folder row targets
 * that folder (`onDrop` gets its path), anywhere else the pane's own folder (null). The pane
 * and the row under the pointer are highlighted while something droppable hovers.
 */
export function useDropTarget(
  accepts: (data: DataTransfer) => boolean,
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

  const hover = (event: DragEvent<HTMLDivElement>) => {
    if (!accepts(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
    mark(folderRowAt(event.target));
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
        if (!accepts(event.dataTransfer)) return;
        event.preventDefault();
        const folder = folderRowAt(event.target)?.dataset.path ?? null;
        leave();
        onDrop(event.dataTransfer, folder);
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
