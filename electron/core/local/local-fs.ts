import { lstat, mkdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, parse, resolve } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import { FerryError } from '../../../shared/errors';
import { alreadyExists, fsError } from './fs-errors';
import { listFolder } from './list-folder';

export type LocalHandlers = Pick<
  Handlers,
  'local.home' | 'local.list' | 'local.mkdir' | 'local.rename' | 'local.delete'
>;

export interface LocalOptions {
  /** 'trash' hands deletes to `trash` (Electron's shell.trashItem); 'permanent' removes them. */
  deleteMode: 'trash' | 'permanent';
  trash?: (paths: string[]) => Promise<void>;
}

/** Paths arrive from the renderer as text: insist on absolute ones, then normalise them. */
export function absolutePath(path: string): string {
  if (!isAbsolute(path)) {
    throw new FerryError(
      'invalid_input',
      `"${path}" is not a full path.`,
      'Type a path that starts at the top of the drive, like /home/you/Documents.',
    );
  }
  return resolve(path);
}

/** lstat that answers null for "nothing there" and maps every other failure. */
async function existing(path: string, action: 'rename' | 'delete') {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fsError(error, action, path);
  }
}

function refuseDriveRoot(path: string): void {
  if (parse(path).root === path) {
    throw new FerryError(
      'forbidden',
      `Ferry will not delete ${path}: it is the top of a drive.`,
      'Select the items inside it instead.',
    );
  }
}

export function createLocalHandlers(options: LocalOptions): LocalHandlers {
  const { deleteMode, trash } = options;
  if (deleteMode === 'trash' && !trash) {
    throw new Error('createLocalHandlers: deleteMode "trash" needs a trash function');
  }

  async function removeAll(paths: string[]): Promise<void> {
    for (const path of paths) {
      refuseDriveRoot(path);
      if (!(await existing(path, 'delete'))) throw fsError({ code: 'ENOENT' }, 'delete', path);
    }
    if (deleteMode === 'trash' && trash) {
      try {
        await trash(paths);
      } catch (error) {
        const what = paths.length === 1 ? String(paths[0]) : `${paths.length} items`;
        const mapped = fsError(error, 'delete', what);
        if (mapped.code !== 'internal') throw mapped;
        throw new FerryError(
          'internal',
          `Ferry could not move ${what} to the trash.`,
          'The drive may have no trash (network and removable drives often do not). Refresh to see what is left.',
          { cause: error },
        );
      }
      return;
    }
    for (const path of paths) {
      // Never follows symlinks: a link is removed, not what it points to.
      await rm(path, { recursive: true }).catch((error: unknown) => {
        throw fsError(error, 'delete', path);
      });
    }
  }

  return {
    'local.home': async () => homedir(),

    'local.list': async ({ path }) => listFolder(absolutePath(path)),

    'local.mkdir': async ({ parent, name }) => {
      const target = join(absolutePath(parent), name);
      try {
        // Not recursive: an existing name is an error, never silently reused.
        await mkdir(target);
      } catch (error) {
        throw fsError(error, 'create', target);
      }
      return target;
    },

    'local.rename': async ({ path, newName }) => {
      const from = absolutePath(path);
      const to = join(dirname(from), newName);
      if (to === from) return from;
      const source = await existing(from, 'rename');
      if (!source) throw fsError({ code: 'ENOENT' }, 'rename', from);
      // Node has no rename-without-replace; the check leaves only a tiny window for a race.
      const clash = await existing(to, 'rename');
      // The same inode means a case-only rename on a case-insensitive drive: allowed.
      if (clash && !(clash.ino === source.ino && clash.dev === source.dev)) {
        throw alreadyExists(to);
      }
      try {
        await rename(from, to);
      } catch (error) {
        throw fsError(error, 'rename', from);
      }
      return to;
    },

    'local.delete': async ({ paths }) => {
      await removeAll(paths.map(absolutePath));
    },
  };
}
