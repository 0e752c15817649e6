import { call } from '../../api';
import { remoteUrl } from '../pane/copyPaths';
import type { PaneSource } from '../pane/source';
import type { SessionInfo } from '../../../shared/types';

/** A server session's files, through the contract's remote.* methods. */
export function remoteSource(session: SessionInfo): PaneSource {
  const { sessionId } = session;
  return {
    home: async () => session.home,
    list: (path) => call('remote.list', { sessionId, path }),
    mkdir: (parent, name) => call('remote.mkdir', { sessionId, parent, name }),
    rename: (path, newName) => call('remote.rename', { sessionId, path, newName }),
    delete: (paths) => call('remote.delete', { sessionId, paths }),
    move: (paths, folder, replace) => call('remote.move', { sessionId, paths, folder, replace }),
    urlOf: (path) => remoteUrl(session, path),
    // Servers have no trash: every remote delete is for good, and the dialog says so.
    deleteMode: async () => 'permanent',
    chmod: (path, mode) => call('remote.chmod', { sessionId, path, mode }),
  };
}
