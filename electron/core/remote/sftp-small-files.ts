import type { InputAttributes } from 'ssh2';
import type { SmallFileAttributes } from './remote-fs';
import type { SftpChannel } from './sftp-channel';
import type { RemoteErrorMapper } from './sftp-transfer';

/*
 * Small files in as few round trips as SFTP allows. A server answers the requests on one
 * handle in the order they were sent, so everything after the OPEN goes out at once (and leaves
 * in one socket write, see sftp-socket.ts) instead of each request waiting for the last answer.
 */

/**
 * OPEN, then READ (up to `maxBytes` from the start) and CLOSE together. Resolves with the bytes
 * read; nothing waits for the CLOSE's answer (a download has its bytes by then, and a failed
 * close of a file opened for reading loses nothing).
 */
export async function readSmallFile(
  channel: SftpChannel,
  path: string,
  maxBytes: number,
  remoteError: RemoteErrorMapper,
): Promise<Buffer> {
  const handle = await channel.open(path, 'r', {}).catch((error: unknown) => {
    throw remoteError(error);
  });
  const data = channel.read(handle, maxBytes, 0);
  void channel.close(handle).catch(() => undefined);
  return data.catch((error: unknown) => {
    throw remoteError(error);
  });
}

/**
 * OPEN (create or truncate), then WRITE, FSETSTAT (mode and times) and CLOSE together.
 * Resolves once the server acknowledged every byte and closed the file. A server that refuses
 * the FSETSTAT (some will not set times) gets the mode and the date again one at a time: the
 * mode must be taken (as for every upload), the date is worth a try.
 */
export async function writeSmallFile(
  channel: SftpChannel,
  path: string,
  data: Buffer,
  attributes: SmallFileAttributes,
  remoteError: RemoteErrorMapper,
): Promise<void> {
  const { mode, modified } = attributes;
  const handle = await channel.open(path, 'w', { mode }).catch((error: unknown) => {
    throw remoteError(error);
  });
  // The open mode only applies to new files (and is cut by the server's umask): set it again.
  const stamp: InputAttributes = { mode };
  if (modified !== null) {
    stamp.atime = new Date();
    stamp.mtime = modified;
  }
  const [wrote, stamped, closed] = await Promise.allSettled([
    data.length > 0 ? channel.write(handle, data, 0) : Promise.resolve(),
    channel.fsetstat(handle, stamp),
    channel.close(handle),
  ]);
  if (wrote.status === 'rejected') throw remoteError(wrote.reason);
  // Closing can fail (quota, disk full on flush): that is a failed upload.
  if (closed.status === 'rejected') throw remoteError(closed.reason);
  if (stamped.status === 'rejected') {
    await channel.chmod(path, mode).catch((error: unknown) => {
      throw remoteError(error);
    });
    if (modified !== null) await channel.utimes(path, new Date(), modified).catch(() => undefined);
  }
}
