import { posix } from 'node:path';
import { FerryError } from '../../../shared/errors';

/**
 * Every path sent to the server is absolute: basic-ftp's helpers (and our own CWDs) leave the
 * working directory wherever they went, so a relative path would mean something different later.
 * FTP commands end at a line break, so CR, LF and NUL can never be part of a name.
 */
export function remotePath(path: string): string {
  if (/[\r\n\0]/.test(path)) {
    throw new FerryError(
      'unsafe_name',
      'That name contains a line break or NUL character, which FTP cannot carry.',
      'Rename the file without line breaks.',
    );
  }
  if (!path.startsWith('/')) {
    throw new FerryError('invalid_input', `"${path}" is not an absolute remote path.`);
  }
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

export function parentOf(path: string): string {
  return posix.dirname(path);
}

export function baseName(path: string): string {
  return posix.basename(path);
}

/**
 * Joins a name from a server listing onto a folder path. Names are data: one that is empty,
 * `.`, `..` or holds a slash would address another place than the listing showed.
 */
export function childPath(folder: string, name: string): string {
  if (name === '' || name === '.' || name === '..' || /[/\0\r\n]/.test(name)) {
    throw new FerryError(
      'unsafe_name',
      `The server listed an entry named ${JSON.stringify(name)} in ${folder}, which is not a valid name.`,
      'Ferry will not act on it. Ask the server administrator to check that folder.',
    );
  }
  return folder === '/' ? `/${name}` : `${folder}/${name}`;
}
