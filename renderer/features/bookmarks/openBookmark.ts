/**
 * Opening a bookmark: the server's pane goes to its remote folder and this computer's pane to its
 * local folder (each path only ever to its own side's pane), then synchronized browsing is
 * switched on if the bookmark says so. A folder that no longer exists is said in plain words;
 * the bookmark is kept either way (the folder may come back, or the user renames or deletes it).
 */
import type { Bookmark } from '../../../shared/contract/bookmarks';
import type { ErrorInfo } from '../../../shared/errors';
import type { PaneStore } from '../pane/paneStore';

export interface BookmarkPanes {
  /** The shown tab's server pane. */
  remote: PaneStore;
  /** This computer's pane (null before it exists). */
  local: PaneStore | null;
  /** Switches the tab's synchronized browsing. */
  setSyncing(on: boolean): void;
}

export interface OpenOutcome {
  /** Plain words for each folder that did not open; empty when all went well. */
  problems: string[];
  syncing: boolean;
}

const WHERE = { remote: 'on the server', local: 'on this computer' } as const;

function problemText(
  bookmark: Bookmark,
  side: 'remote' | 'local',
  path: string,
  error: ErrorInfo | null,
): string {
  const gone = error?.code === 'not_found' || error?.code === 'not_a_folder';
  const what = gone
    ? `The folder ${path} no longer exists ${WHERE[side]}`
    : `The folder ${path} ${WHERE[side]} could not be opened${error ? ` (${error.message})` : ''}`;
  return `${what}. Bookmark “${bookmark.name}” is kept: rename or delete it under Bookmarks if it is no longer needed.`;
}

/** Goes to one side's folder; answers the problem in plain words, or undefined. */
async function go(
  pane: PaneStore,
  bookmark: Bookmark,
  side: 'remote' | 'local',
  path: string,
): Promise<string | undefined> {
  if (await pane.getState().actions.navigate(path)) return undefined;
  const { error } = pane.getState();
  // The notice says it, with the bookmark's name; the pane need not say it a second time.
  pane.getState().actions.dismissError();
  return problemText(bookmark, side, path, error);
}

export async function openBookmark(bookmark: Bookmark, panes: BookmarkPanes): Promise<OpenOutcome> {
  // Both panes move to unrelated folders: synchronized browsing must not repeat these moves.
  panes.setSyncing(false);
  const localDir = bookmark.localDir === '' ? null : bookmark.localDir;
  const [remoteProblem, localProblem] = await Promise.all([
    go(panes.remote, bookmark, 'remote', bookmark.remoteDir),
    localDir !== null && panes.local
      ? go(panes.local, bookmark, 'local', localDir)
      : Promise.resolve(undefined),
  ]);
  const problems = [remoteProblem, localProblem].filter((p): p is string => p !== undefined);
  const syncing = bookmark.syncBrowsing && localDir !== null && problems.length === 0;
  if (syncing) panes.setSyncing(true);
  return { problems, syncing };
}
