import { call, on } from '../../api';
import { useAppInfo } from '../app/appInfoStore';
import type { PaneSource } from '../pane/source';

/** This computer's disk, through the contract's local.* methods. */
export const localSource: PaneSource = {
  home: () => call('local.home', {}),
  list: (path) => call('local.list', { path }),
  mkdir: (parent, name) => call('local.mkdir', { parent, name }),
  rename: (path, newName) => call('local.rename', { path, newName }),
  delete: (paths) => call('local.delete', { paths }),
  move: (paths, folder, replace, moveId) =>
    call('local.move', { paths, folder, replace, ...(moveId ? { moveId } : {}) }),
  stopMove: (moveId) => call('local.moveStop', { moveId }),
  onMoveProgress: (listener) => on('local.moveProgress', listener),
  deleteMode: async () => (useAppInfo.getState().info ?? (await call('app.info', {}))).deleteMode,
};
