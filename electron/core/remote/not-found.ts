import { FerryError } from '../../../shared/errors';

/**
 * Nothing at `path` on the server. A name shown with "�" came from the server in bytes that are
 * not UTF-8, which SFTP names are read as: the file is there, but its name cannot be sent back as
 * it is — "moved or deleted" would send the user looking for the wrong cause.
 */
export function notFoundOnServer(path: string, cause?: unknown): FerryError {
  if (path.includes('\uFFFD')) {
    return new FerryError(
      'not_found',
      `${path} cannot be reached by its name: the server wrote the name in bytes that are not UTF-8 (shown as "�").`,
      'Rename it on the server another way (a shell, or FTP with the site’s file name encoding), then refresh the folder.',
      { cause },
    );
  }
  return new FerryError(
    'not_found',
    `${path} does not exist on the server.`,
    'It may have been moved or deleted. Refresh the folder.',
    { cause },
  );
}
