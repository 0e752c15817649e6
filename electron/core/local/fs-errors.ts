import { FerryError } from '../../../shared/errors';
import { systemCode } from '../remote/net-errors';

/** What the user was doing when the file system said no; it shapes the words. */
export type FsAction = 'open' | 'create' | 'rename' | 'move' | 'delete';

const VERB: Record<FsAction, string> = {
  open: 'open',
  create: 'create',
  rename: 'rename',
  move: 'move',
  delete: 'delete',
};

/**
 * Turns a Node file-system error into a FerryError with plain words and a hint.
 * `path` is the path the user would recognise (the folder opened, the item renamed).
 */
export function fsError(error: unknown, action: FsAction, path: string): FerryError {
  if (error instanceof FerryError) return error;
  const cause = { cause: error };
  switch (systemCode(error)) {
    case 'ENOENT':
      return new FerryError(
        'not_found',
        action === 'open' ? `The folder ${path} does not exist.` : `${path} does not exist.`,
        'It may have been moved or deleted. Refresh the folder, or check the path.',
        cause,
      );
    case 'EACCES':
    case 'EPERM':
      return new FerryError(
        'permission_denied',
        `You do not have permission to ${VERB[action]} ${path}.`,
        'Ask the owner of the folder for access, or pick a folder of your own.',
        cause,
      );
    case 'EROFS':
      return new FerryError(
        'permission_denied',
        `${path} is on a read-only drive, so Ferry cannot ${VERB[action]} it.`,
        'Pick a folder on a drive you can write to.',
        cause,
      );
    case 'ENOTDIR':
      return new FerryError(
        'not_a_folder',
        `${path} is not a folder.`,
        'Pick a folder, not a file.',
        cause,
      );
    case 'EISDIR':
      return new FerryError(
        'not_a_folder',
        `${path} is a folder, not a file.`,
        'Pick a file instead.',
        cause,
      );
    case 'EEXIST':
      return alreadyExists(path, error);
    case 'ENOTEMPTY':
      return new FerryError(
        'not_empty',
        `${path} is not empty.`,
        'Empty the folder first, or delete it with everything inside.',
        cause,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new FerryError(
        'disk_full',
        `There is no space left on the drive to ${VERB[action]} ${path}.`,
        'Free some space on the drive and try again.',
        cause,
      );
    case 'ENAMETOOLONG':
      return new FerryError(
        'invalid_input',
        `The name or path is too long: ${path}.`,
        'Use a shorter name.',
        cause,
      );
    case 'ELOOP':
      return new FerryError(
        'not_found',
        `${path} leads through a loop of shortcuts (symbolic links).`,
        'Open the real folder instead of the link.',
        cause,
      );
    case 'EBUSY':
      return new FerryError(
        'permission_denied',
        `${path} is in use, so Ferry cannot ${VERB[action]} it.`,
        'Close the programs using it and try again.',
        cause,
      );
    default:
      return new FerryError(
        'internal',
        `Ferry could not ${VERB[action]} ${path}.`,
        'Try again. If it keeps happening, copy the log and report it.',
        cause,
      );
  }
}

export function alreadyExists(path: string, cause?: unknown): FerryError {
  return new FerryError(
    'already_exists',
    `Something named ${path} already exists.`,
    'Pick another name, or rename or delete the existing item first.',
    { cause },
  );
}
