/** Uploads and downloads, with resume offsets and progress. */
import type { Readable, Writable } from 'node:stream';
import { FTPError } from 'basic-ftp';
import { FerryError } from '../../../shared/errors';
import type { BytePacer, OnBytes } from './remote-fs';
import { HeldUntilVerified } from './ftp-data-guard';
import { LocalSink, feedFrom } from './ftp-local-side';
import { ask, notFound, statPath } from './ftp-ops-read';
import { parentOf } from './ftp-paths';
import type { CallContext } from './ftp-session';
import { systemCode } from './net-errors';

export interface UploadOptions {
  offset?: number;
  onBytes?: OnBytes;
  mode?: number;
  /** Nothing was at `path` when the caller looked just before: the upload creates the file. */
  fresh?: boolean;
  /** The upload speed limit: the bytes wait for it before they go to the data connection. */
  pacer?: BytePacer;
}

export interface DownloadOptions {
  offset?: number;
  onBytes?: OnBytes;
  /** The download speed limit: the data connection is read no faster. */
  pacer?: BytePacer;
}

export async function upload(
  context: CallContext,
  source: Readable,
  path: string,
  options: UploadOptions = {},
): Promise<void> {
  const { client } = context;
  const offset = options.offset ?? 0;
  if (offset > 0) await expectSize(context, path, offset);
  const hold = new HeldUntilVerified();
  // A failing local source ends the hold with its error; basic-ftp then aborts the transfer.
  const local = feedFrom(source, hold, options.pacer);
  context.guard.holdNextUpload(hold);
  if (options.onBytes) {
    const report = options.onBytes;
    client.trackProgress((info) => report(info.bytes));
  }
  try {
    // Resume appends (APPE) after checking the server has exactly `offset` bytes.
    if (offset > 0) await client.appendFrom(hold, path);
    else await client.uploadFrom(hold, path);
  } catch (error) {
    if (local.error) throw readFailure(local.error);
    if (local.stopped) throw local.stopped;
    throw await whyUploadFailed(context, error, path);
  } finally {
    client.trackProgress();
    if (!hold.destroyed) hold.destroy();
  }
  if (options.mode === undefined) return;
  // A fresh file may already have the mode; a resumed one was created by an earlier attempt.
  await context.createdModes.apply(
    context,
    path,
    options.mode,
    options.fresh === true && offset === 0,
  );
}

async function expectSize(context: CallContext, path: string, offset: number): Promise<void> {
  const reply = await ask(context.client, `SIZE ${path}`);
  const size = reply.code === 213 ? Number(reply.message.slice(4).trim()) : undefined;
  if (size === offset) return;
  throw new FerryError(
    'size_mismatch',
    size === undefined
      ? `Cannot resume "${path}": the server has no partial file there.`
      : `Cannot resume "${path}": the server has ${size} bytes of it, not ${offset}.`,
    'Upload the whole file again.',
  );
}

export async function whyUploadFailed(
  context: CallContext,
  error: unknown,
  path: string,
): Promise<unknown> {
  if (!(error instanceof FTPError) || context.client.closed) return error;
  if (error.code !== 550 && error.code !== 553) return error;
  const folder = parentOf(path);
  if (!(await statPath(context, folder))) return notFound(folder);
  return error;
}

function readFailure(error: unknown): FerryError {
  const code = systemCode(error);
  if (code === 'EACCES' || code === 'EPERM') {
    return new FerryError(
      'permission_denied',
      'The local file could not be read: access denied.',
      undefined,
      {
        cause: error,
      },
    );
  }
  if (code === 'ENOENT') {
    return new FerryError(
      'not_found',
      'The local file disappeared while it was being uploaded.',
      undefined,
      {
        cause: error,
      },
    );
  }
  return new FerryError(
    'internal',
    'The local file could not be read.',
    'Check the file and try again.',
    {
      cause: error,
    },
  );
}

function writeFailure(error: unknown): FerryError {
  const code = systemCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new FerryError(
      'disk_full',
      'This computer has no room left for the download.',
      'Free some space on the local disk and try again.',
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new FerryError(
      'permission_denied',
      'The download could not be written here: access denied.',
      'Choose another folder.',
      { cause: error },
    );
  }
  return new FerryError('internal', 'The download could not be written.', 'Try again.', {
    cause: error,
  });
}

export async function download(
  context: CallContext,
  path: string,
  target: Writable,
  options: DownloadOptions = {},
): Promise<void> {
  const { client } = context;
  if (options.onBytes) {
    const report = options.onBytes;
    client.trackProgress((info) => report(info.bytes));
  }
  const sink = new LocalSink(target, options.pacer);
  try {
    // basic-ftp sends REST <offset> before RETR when the offset is above 0; the sink ends `target`.
    await client.downloadTo(sink, path, options.offset ?? 0);
  } catch (error) {
    if (sink.local.error) throw writeFailure(sink.local.error);
    if (sink.local.stopped) throw sink.local.stopped;
    throw await whyDownloadFailed(context, error, path);
  } finally {
    client.trackProgress();
  }
}

export async function whyDownloadFailed(
  context: CallContext,
  error: unknown,
  path: string,
): Promise<unknown> {
  if (!(error instanceof FTPError) || context.client.closed) return error;
  if (error.code !== 550 && error.code !== 450) return error;
  const entry = await statPath(context, path);
  if (!entry) return notFound(path);
  if (entry.kind === 'folder') {
    return new FerryError(
      'invalid_input',
      `"${path}" is a folder, not a file.`,
      'Open it, or transfer it as a folder.',
    );
  }
  return error;
}
