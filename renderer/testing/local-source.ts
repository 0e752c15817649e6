/**
 * For renderer store tests in Node: a local pane's source over the real core's disk handlers
 * (the page's bridge is not needed for the local side), moves included.
 */
import { createLocalHandlers } from '../../electron/core/local/local-fs';
import { createMoveHandlers } from '../../electron/core/move/handlers';
import type { MoveProgress } from '../../shared/contract/move';
import type { PaneSource } from '../features/pane/source';

export function localCoreSource(): PaneSource {
  const handlers = createLocalHandlers({ deleteMode: 'permanent' });
  const listeners = new Set<(progress: MoveProgress) => void>();
  const moves = createMoveHandlers(
    {
      get: () => {
        throw new Error('No server sessions here.');
      },
    },
    (_name, payload) => {
      for (const listener of listeners) listener(payload as MoveProgress);
    },
  );
  return {
    home: () => handlers['local.home']({}),
    list: (path) => handlers['local.list']({ path }),
    mkdir: (parent, name) => handlers['local.mkdir']({ parent, name }),
    rename: (path, newName) => handlers['local.rename']({ path, newName }),
    delete: (paths) => handlers['local.delete']({ paths }),
    deleteMode: async () => 'permanent',
    move: (paths, folder, replace, moveId) =>
      moves['local.move']({ paths, folder, replace, ...(moveId ? { moveId } : {}) }),
    stopMove: (moveId) => moves['local.moveStop']({ moveId }),
    onMoveProgress: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
