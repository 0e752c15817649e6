import { close, closeSync, constants, fstatSync, open, openSync, read, readSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import { FerryError } from '../../../shared/errors';
import { quickDisk } from '../local/quick-disk';
import { systemCode } from '../remote/net-errors';
import type { RemoteFs } from '../remote/remote-fs';
import { sizeMismatch } from './download-file';
import { untilAborted } from './until-aborted';
import type { UploadFileInput } from './upload-file';

/**
 * Files up to this size are read whole and sent with their requests back to back: at most
 * this much memory per job in flight (64 jobs: 16 MiB), and ssh2 sends it in one or two WRITEs.
 */
export const SMALL_UPLOAD_MAX_BYTES = 256 * 1024;

type SmallWriter = Required<Pick<RemoteFs, 'writeSmall'>>;

export function takesSmallUploadPath(
  input: UploadFileInput,
): input is UploadFileInput & { fs: SmallWriter } {
  return (
    input.offset === 0 &&
    input.source.size <= SMALL_UPLOAD_MAX_BYTES &&
    input.fs.writeSmall !== undefined
  );
}

/**
 * A small file without streams: read whole (one byte more than it had when looked at, so a
 * file that grew shows itself), checked against that size before the server is touched, then
 * written, given its mode and date, and closed in one round trip after the OPEN.
 * Local read failures reject with the file system's error (`localError` marks them).
 */
export async function uploadSmall(
  input: UploadFileInput & { fs: SmallWriter },
  mode: number,
  localError: (error: unknown) => FerryError,
): Promise<void> {
  const { source, remotePath } = input;
  let data: Buffer;
  try {
    const pooled = () =>
      readWhole(input.localPath, source.size, input.noLinks === true ? READ_NO_LINK : 'r');
    data =
      (await quickDisk.either(
        dirname(input.localPath),
        () => readWholeNow(input.localPath, source.size),
        pooled,
      )) ?? (await pooled());
  } catch (error) {
    throw localError(error);
  }
  // Read from the real folder: still the same folders once the bytes are in (inside-root.ts).
  await input.guard?.check();
  if (input.signal.aborted) throw new FerryError('cancelled', 'Cancelled.');
  if (data.length !== source.size) {
    throw sizeMismatch(posix.basename(remotePath), data.length, source.size);
  }
  // The speed limit is paid before the requests leave (a cancel ends the wait at once).
  const allowed = input.pacer?.take(data.length, input.signal);
  if (allowed !== undefined) await allowed;
  const written = input.fs.writeSmall(remotePath, data, {
    mode,
    modified: source.modified === null ? null : new Date(source.modified),
    created: input.fresh === true,
  });
  // Its requests are on their way (on a slow link, a second or more): a cancel or pause does
  // not wait for them. The file may still arrive whole; a resume writes it again.
  await untilAborted(written, input.signal);
  input.onBytes(data.length);
}

/** Opens for reading, failing (ELOOP) where a link took the file's place. */
export const READ_NO_LINK = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/**
 * A local file's bytes, up to one more than `expected`. A read that ends exactly at `expected`
 * is taken as the end: a local file answers a read in full up to its end, so the one byte more
 * shows a file that grew, and no second read is needed to see the end.
 */
export function readWhole(
  path: string,
  expected: number,
  flags: string | number = 'r',
): Promise<Buffer> {
  const maxBytes = expected + 1;
  return new Promise((resolve, reject) => {
    open(path, flags, (openError, fd) => {
      if (openError) return reject(openError);
      const buffer = Buffer.allocUnsafe(maxBytes);
      let filled = 0;
      const finish = (error: Error | null): void =>
        close(fd, () => (error ? reject(error) : resolve(buffer.subarray(0, filled))));
      const next = (): void =>
        read(fd, buffer, filled, maxBytes - filled, filled, (readError, count) => {
          if (readError) return finish(readError);
          filled += count;
          if (count === 0 || filled >= expected) return finish(null);
          next();
        });
      next();
    });
  });
}

/**
 * readWhole with direct (blocking) calls, for folders where quickDisk allows them; undefined for
 * a link, which may point onto a network disk that stalls: the caller reads it in the thread
 * pool. Opened without waiting: a pipe or device put in the file's place since it was listed
 * would otherwise block the event loop; it is refused instead.
 */
export function readWholeNow(path: string, expected: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    if (systemCode(error) === 'ELOOP') return undefined;
    throw error;
  }
  try {
    if (!fstatSync(fd).isFile()) {
      throw new FerryError(
        'invalid_input',
        `${path} is no longer a file.`,
        'Something else took its name since it was queued; only files can be uploaded.',
      );
    }
    const maxBytes = expected + 1;
    const buffer = Buffer.allocUnsafe(maxBytes);
    let filled = 0;
    for (;;) {
      const count = readSync(fd, buffer, filled, maxBytes - filled, filled);
      filled += count;
      if (count === 0 || filled >= expected) return buffer.subarray(0, filled);
    }
  } finally {
    closeSync(fd);
  }
}
