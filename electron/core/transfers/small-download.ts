import { fstat, fstatSync, renameSync, type Stats } from 'node:fs';
import { basename, dirname } from 'node:path';
import { FerryError } from '../../../shared/errors';
import { fsError } from '../local/fs-errors';
import { quickDisk } from '../local/quick-disk';
import type { RemoteFs } from '../remote/remote-fs';
import { tooManyBytes } from './byte-limit';
import type { DownloadFileInput } from './download-file';
import { downloadMode } from './download-mode';
import { renameFile, writeWholePart, writeWholePartNow, type PartFinish } from './part-write';
import { untilAborted } from './until-aborted';

/**
 * The largest file taken in one READ. The request is one byte more than the file (so a longer
 * file shows itself), and 32 KiB is what every SFTP server must answer in one piece (SFTP drafts:
 * packets of at least 34,000 bytes): a shorter answer then means the end of the file.
 */
export const SMALL_DOWNLOAD_MAX_BYTES = 32 * 1024 - 1;

type SmallReader = Required<Pick<RemoteFs, 'readSmall'>>;

/** Whether `downloadSmall` may take this download. */
export function takesSmallPath(
  input: DownloadFileInput,
): input is DownloadFileInput & { fs: SmallReader; expectedSize: number } {
  return (
    input.start.from === 'fresh' &&
    input.expectedSize !== null &&
    input.expectedSize <= SMALL_DOWNLOAD_MAX_BYTES &&
    input.fs.readSmall !== undefined
  );
}

/**
 * A small file of known size without streams: the whole file in one request, then written to
 * the part file in one go, dated, given its mode and renamed onto the target — the same checks
 * as the general path (announced size as the byte limit, size verified, part file + rename).
 * Resolves false, having written nothing, when the server answered with fewer bytes than the
 * listing announced: the general path then reads to the end and judges the size.
 */
export async function downloadSmall(
  input: DownloadFileInput & { fs: SmallReader; expectedSize: number },
): Promise<boolean> {
  const { partPath, target, expectedSize, signal } = input;
  if (signal.aborted) throw cancelled();
  // The speed limit is paid before the one request (a cancel ends the wait at once).
  const allowed = input.pacer?.take(expectedSize, signal);
  if (allowed !== undefined) await allowed;
  // On a stalled server a cancel or pause does not wait for the answer: on a connection of its
  // own the scheduler closes it; on one shared with other jobs the request is left to finish.
  const data = await untilAborted(input.fs.readSmall(input.remotePath, expectedSize + 1), signal);
  if (signal.aborted) throw cancelled();
  if (data.length < expectedSize) return false;
  if (data.length > expectedSize) {
    throw tooManyBytes(basename(target), { kind: 'announced', bytes: expectedSize });
  }
  if (input.beforeReplace) await input.beforeReplace();
  const finish: PartFinish = {
    modified: input.modified === null ? null : new Date(input.modified),
    mode: downloadMode(input.mode),
  };
  const direct = await quickDisk.allows(dirname(partPath));
  const { guard } = input;
  if (guard)
    finish.opened = {
      now: (fd) => guard.holdsNow(partPath, fstatSync(fd)),
      later: (fd) => fstatOf(fd).then((s) => guard.holds(partPath, s)),
    };
  try {
    if (direct) quickDisk.run(() => writeWholePartNow(partPath, data, finish));
    else await writeWholePart(partPath, data, finish);
    // The part file is complete: a retry after a failed rename continues from it.
    input.onBytes(expectedSize);
    if (direct) {
      quickDisk.run(() => {
        guard?.checkNow();
        renameSync(partPath, target);
      });
    } else {
      await guard?.check();
      await renameFile(partPath, target);
    }
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw fsError(error, 'create', target);
  }
  return true;
}

function fstatOf(fd: number): Promise<Stats> {
  return new Promise((resolve, reject) => {
    fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats)));
  });
}

function cancelled(): FerryError {
  return new FerryError('cancelled', 'Cancelled.');
}
