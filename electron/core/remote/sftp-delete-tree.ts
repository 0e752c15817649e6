/**
 * Deletes an SFTP folder with everything in it. Links are deleted, never followed (readdir
 * reports them as links), and a name the server lists that is not a plain name stops the
 * deletion there: it could point outside the folder.
 */
import { posix } from 'node:path';
import { FerryError } from '../../../shared/errors';
import { isSelfOrParent, refusedNameReason } from './server-names';
import type { SftpChannel } from './sftp-channel';
import { kindOf } from './sftp-entries';

/** Deletes in flight while emptying a folder. */
const DELETE_CONCURRENCY = 16;

/** Runs one SFTP request, turning its failure into words about `action` on `path`. */
export type Guard = <T>(action: string, path: string, work: () => Promise<T>) => Promise<T>;

export async function deleteTree(
  channel: SftpChannel,
  folder: string,
  guard: Guard,
): Promise<void> {
  const items = await guard('delete', folder, () => channel.readdir(folder));
  const children = items.filter((i) => !isSelfOrParent(i.filename));
  const unsafe = children.find((i) => refusedNameReason(i.filename) !== undefined);
  if (unsafe) {
    throw new FerryError(
      'unsafe_name',
      `The server listed a name in ${folder} that is not a plain name ("${unsafe.filename}"), so Ferry stopped deleting there.`,
      'Delete that folder with another tool, or ask the server administrator.',
    );
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < children.length) {
      const child = children[next++];
      if (!child) return;
      const childPath = posix.join(folder, child.filename);
      if (kindOf(child.attrs.mode) === 'folder') await deleteTree(channel, childPath, guard);
      else await guard('delete', childPath, () => channel.unlink(childPath));
    }
  };
  await Promise.all(Array.from({ length: DELETE_CONCURRENCY }, worker));
  await guard('delete', folder, () => channel.rmdir(folder));
}
