/**
 * What makes the two panes move files: drag and drop between them (and from the OS onto the
 * server), Upload/Download buttons and menu entries, and Ctrl+U / Ctrl+D on the file list.
 * Each hook returns props for FilePane.
 */
import { useCallback, useEffect, type DragEvent, type KeyboardEvent } from 'react';
import type { SessionInfo } from '../../../shared/types';
import type { FilePaneProps } from '../pane/FilePane';
import type { PaneStore } from '../pane/paneStore';
import {
  carries,
  LOCAL_PATHS,
  OS_FILES,
  readLocalDrag,
  readRemoteDrag,
  REMOTE_PATHS,
  startLocalDrag,
  startRemoteDrag,
} from './dragData';
import { uploadOsDrop } from './osDrop';
import { movableInto, ownDragOf, ownDragStarted } from './ownDrag';
import { registerLocalPane, registerRemotePane, usePanes } from './panes';
import { downloadPaths, downloadSelection, uploadPaths, uploadSelection } from './transferActions';
import { DownloadButton, UploadButton } from './TransferButtons';
import { guardWindowDrops, useDropTarget, type DropEffect } from './useDropTarget';
import './dnd.css';

type PaneTransferProps = Required<
  Pick<FilePaneProps, 'paneProps' | 'onRowDragStart' | 'extraMenuItems' | 'toolbarExtra'>
>;

/** Ctrl+U / Ctrl+D (⌘ on a Mac) while the file list has the keyboard. */
function shortcut(key: string, run: () => void) {
  return (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.getAttribute('role') !== 'grid') return;
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    if (event.key.toLowerCase() !== key) return;
    event.preventDefault(); // also keeps the browser's own Ctrl+U / Ctrl+D away
    run();
  };
}

/**
 * A drag out of the pane itself moves its items onto a folder row or breadcrumb (never onto the
 * pane's own folder); any other drag is the other side's: `transfer` decides about it.
 */
function ownOrTransfer(store: PaneStore, transfer: (data: DataTransfer) => boolean) {
  return (data: DataTransfer, folder: string | null): DropEffect => {
    const own = ownDragOf(store);
    if (own) return movableInto(own, folder) ? 'move' : false;
    return transfer(data) ? 'copy' : false;
  };
}

/** Moves the pane's own dragged items; answers false when the drop is not the pane's own. */
function dropOwn(store: PaneStore, folder: string | null): boolean {
  const own = ownDragOf(store);
  if (!own) return false;
  if (movableInto(own, folder)) void store.getState().actions.moveInto([...own], folder);
  return true;
}

function withClass(props: { className?: string }, over: boolean) {
  return over ? { ...props, className: 'is-drop-target' } : props;
}

export function useLocalPaneTransfers(store: PaneStore): PaneTransferProps {
  useEffect(() => registerLocalPane(store), [store]);
  useEffect(guardWindowDrops, []);
  const drop = useDropTarget(
    ownOrTransfer(store, (data) => carries(data, REMOTE_PATHS)),
    (data, folder) => {
      if (dropOwn(store, folder)) return;
      const drag = readRemoteDrag(data);
      if (drag)
        void downloadPaths(drag.paths, {
          sessionId: drag.sessionId,
          ...(folder ? { localFolder: folder } : {}),
        });
    },
  );
  const onRowDragStart = useCallback(
    (event: DragEvent, paths: string[]) => {
      startLocalDrag(event.dataTransfer, paths);
      ownDragStarted(store, paths);
    },
    [store],
  );
  return {
    paneProps: {
      ...withClass(drop.paneProps, drop.over),
      onKeyDown: shortcut('u', () => void uploadSelection()),
    },
    onRowDragStart,
    extraMenuItems: (names) => [
      {
        label: 'Upload to server',
        shortcut: 'Ctrl+U',
        // Nothing to upload to until a server is connected.
        disabled: usePanes.getState().remote === null,
        onSelect: () => void uploadSelection(names),
      },
    ],
    toolbarExtra: <UploadButton />,
  };
}

export function useRemotePaneTransfers(store: PaneStore, session: SessionInfo): PaneTransferProps {
  useEffect(() => registerRemotePane(store, session), [store, session]);
  useEffect(guardWindowDrops, []);
  const drop = useDropTarget(
    ownOrTransfer(store, (data) => carries(data, LOCAL_PATHS) || carries(data, OS_FILES)),
    (data, folder) => {
      if (dropOwn(store, folder)) return;
      const target = folder ?? undefined;
      if (carries(data, LOCAL_PATHS)) void uploadPaths(readLocalDrag(data), target);
      else void uploadOsDrop(data, target);
    },
  );
  const onRowDragStart = useCallback(
    (event: DragEvent, paths: string[]) => {
      startRemoteDrag(event.dataTransfer, { sessionId: session.sessionId, paths });
      ownDragStarted(store, paths);
    },
    [session.sessionId, store],
  );
  return {
    paneProps: {
      ...withClass(drop.paneProps, drop.over),
      onKeyDown: shortcut('d', () => void downloadSelection()),
    },
    onRowDragStart,
    extraMenuItems: (names) => [
      {
        label: 'Download to this computer',
        shortcut: 'Ctrl+D',
        onSelect: () => void downloadSelection(names),
      },
    ],
    toolbarExtra: <DownloadButton />,
  };
}
