/**
 * For renderer store tests in Node: a local pane's source over the real core's disk handlers
 * (the page's bridge is not needed for the local side), moves included.
 */
import { createLocalHandlers } from '../../electron/core/local/local-fs';
import { moveLocal } from '../../electron/core/move/local-move';
import type { PaneSource } from '../features/pane/source';

export function localCoreSource(): PaneSource {
  const handlers = createLocalHandlers({ deleteMode: 'permanent' });
  return {
    home: () => handlers['local.home']({}),
    list: (path) => handlers['local.list']({ path }),
    mkdir: (parent, name) => handlers['local.mkdir']({ parent, name }),
    rename: (path, newName) => handlers['local.rename']({ path, newName }),
    delete: (paths) => handlers['local.delete']({ paths }),
    deleteMode: async () => 'permanent',
    move: (paths, folder, replace) => moveLocal({ paths, folder, replace }),
  };
}
