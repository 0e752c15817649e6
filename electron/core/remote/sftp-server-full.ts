import { posix } from 'node:path';
import { FerryError } from '../../../shared/errors';
import type { SftpChannel } from './sftp-channel';
import { SFTP_STATUS, sftpStatus } from './sftp-errors';

/** Less room than this, or than the bytes still to write, counts as a full disk. */
const NEARLY_FULL_BYTES = 64 * 1024;

/**
 * OpenSSH's sftp-server answers a full disk with SFTP v3's generic FAILURE ("Failure"), as it
 * does any other refused write. Asking the file system's free space (statvfs@openssh.com) tells
 * which it was: a full disk becomes `disk_full`, which stops the queue instead of failing every
 * file after it. Any other failure is returned as it was.
 */
export async function serverFullOr(
  error: unknown,
  channel: SftpChannel,
  path: string,
  bytesToWrite: number,
): Promise<unknown> {
  if (!(error instanceof FerryError) || error.code !== 'internal') return error;
  if (sftpStatus(error.cause) !== SFTP_STATUS.FAILURE) return error;
  const free = await channel.freeBytes(posix.dirname(path));
  if (free === undefined || free >= Math.max(NEARLY_FULL_BYTES, bytesToWrite)) return error;
  return new FerryError(
    'disk_full',
    `The server has no room left for ${path}: its disk is full.`,
    'Free some space on the server (or ask its administrator), then resume the transfers.',
    { cause: error },
  );
}
