import { useVirtualizer } from '@tanstack/react-virtual';
import { ChevronDown, ChevronUp } from 'lucide-react';
import {
  useEffect,
  useId,
  useMemo,
  type DragEvent,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react';
import type { FileEntry } from '../../../shared/types';
import type { CompareMark } from '../compare/compareFolders';
import { FileRow, type RowHandlers } from './FileRow';
import { editable } from './format';
import { commandFor, type GridCommand } from './gridKeys';
import { usePane, usePaneActions, usePaneStore } from './PaneContext';
import { joinPath } from './paths';
import { pressOnSelection } from './pressOnSelection';
import type { SortKey } from './sort';

/** Must match --row-height and the header height in pane.css. */
export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'name', label: 'Name' },
  { key: 'size', label: 'Size' },
  { key: 'type', label: 'Type' },
  { key: 'modified', label: 'Modified' },
  { key: 'permissions', label: 'Permissions' },
];

export interface FileTableProps {
  label: string;
  gridRef: RefObject<HTMLDivElement | null>;
  onTypeToFilter(text: string): void;
  onOpenFile?(entry: FileEntry, path: string): void;
  /** F4 on a file: open it in the built-in editor. */
  onEditFile?(entry: FileEntry, path: string): void;
  onRowDragStart?(event: DragEvent, paths: string[]): void;
  marks?: ReadonlyMap<string, CompareMark>;
  /** The site's "Adjust server time" (remote panes of a saved site). */
  timeOffsetMinutes?: number;
}

/**
 * The file list: an ARIA grid whose rows are virtualised, so 10,000 entries scroll smoothly.
 * The grid keeps DOM focus and points at the focused row with aria-activedescendant, so the
 * keyboard never gets lost when a row scrolls out and is unmounted.
 */
export function FileTable({
  label,
  gridRef,
  onTypeToFilter,
  onOpenFile,
  onEditFile,
  onRowDragStart,
  marks,
  timeOffsetMinutes,
}: FileTableProps) {
  const store = usePaneStore();
  const actions = usePaneActions();
  const path = usePane((s) => s.path);
  const visible = usePane((s) => s.visible);
  const selection = usePane((s) => s.selection);
  const renaming = usePane((s) => s.renaming);
  // Cut items (Ctrl+X) are dimmed in their own folder until pasted or Escape.
  const cut = usePane((s) => s.cut);
  const cutHere = useMemo(
    () => (cut !== null && cut.folder === path ? new Set(cut.names) : null),
    [cut, path],
  );
  const sort = usePane((s) => s.sort);
  const loading = usePane((s) => s.loading);
  const rowIdPrefix = useId();

  // The virtualiser's functions change identity as it scrolls; this component is not memoised.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => gridRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const focusIndex = useMemo(
    () => (selection.focus === null ? -1 : visible.findIndex((e) => e.name === selection.focus)),
    [visible, selection.focus],
  );
  useEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, virtualizer]);

  const handlers = useMemo<RowHandlers>(() => {
    const focusGrid = () => gridRef.current?.focus();
    const press = pressOnSelection((name) => actions.click(name));
    return {
      onMouseDown(event, name) {
        const { selection: current } = store.getState();
        if (event.button === 2 && current.selected.has(name)) return;
        if (event.button !== 0 && event.button !== 2) return;
        const plain = !(event.shiftKey || event.ctrlKey || event.metaKey) && event.button === 0;
        const ofSeveral = current.selected.has(name) && current.selected.size > 1;
        if (plain && ofSeveral && onRowDragStart) return press.pressed(name);
        actions.click(name, {
          range: event.shiftKey && event.button === 0,
          toggle: (event.ctrlKey || event.metaKey) && event.button === 0,
        });
      },
      onDoubleClick(name) {
        void openEntry(name);
      },
      onContextMenu(event, name) {
        event.preventDefault();
        event.stopPropagation();
        if (!store.getState().selection.selected.has(name)) actions.click(name);
        actions.openMenu({ x: event.clientX, y: event.clientY });
      },
      commitRename(newName) {
        void actions.commitRename(newName);
        focusGrid();
      },
      cancelRename() {
        actions.cancelRename();
        focusGrid();
      },
      ...(onRowDragStart && {
        onDragStart(event: DragEvent, name: string) {
          press.dragged();
          const state = store.getState();
          const names = state.selection.selected.has(name) ? actions.targetNames() : [name];
          if (state.path !== null)
            onRowDragStart(
              event,
              names.map((n) => joinPath(state.path as string, n)),
            );
        },
      }),
    };

    async function openEntry(name: string) {
      const file = await actions.open(name);
      const here = store.getState().path;
      if (file && here !== null) onOpenFile?.(file, joinPath(here, name));
    }
  }, [actions, store, gridRef, onOpenFile, onRowDragStart]);

  function run(command: GridCommand) {
    const state = store.getState();
    switch (command.type) {
      case 'move': {
        actions.move(command.move, command.mods);
        // Bring the focused row into view even when focus did not change (after a wheel scroll).
        const { names, selection: moved } = store.getState();
        const index = moved.focus === null ? -1 : names.indexOf(moved.focus);
        return index >= 0 && virtualizer.scrollToIndex(index, { align: 'auto' });
      }
      case 'open':
        return state.selection.focus !== null && handlers.onDoubleClick(state.selection.focus);
      case 'up':
        return void actions.up();
      case 'back':
        return void actions.back();
      case 'forward':
        return void actions.forward();
      case 'refresh':
        return void actions.refresh();
      case 'rename':
        return actions.startRename();
      case 'edit': {
        const entry = state.entries.find((e) => e.name === state.selection.focus);
        if (!entry || !editable(entry) || state.path === null) return;
        return onEditFile?.(entry, joinPath(state.path, entry.name));
      }
      case 'delete':
        return actions.askDelete();
      case 'moveTo':
        return actions.askMoveTo();
      case 'cut':
        return actions.cutItems();
      case 'paste':
        return void actions.paste();
      case 'cancelCut':
        return actions.cancelCut();
      case 'selectAll':
        return actions.selectAll();
      case 'toggle':
        return actions.toggleFocused();
      case 'filter':
        return onTypeToFilter(command.text);
      case 'menu': {
        const row =
          focusIndex >= 0 ? document.getElementById(`${rowIdPrefix}-${focusIndex}`) : null;
        const box = (row ?? gridRef.current)?.getBoundingClientRect();
        return (
          box &&
          actions.openMenu({ x: box.left + 24, y: box.top + (row ? box.height : HEADER_HEIGHT) })
        );
      }
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Keys typed into the rename field or on a column header are theirs.
    if (event.target !== event.currentTarget) return;
    const grid = gridRef.current;
    const page = grid
      ? Math.max(1, Math.floor((grid.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1)
      : 10;
    const command = commandFor(event, page);
    if (!command) return;
    // Escape with nothing cut is left to whoever else listens for it.
    if (command.type === 'cancelCut' && store.getState().cut === null) return;
    event.preventDefault();
    run(command);
  }

  function onFocus(event: FocusEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget) return;
    const { selection: current, names } = store.getState();
    if (current.focus === null && names[0] !== undefined) actions.focusName(names[0]);
  }

  function onBackgroundMouseDown(event: MouseEvent) {
    if (event.target === event.currentTarget && event.button === 0) actions.clearSelection();
  }

  function onBackgroundContextMenu(event: MouseEvent) {
    event.preventDefault();
    actions.clearSelection();
    actions.openMenu({ x: event.clientX, y: event.clientY });
  }

  const items = virtualizer.getVirtualItems();
  const focusRendered = items.some((item) => item.index === focusIndex);

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label={label}
      aria-rowcount={visible.length + 1}
      aria-colcount={COLUMNS.length}
      aria-multiselectable="true"
      aria-busy={loading}
      aria-activedescendant={focusRendered ? `${rowIdPrefix}-${focusIndex}` : undefined}
      tabIndex={0}
      className="file-grid"
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onContextMenu={onBackgroundContextMenu}
    >
      <div role="rowgroup" className="file-grid-head">
        <div role="row" aria-rowindex={1} className="file-row file-head-row">
          {COLUMNS.map((column) => {
            const sorted = sort.key === column.key;
            const Arrow = sort.direction === 'ascending' ? ChevronUp : ChevronDown;
            return (
              <div
                key={column.key}
                role="columnheader"
                aria-sort={sorted ? sort.direction : 'none'}
                className={`cell-${column.key}`}
              >
                <button type="button" onClick={() => actions.sortBy(column.key)}>
                  {column.label}
                  {sorted && <Arrow size={12} aria-hidden="true" />}
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div
        role="rowgroup"
        className="file-grid-body"
        style={{ height: virtualizer.getTotalSize() }}
        onMouseDown={onBackgroundMouseDown}
      >
        {path !== null &&
          items.map((item) => {
            const entry = visible[item.index] as FileEntry;
            return (
              <FileRow
                key={entry.name}
                id={`${rowIdPrefix}-${item.index}`}
                entry={entry}
                path={joinPath(path, entry.name)}
                rowIndex={item.index + 2}
                selected={selection.selected.has(entry.name)}
                focused={item.index === focusIndex}
                renaming={renaming === entry.name}
                cut={cutHere?.has(entry.name) ?? false}
                mark={marks?.get(entry.name)}
                timeOffsetMinutes={timeOffsetMinutes}
                top={item.start - HEADER_HEIGHT}
                handlers={handlers}
              />
            );
          })}
      </div>
    </div>
  );
}
