import { posix } from 'node:path';
import { Readable } from 'node:stream';
import type { SaveOutcome, TextFileVersion } from '../../../shared/contract/editor';
import { FerryError } from '../../../shared/errors';
import type { FileEntry } from '../../../shared/types';
import { encodeTextFile, type LineEnding } from '../../../shared/text-file';
import type { RemoteFs } from '../remote/remote-fs';
import { sizeMismatch } from '../transfers/download-file';
import { replaceThroughTemp } from '../transfers/replace-through-temp';
import { SMALL_UPLOAD_MAX_BYTES } from '../transfers/small-upload';
import { uploadTempPathFor } from '../transfers/upload-temp';
import { readAll } from './read-text';
import { changedSince, versionOf } from './text-version';

export interface WriteTextInput {
  path: string;
  text: string;
  format: { lineEnding: LineEnding; bom: boolean };
  /** The server's copy as the editor read (or last saved) it. */
  expected: TextFileVersion;
  /** The user chose to replace the server's copy even though it changed. */
  overwrite: boolean;
}

/**
 * Saves the editor's text. Unless told to overwrite, the server's copy must still be the one
 * the editor read (same size, same time, and the same bytes when the time cannot tell):
 * otherwise nothing is written and the caller asks the user. An existing file is replaced the
 * way uploads replace one (a temporary file renamed over it), so a failed save leaves the
 * server's copy whole — except on a server that renames nothing onto a file, where the old copy
 * goes first (oldCopyRemoved says so, and the temporary file stays); its permission bits are kept.
 */
export async function writeTextFile(fs: RemoteFs, input: WriteTextInput): Promise<SaveOutcome> {
  const { path } = input;
  const bytes = Buffer.from(encodeTextFile(input.text, input.format));
  const now = await fs.stat(path);
  if (now !== null && now.kind !== 'file') {
    throw new FerryError(
      'invalid_input',
      `Something other than a file is now at "${posix.basename(path)}" on the server.`,
      'Nothing was saved. Copy your text elsewhere, or save it under another name.',
    );
  }
  if (!input.overwrite) {
    if (now === null) return { outcome: 'deleted' };
    if (await changedSince(now, input.expected, () => readAll(fs, path))) {
      return { outcome: 'changed', server: { size: now.size, modified: now.modified } };
    }
  }
  const mode = (await modeOf(fs, path, now)) & 0o7777;
  const how = { inPlace: now === null };
  try {
    await write(fs, path, bytes, mode, how);
  } catch (error) {
    if (now !== null && !how.inPlace && (await fs.stat(path).catch(() => undefined)) === null) {
      throw oldCopyRemoved(error, posix.basename(path));
    }
    throw inEditorWords(error, posix.basename(path), !how.inPlace);
  }
  const after = await fs.stat(path);
  if (after === null || after.size !== bytes.length) {
    throw sizeMismatch(path, after?.size ?? 0, bytes.length);
  }
  return { outcome: 'saved', version: versionOf(bytes, after.modified) };
}

/**
 * A new file is written directly (nothing to lose, as uploads do); an existing one is replaced,
 * or written in place when the server refuses a temporary file beside it (`how.inPlace` says).
 */
async function write(
  fs: RemoteFs,
  path: string,
  bytes: Buffer,
  mode: number,
  how: { inPlace: boolean },
) {
  if (how.inPlace) {
    await writeBytes(fs, path, bytes, mode, true);
  } else {
    await replaceThroughTemp(
      {
        fs,
        target: path,
        tempPath: uploadTempPathFor(path),
        offset: 0,
        onInPlace: () => (how.inPlace = true),
        // The editor never continues a half-written save: the next Save starts afresh.
        keepTemp: () => false,
      },
      (into) => writeBytes(fs, into, bytes, mode, false),
    );
  }
}

/**
 * The server renames nothing onto an existing file, so the replace removed the old copy first,
 * and then the new one could not take its name: the file is not on the server under its name.
 * (The temporary file, kept, holds the saved text; see replace-through-temp.ts.)
 */
function oldCopyRemoved(error: unknown, name: string): FerryError {
  const said = error instanceof Error ? ` (${error.message})` : '';
  return new FerryError(
    error instanceof FerryError ? error.code : 'internal',
    `"${name}" was not saved: the server removed its old copy to make room, then did not let the new one take its name${said}. Your text is still here.`,
    `Save again: Ferry will say the file is gone and offer to write your text under its name. A hidden copy ending in .ferry-part also stays beside it on the server.`,
    { cause: error },
  );
}

/** The protocols' words are about uploads; a Save's refusals are told as the editor's. */
function inEditorWords(error: unknown, name: string, untouched: boolean): unknown {
  if (!(error instanceof FerryError)) return error;
  if (error.code === 'permission_denied') {
    return new FerryError(
      'permission_denied',
      `The server does not let you change "${name}" (permission denied). Nothing was saved; the server's copy is as it was.`,
      "Ask the server's administrator for write access, or copy your text and keep it elsewhere.",
      { cause: error },
    );
  }
  if (error.code === 'disk_full') {
    return new FerryError(
      'disk_full',
      untouched
        ? `The server's disk is full, so "${name}" was not saved. The server's copy is as it was.`
        : `The server's disk is full, so "${name}" was not saved completely (the server allowed no temporary file beside it, so it was written in place).`,
      'Free some space on the server (or ask its administrator to), then save again: your text is still here.',
      { cause: error },
    );
  }
  if (!untouched) {
    // Written in place, the server's copy is whatever part arrived before the failure.
    return new FerryError(
      error.code,
      `"${name}" may be only partly saved on the server: it allowed no temporary file beside it, so it was being written in place when this happened: ${error.message}`,
      `Save again: your text is still here. Ferry will say the server's copy changed (it is the part written); choose to replace it.`,
      { cause: error },
    );
  }
  return error;
}

/** The file's permission bits, kept by the save (FTP's quick look may not give them). */
async function modeOf(fs: RemoteFs, path: string, now: FileEntry | null): Promise<number> {
  if (now === null) return 0o644;
  if (now.mode !== null) return now.mode;
  return (await fs.modeOf?.(path).catch(() => null)) ?? 0o644;
}

/** `bytes` as the whole file at `path`, with these permission bits. */
async function writeBytes(
  fs: RemoteFs,
  path: string,
  bytes: Buffer,
  mode: number,
  created: boolean,
): Promise<void> {
  // Small files go in one round of requests; the empty file too (an FTPS stream upload of
  // nothing fails on some servers, see small-upload.ts).
  if (bytes.length <= SMALL_UPLOAD_MAX_BYTES && fs.writeSmall) {
    return fs.writeSmall(path, bytes, { mode, modified: null, created });
  }
  await fs.upload(Readable.from([bytes]), path, { mode, fresh: created });
}
