import { constants } from 'node:fs';
import {
  chmod,
  copyFile,
  type FileHandle,
  lstat,
  open,
  rename,
  rm,
  utimes,
} from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { FerryError } from '../../../shared/errors';
import { fsError } from '../local/fs-errors';
import type { FolderGuard } from '../local/inside-root';
import type { BytePacer, RemoteFs } from '../remote/remote-fs';
import { byteLimitFor } from './byte-limit';
import { downloadMode, PART_FILE_MODE } from './download-mode';
import { systemCode } from '../remote/net-errors';
import { PartFileWriter } from './part-file-writer';
import { isNetworkFailure } from './retry-policy';
import { downloadSmall, takesSmallPath } from './small-download';

const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = constants;

/**
 * Where the bytes start: a fresh file; the part file an earlier attempt of this job left
 * (retry); or a copy of the existing target (the user chose "resume" for a partial file —
 * copied, so a failure leaves that file as it was).
 */
export type DownloadStart = { from: 'fresh' } | { from: 'part' } | { from: 'target' };

export interface DownloadFileInput {
  fs: RemoteFs;
  remotePath: string;
  target: string;
  /** This job's own part file (see part-file.ts): nothing else writes or removes it. */
  partPath: string;
  start: DownloadStart;
  /**
   * From the listing; the part must reach this size exactly before it becomes the target, and
   * the download stops as soon as it would pass it. Null: unknown (see byte-limit.ts).
   */
  expectedSize: number | null;
  modified: number | null;
  /** The remote permission bits, when known. */
  mode: number | null;
  signal: AbortSignal;
  /** The download speed limit shared by all downloads (absent: none). */
  pacer?: BytePacer;
  /** Bytes of the file present so far (resumed bytes included). */
  onBytes: (bytes: number) => void;
  /** A last look once every byte arrived, right before the part file replaces the target. */
  beforeReplace?: () => Promise<void>;
  /** The target's folder, held to be the real folder below the chosen one (inside-root.ts). */
  guard?: FolderGuard;
}

/**
 * Downloads into the part file, checks its size, then renames it onto the target. Until that
 * rename the target is untouched, so a failed or cancelled download never leaves a truncated
 * file under the real name nor destroys the file it would replace.
 */
export async function downloadFile(input: DownloadFileInput): Promise<void> {
  const { partPath, target } = input;
  // Cancelled while looking at the target: on a shared connection nothing else stops the job.
  if (input.signal.aborted) throw new FerryError('cancelled', 'Cancelled.');
  // The guard's first look is the caller's, before it looked at the target (run-file.ts).
  if (takesSmallPath(input) && (await downloadSmall(input))) return;
  const offset = await prepareStart(input);
  input.onBytes(offset);
  const limit = await byteLimitFor(input.expectedSize, offset, dirname(target));
  let localError: unknown;
  // The server's bytes go straight to the part file, counted: it stops them at the limit.
  const handle = await openPart(partPath, offset, target);
  if (input.guard) {
    // The file just opened must be in the real folder, else not a byte goes into it.
    const guard = input.guard;
    await handle
      .stat()
      .then((opened) => guard.holds(partPath, opened))
      .catch(async (error: unknown) => {
        await handle.close().catch(() => undefined);
        throw error;
      });
  }
  const writer = new PartFileWriter(handle, limit, offset, basename(target));
  // The transfer may destroy the writer with its socket's error: that one is not the disk's.
  writer.on('error', (error) => {
    if (!isNetworkFailure(error)) localError ??= error;
  });
  const abort = (): void => void writer.destroy();
  input.signal.addEventListener('abort', abort, { once: true });
  try {
    await input.fs.download(input.remotePath, writer, {
      offset,
      onBytes: (n) => input.onBytes(offset + n),
      ...(input.pacer === undefined ? {} : { pacer: input.pacer }),
    });
    // Every batch written and the file closed (rejects if the writer failed or was stopped).
    await finished(writer);
  } catch (error) {
    writer.destroy();
    // A batch on its way to disk lands first: a retry then sees the part file as it stays.
    await closed(writer);
    if (writer.overflow) {
      // Bytes past the limit were never written, but the file cannot be trusted for a resume.
      await rm(partPath, { force: true });
      throw writer.overflow;
    }
    if (localError !== undefined) throw fsError(localError, 'create', target);
    throw error;
  } finally {
    input.signal.removeEventListener('abort', abort);
  }
  if (localError !== undefined) throw fsError(localError, 'create', target);
  // Every byte the writer took is in the file (it finished): no STAT needed.
  const size = writer.received;
  if (input.expectedSize !== null && size !== input.expectedSize) {
    // The bytes cannot be trusted for a resume either.
    await rm(partPath, { force: true });
    throw sizeMismatch(target, size, input.expectedSize);
  }
  if (input.modified !== null) {
    const when = new Date(input.modified);
    await utimes(partPath, when, when).catch(() => undefined); // a date is not worth a failure
  }
  // Disks without Unix permissions (FAT, some network shares) may refuse: no reason to fail.
  await chmod(partPath, downloadMode(input.mode)).catch(() => undefined);
  if (input.beforeReplace) await input.beforeReplace();
  await input.guard?.check();
  await rename(partPath, target).catch((e: unknown) => fail(e, target));
}

async function prepareStart(input: DownloadFileInput): Promise<number> {
  const { partPath, target, start, expectedSize } = input;
  if (start.from === 'part') {
    const part = await lstat(partPath).catch(() => undefined);
    if (part?.isFile() && (expectedSize === null || part.size <= expectedSize)) return part.size;
  }
  // A fresh start makes a new part file (openPart's O_EXCL clears a leftover); otherwise the
  // part path is this job's own (random): whatever is there, an earlier attempt left.
  if (start.from === 'fresh') return 0;
  await rm(partPath, { force: true }).catch((e: unknown) => fail(e, target));
  if (start.from === 'target') {
    const existing = await lstat(target).catch(() => undefined);
    if (existing?.isFile()) {
      await copyFile(target, partPath, constants.COPYFILE_EXCL).catch((e: unknown) =>
        fail(e, target),
      );
      // The copy has the old file's bits; until the end it is the owner's only.
      await chmod(partPath, PART_FILE_MODE).catch(() => undefined);
      return existing.size;
    }
  }
  return 0;
}

async function openPart(partPath: string, offset: number, target: string): Promise<FileHandle> {
  // O_NOFOLLOW: a link planted under the part name must not redirect the write.
  const flags = offset > 0 ? O_WRONLY | O_NOFOLLOW : O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW;
  return open(partPath, flags, PART_FILE_MODE).catch(async (error: unknown) => {
    if (offset > 0 || systemCode(error) !== 'EEXIST') return fail(error, target);
    // Left by an earlier attempt of this job (the name is its own): start it again.
    await rm(partPath, { force: true }).catch((e: unknown) => fail(e, target));
    return open(partPath, flags, PART_FILE_MODE).catch((e: unknown) => fail(e, target));
  });
}

function closed(stream: Writable): Promise<void> {
  return stream.closed
    ? Promise.resolve()
    : new Promise((resolve) => stream.once('close', resolve));
}

function fail(error: unknown, target: string): never {
  throw fsError(error, 'create', target);
}

export function sizeMismatch(path: string, got: number, expected: number): FerryError {
  return new FerryError(
    'size_mismatch',
    `${basename(path)} arrived with ${got} bytes, but the source has ${expected}.`,
    'The file may have changed during the transfer. Retry it.',
  );
}
