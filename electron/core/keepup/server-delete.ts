/**
 * What a keep-up-to-date deletes on the server when the user asked deletions to follow: the same
 * kind of thing that went here (a file, a folder), and never a folder holding names the
 * exclusion list leaves out, links, or what Ferry cannot read, or more files than the folder here held
 * (someone put them there): those were never this folder's to send.
 */
import type { NameFilter } from '../../../shared/name-filter';
import { FerryError } from '../../../shared/errors';
import type { RemoteFs } from '../remote/remote-fs';
import { refusedFtpNameReason, refusedNameReason } from '../remote/server-names';
import { measureFolder, Side } from '../sync/measure-folder';

/** Most folders looked into before a folder is deleted whole. */
const MOST_FOLDERS = 2000;
const neverStopped = new AbortController().signal;

/** Deletes `path` (shown as `relative`); false when nothing was there. */
export async function deleteOnServer(
  fs: RemoteFs,
  exclude: NameFilter | undefined,
  target: { path: string; relative: string; kind: 'file' | 'folder'; files: number },
): Promise<boolean> {
  const { path, relative, kind } = target;
  const there = await fs.stat(path);
  if (there === null) return false; // never sent, or gone already
  if (there.kind !== kind) throw notTheSame(relative);
  if (kind === 'file') {
    await fs.deleteFile(path);
    return true;
  }
  const refused = fs.protocol === 'ftp' ? refusedFtpNameReason : refusedNameReason;
  const side = new Side(fs, exclude, refused, neverStopped, { excluded: 0, refusedNames: 0 });
  const measured = await measureFolder(side, { where: 'server', path }, MOST_FOLDERS);
  // Links are never sent from here: one in the folder there is someone else's.
  if (measured.excluded > 0 || measured.unreadable.length > 0 || measured.links > 0)
    throw keptThere(relative);
  if (measured.files > target.files) throw gainedThere(relative, measured.files - target.files);
  await fs.deleteFolder(path);
  return true;
}

function notTheSame(relative: string): FerryError {
  return new FerryError(
    'already_exists',
    `"${relative}" on the server is not the same kind of thing (a file or a folder): left as it is.`,
    'Delete it there yourself if it should go.',
  );
}

function keptThere(relative: string): FerryError {
  return new FerryError(
    'forbidden',
    `The folder "${relative}" on the server holds files your exclusion list leaves out, links, or files Ferry cannot read: left as it is.`,
    'Delete it there yourself if it should go.',
  );
}

function gainedThere(relative: string, extra: number): FerryError {
  const files = extra === 1 ? '1 file' : `${extra} files`;
  return new FerryError(
    'already_exists',
    `The folder "${relative}" on the server holds ${files} more than it held here (put there by someone else, or left out here): left as it is.`,
    'Look at what is there, and delete it there yourself if it should go.',
  );
}
