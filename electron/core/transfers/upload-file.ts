import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { posix } from 'node:path';
import { FerryError } from '../../../shared/errors';
import type { FolderGuard } from '../local/inside-root';
import { fsError } from '../local/fs-errors';
import { systemCode } from '../remote/net-errors';
import type { BytePacer, RemoteFs } from '../remote/remote-fs';
import { sizeMismatch } from './download-file';
import { replaceThroughTemp } from './replace-through-temp';
import { isNetworkFailure, isRetryable } from './retry-policy';
import { READ_NO_LINK, takesSmallUploadPath, uploadSmall } from './small-upload';
import type { FileFacts } from './types';

/** Reads in big pieces: fewer, larger writes for both protocols. */
const READ_HIGH_WATER_MARK = 1024 * 1024;
const MIN_READ_BYTES = 16 * 1024;

export interface UploadFileInput {
  fs: RemoteFs;
  localPath: string;
  remotePath: string;
  /** Where to start (resume): the remote file already holds this many bytes of the source. */
  offset: number;
  source: FileFacts;
  /** Nothing was at `remotePath` when the job looked just before (FTP may then skip a chmod). */
  fresh?: boolean;
  /**
   * Replacing an existing file: the bytes go to this temporary file beside `remotePath` (see
   * upload-temp.ts; `offset` then counts its bytes), which replaces the target once complete.
   */
  tempPath?: string;
  /** The server refused to create `tempPath`, so the upload writes into the target after all. */
  onInPlace?: () => void;
  /** With `tempPath`: a last look right before the temporary file replaces the target. */
  beforeReplace?: () => Promise<void>;
  /** Never read through a link (keep-up, synchronization): a link in the file's place fails. */
  noLinks?: boolean;
  /** The file's folder, held to be the real one below the chosen folder (inside-root.ts). */
  guard?: FolderGuard;
  signal: AbortSignal;
  /** The upload speed limit shared by all uploads (absent: none). */
  pacer?: BytePacer;
  onBytes: (bytes: number) => void;
}

/** Permission bits for the remote copy: the local ones, but never writable by everyone. */
export function uploadMode(localMode: number | null): number {
  if (localMode === null) return 0o644;
  return localMode & 0o777 & ~0o002;
}

/**
 * Streams a local file to the server (from `offset` when resuming), checks the remote size,
 * and carries the modification time over where the protocol allows. With a `tempPath`, all of
 * that happens on the temporary file, which then replaces the target: a failed or cancelled
 * upload leaves the old file whole.
 */
export async function uploadFile(input: UploadFileInput): Promise<void> {
  const { fs, tempPath, remotePath } = input;
  // Cancelled while looking at the target: on a shared connection nothing else stops the job.
  if (input.signal.aborted) throw new FerryError('cancelled', 'Cancelled.');
  if (tempPath === undefined) return uploadInto(input, remotePath);
  // The temporary file is new at offset 0, but FTP's guess at the mode of new files is not
  // worth making on a hidden name: it gets its mode set (fresh: false), as the target did.
  // A pause keeps the bytes, and a cancel is cleaned up by the queue (the connection goes with
  // it). A failure the job retries (the network, a size the server had not settled) keeps them
  // for the retry to continue; anything else ends the job: the temporary file goes while the
  // connection still works.
  return replaceThroughTemp(
    {
      fs,
      target: remotePath,
      tempPath,
      offset: input.offset,
      signal: input.signal,
      ...(input.onInPlace ? { onInPlace: input.onInPlace } : {}),
      ...(input.beforeReplace ? { beforeReplace: input.beforeReplace } : {}),
      keepTemp: (error) => input.signal.aborted || isNetworkFailure(error) || isRetryable(error),
    },
    (path) =>
      path === tempPath
        ? uploadInto({ ...input, remotePath: tempPath, fresh: false }, remotePath)
        : uploadInto(input, remotePath),
  );
}

/** The upload itself, into `input.remotePath`; messages name `target`, the file the user sees. */
async function uploadInto(input: UploadFileInput, target: string): Promise<void> {
  const { fs, localPath, remotePath, offset, source } = input;
  input.onBytes(offset);
  const readError = (error: unknown): FerryError =>
    input.noLinks === true && systemCode(error) === 'ELOOP'
      ? linkInItsPlace(localPath)
      : localReadError(error, localPath);
  await input.guard?.check();
  if (takesSmallUploadPath(input)) {
    return uploadSmall(input, uploadMode(source.mode), readError);
  }
  let localError: unknown;
  const options = {
    start: offset,
    // Each read allocates a buffer of this size: a small file gets one its size (1 MiB for
    // each of 1,000 small files made garbage collection a fifth of the CPU time).
    highWaterMark: Math.min(READ_HIGH_WATER_MARK, Math.max(MIN_READ_BYTES, source.size - offset)),
  };
  const stream = input.noLinks
    ? (
        await open(localPath, READ_NO_LINK).catch((error: unknown) => {
          throw readError(error);
        })
      ).createReadStream(options)
    : createReadStream(localPath, options);
  // Opened from the real folder: still the same folders once the file is open.
  await input.guard?.check().catch((error: unknown) => {
    stream.destroy();
    throw error;
  });
  // The transfer may destroy the stream with its socket's error: that one is not the disk's.
  stream.on('error', (error) => {
    if (!isNetworkFailure(error)) localError ??= error;
  });
  const abort = (): void => void stream.destroy();
  input.signal.addEventListener('abort', abort, { once: true });
  let delivered = offset;
  try {
    await fs.upload(stream, remotePath, {
      offset,
      mode: uploadMode(source.mode),
      fresh: input.fresh === true,
      ...(input.pacer === undefined ? {} : { pacer: input.pacer }),
      onBytes: (n) => {
        delivered = offset + n;
        input.onBytes(delivered);
      },
    });
  } catch (error) {
    stream.destroy();
    if (localError !== undefined) throw localReadError(localError, localPath);
    throw error;
  } finally {
    input.signal.removeEventListener('abort', abort);
  }
  if (localError !== undefined) throw localReadError(localError, localPath);
  // The server took every byte (SFTP acknowledges each write; FTP answers 226 after the data
  // connection closed cleanly): counting them checks the size without a round trip (a STAT, or
  // SIZE + MDTM over FTP) per file. Only a resumed upload asks the server.
  const size = offset === 0 ? delivered : ((await fs.stat(remotePath))?.size ?? -1);
  if (size !== source.size) throw sizeMismatch(posix.basename(target), size, source.size);
  if (source.modified !== null) {
    // A date the server will not take is not worth failing a complete upload for.
    await fs.setModified(remotePath, new Date(source.modified)).catch(() => false);
  }
}

function linkInItsPlace(path: string): FerryError {
  return new FerryError(
    'invalid_input',
    `${path} is a link now: not sent (links are never followed here).`,
    'Something replaced the file with a link since it was queued; upload what it leads to yourself if you mean to.',
  );
}

/** A local file that could not be read; fsError's words are about folders for ENOENT. */
export function localReadError(error: unknown, path: string): FerryError {
  if (systemCode(error) === 'ENOENT') {
    return new FerryError(
      'not_found',
      `${path} no longer exists.`,
      'It may have been moved or deleted since it was queued.',
      { cause: error },
    );
  }
  return fsError(error, 'open', path);
}
