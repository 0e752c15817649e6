/** Upload and download of what the user picked, whichever way they asked (drop, button, key). */
import { enqueueTransfers, setTransferNotice } from '../transfers/transfersStore';
import { joinPath } from '../pane/paths';
import type { PaneStore } from '../pane/paneStore';
import { folderOf, usePanes } from './panes';

/** Uploads local paths into a server folder (by default the one the remote pane shows). */
export async function uploadPaths(paths: string[], remoteFolder?: string): Promise<boolean> {
  const remote = usePanes.getState().remote;
  const folder = remoteFolder ?? folderOf(remote?.store);
  if (!remote || folder === null) {
    setTransferNotice({
      tone: 'error',
      message: 'There is no server to upload to.',
      hint: 'Connect to a server first, then drop or upload the files again.',
    });
    return false;
  }
  if (paths.length === 0) return false;
  return enqueueTransfers({
    sessionId: remote.session.sessionId,
    direction: 'upload',
    sources: paths,
    targetFolder: folder,
  });
}

/** Downloads server paths into a local folder (by default the one the local pane shows). */
export async function downloadPaths(
  paths: string[],
  options: { localFolder?: string; sessionId?: string } = {},
): Promise<boolean> {
  const { local, remote } = usePanes.getState();
  const folder = options.localFolder ?? folderOf(local);
  const sessionId = options.sessionId ?? remote?.session.sessionId;
  if (sessionId === undefined || folder === null || paths.length === 0) return false;
  return enqueueTransfers({
    sessionId,
    direction: 'download',
    sources: paths,
    targetFolder: folder,
  });
}

/** Full paths of the given names in the pane's folder (default: its selection or focus). */
export function pickedPaths(store: PaneStore | null | undefined, names?: string[]): string[] {
  const state = store?.getState();
  if (!state || state.path === null) return [];
  const here = state.path;
  return (names ?? state.actions.targetNames()).map((name) => joinPath(here, name));
}

export function uploadSelection(names?: string[]): Promise<boolean> {
  return uploadPaths(pickedPaths(usePanes.getState().local, names));
}

export function downloadSelection(names?: string[]): Promise<boolean> {
  return downloadPaths(pickedPaths(usePanes.getState().remote?.store, names));
}
