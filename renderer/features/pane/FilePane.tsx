import { useCallback, useRef, type DragEvent, type HTMLAttributes, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { FileEntry } from '../../../shared/types';
import type { CompareMark } from '../compare/compareFolders';
import { ContextMenu, type MenuItem } from './ContextMenu';
import { DeleteDialog } from './DeleteDialog';
import { MoveClashDialog, MoveToDialog } from './MoveDialogs';
import { MoveProgress } from './MoveProgress';
import { moveMenuItems, pasteMenuItem } from './moveMenuItems';
import { FileTable } from './FileTable';
import { opensAsFolder } from './format';
import { NewFolderDialog } from './NewFolderDialog';
import { PaneError } from './PaneError';
import { PaneNotice } from './PaneNotice';
import { PaneProvider, usePane, usePaneActions } from './PaneContext';
import type { PaneStore } from './paneStore';
import { targets } from './selection';
import { PaneToolbar } from './PaneToolbar';
import './pane.css';

export interface FilePaneProps {
  store: PaneStore;
  /** The accessible name of the file list, e.g. "Local files". */
  label: string;
  /** Enter or double-click on a file (folders open in the pane). */
  onOpenFile?(entry: FileEntry, path: string): void;
  /** F4 on a file (the built-in editor). */
  onEditFile?(entry: FileEntry, path: string): void;
  /** Spread on the pane's root: where drop handlers go. */
  paneProps?: HTMLAttributes<HTMLDivElement>;
  /** Makes rows draggable; gets the full paths of what is dragged. */
  onRowDragStart?(event: DragEvent, paths: string[]): void;
  /** More context-menu entries (e.g. Upload, Download) for the given names. */
  extraMenuItems?(names: string[]): MenuItem[];
  toolbarExtra?: ReactNode;
  /** Directory comparison's mark of each entry, while the folders are being compared. */
  marks?: ReadonlyMap<string, CompareMark>;
  /** The site's "Adjust server time", added to the modified times shown. */
  timeOffsetMinutes?: number;
  /** Shown between the toolbar and the list (the comparison's summary for this side). */
  banner?: ReactNode;
}

/** A file browser for any PaneSource: one store per pane, shared code between local and remote. */
export function FilePane(props: FilePaneProps) {
  return (
    <PaneProvider store={props.store}>
      <PaneBody {...props} />
    </PaneProvider>
  );
}

function PaneBody(props: FilePaneProps) {
  const gridRef = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const dialog = usePane((s) => s.dialog);
  const menu = usePane((s) => s.menu);
  const actions = usePaneActions();
  const focusGrid = useCallback(() => gridRef.current?.focus(), []);

  const typeToFilter = useCallback(
    (text: string) => {
      const input = filterRef.current;
      if (!input) return;
      const next = input.value + text;
      // Render the new filter now, so the caret can go after the typed character.
      flushSync(() => actions.setFilter(next));
      input.focus();
      input.setSelectionRange(next.length, next.length);
    },
    [actions],
  );

  return (
    <div
      {...props.paneProps}
      className={['file-pane', props.paneProps?.className].filter(Boolean).join(' ')}
    >
      <PaneToolbar
        label={props.label}
        focusGrid={focusGrid}
        filterRef={filterRef}
        extra={props.toolbarExtra}
      />
      <PaneError />
      <PaneNotice />
      {dialog?.kind !== 'move-to' && <MoveProgress />}
      {props.banner}
      <div className="file-grid-wrap">
        <FileTable
          label={props.label}
          gridRef={gridRef}
          onTypeToFilter={typeToFilter}
          onOpenFile={props.onOpenFile}
          onEditFile={props.onEditFile}
          onRowDragStart={props.onRowDragStart}
          marks={props.marks}
          timeOffsetMinutes={props.timeOffsetMinutes}
        />
        <EmptyNote />
      </div>
      <PaneStatus />
      {dialog?.kind === 'new-folder' && <NewFolderDialog returnFocus={focusGrid} />}
      {dialog?.kind === 'delete' && <DeleteDialog names={dialog.names} returnFocus={focusGrid} />}
      {dialog?.kind === 'move-to' && <MoveToDialog names={dialog.names} returnFocus={focusGrid} />}
      {dialog?.kind === 'move-clash' && (
        <MoveClashDialog
          key={dialog.path}
          path={dialog.path}
          folder={dialog.folder}
          others={dialog.others}
          returnFocus={focusGrid}
        />
      )}
      {menu && (
        <PaneMenu
          at={menu}
          label={`${props.label} actions`}
          returnFocus={focusGrid}
          extra={props.extraMenuItems}
        />
      )}
    </div>
  );
}

function PaneMenu(props: {
  at: { x: number; y: number };
  label: string;
  returnFocus(): void;
  extra?: (names: string[]) => MenuItem[];
}) {
  const actions = usePaneActions();
  const entries = usePane((s) => s.entries);
  const showHidden = usePane((s) => s.showHidden);
  const deleteMode = usePane((s) => s.deleteMode);
  const selection = usePane((s) => s.selection);
  const order = usePane((s) => s.names);
  const cut = usePane((s) => s.cut);
  const here = usePane((s) => s.path);
  const names = targets(selection, order);
  const single = names.length === 1 ? entries.find((e) => e.name === names[0]) : undefined;

  const items: MenuItem[] = [];
  if (single && opensAsFolder(single)) {
    items.push({
      label: 'Open',
      onSelect: () => void actions.open(single.name),
      shortcut: 'Enter',
    });
  }
  if (names.length > 0) {
    items.push(
      ...(props.extra?.(names) ?? []),
      { label: 'Rename', onSelect: () => actions.startRename(), disabled: !single, shortcut: 'F2' },
      {
        label: deleteMode === 'trash' ? 'Move to trash' : 'Delete',
        onSelect: actions.askDelete,
        shortcut: 'Delete',
      },
      ...moveMenuItems(actions, names),
    );
  }
  const paste = pasteMenuItem(actions, cut, here);
  if (paste) items.push({ ...paste, separatorBefore: items.length > 0 });
  items.push(
    {
      label: 'New folder',
      onSelect: actions.askNewFolder,
      separatorBefore: items.length > 0 && !paste,
    },
    { label: 'Refresh', onSelect: () => void actions.refresh(), shortcut: 'F5' },
    {
      label: 'Show hidden files',
      onSelect: () => actions.setShowHidden(!showHidden),
      checked: showHidden,
    },
  );
  return (
    <ContextMenu
      label={props.label}
      at={props.at}
      items={items}
      onClose={actions.closeMenu}
      returnFocus={props.returnFocus}
    />
  );
}

function EmptyNote() {
  const empty = usePane((s) => s.path !== null && !s.loading && s.visible.length === 0);
  const filter = usePane((s) => s.filter);
  const hiddenCount = usePane((s) => (s.showHidden ? 0 : s.entries.filter((e) => e.hidden).length));
  if (!empty) return null;
  let text = 'This folder is empty.';
  if (filter.trim() !== '') text = `Nothing here matches “${filter.trim()}”.`;
  else if (hiddenCount > 0) text = `This folder holds only hidden files (${hiddenCount}).`;
  return <p className="pane-empty">{text}</p>;
}

function PaneStatus() {
  const shown = usePane((s) => s.visible.length);
  const total = usePane((s) => s.entries.length);
  const selected = usePane((s) => s.selection.selected.size);
  const cut = usePane((s) => s.cut?.names.length ?? 0);
  const loading = usePane((s) => s.loading);
  const items = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'item' : 'items'}`;
  let text = items(shown);
  if (shown !== total) text += ` shown of ${total.toLocaleString()}`;
  if (selected > 0) text += `, ${selected.toLocaleString()} selected`;
  if (cut > 0)
    text += `, ${cut.toLocaleString()} cut (Ctrl+V moves ${cut === 1 ? 'it' : 'them'} here)`;
  return (
    <div className="pane-status" role="status">
      {loading ? 'Loading…' : text}
    </div>
  );
}
