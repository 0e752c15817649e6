import { posix } from 'node:path';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import type { OpenedText } from '../../../shared/contract/editor';
import { FerryError } from '../../../shared/errors';
import { EDITOR_MAX_BYTES } from '../../../shared/text-file';
import type { RemoteFs } from '../remote/remote-fs';
import { openedText, tooLarge } from './text-version';

/**
 * Opens a server file for the built-in editor: the file's bytes in memory (nothing is written
 * on this computer), checked to be text the editor can give back unchanged.
 */
export async function readTextFile(fs: RemoteFs, requested: string): Promise<OpenedText> {
  const { path, entry } = await fileAt(fs, requested);
  const name = posix.basename(path);
  if (entry.size > EDITOR_MAX_BYTES) throw tooLarge(name, entry.size, 'server');
  const bytes = await readAll(fs, path);
  return openedText(bytes, path, name, entry.modified, 'server');
}

/** The file at `path`, a link followed to its file (Save then replaces the file, not the link). */
async function fileAt(fs: RemoteFs, path: string) {
  let entry = await fs.stat(path);
  if (entry?.kind === 'symlink') {
    path = await fs.realpath(path);
    entry = await fs.stat(path);
  }
  const name = posix.basename(path);
  if (entry === null) {
    throw new FerryError(
      'not_found',
      `"${name}" is no longer on the server.`,
      'Refresh the folder: it may have been moved or deleted.',
    );
  }
  if (entry.kind !== 'file') {
    throw new FerryError(
      'invalid_input',
      `"${name}" is not a file, so there is nothing to edit.`,
      'Choose a file to edit.',
    );
  }
  return { path, entry };
}

/**
 * The whole file, at most EDITOR_MAX_BYTES (it may have grown since it was looked at), in memory.
 * Exported for the save's check of the server's copy.
 */
export async function readAll(fs: RemoteFs, path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > EDITOR_MAX_BYTES) return done(tooLarge(posix.basename(path), total, 'server'));
      chunks.push(chunk);
      done();
    },
  });
  let failed: unknown;
  sink.on('error', (error) => (failed ??= error));
  try {
    await fs.download(path, sink);
  } catch (error) {
    // The file grew past the limit while read: say that, not how the transfer then broke off.
    throw failed ?? error;
  }
  if (failed !== undefined) throw failed;
  // Both protocols end the sink; its writes finish at once (they only keep the chunks).
  if (!sink.writableFinished) await once(sink, 'finish');
  return Buffer.concat(chunks, total);
}
