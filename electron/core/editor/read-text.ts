import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import type { OpenedText } from '../../../shared/contract/editor';
import { FerryError } from '../../../shared/errors';
import { decodeTextFile, EDITOR_MAX_BYTES } from '../../../shared/text-file';
import type { RemoteFs } from '../remote/remote-fs';

/**
 * Opens a server file for the built-in editor: the file's bytes in memory (nothing is written
 * on this computer), checked to be text the editor can give back unchanged.
 */
export async function readTextFile(fs: RemoteFs, requested: string): Promise<OpenedText> {
  const { path, entry } = await fileAt(fs, requested);
  const name = posix.basename(path);
  if (entry.size > EDITOR_MAX_BYTES) throw tooLarge(name, entry.size);
  const bytes = await readAll(fs, path);
  const decoded = decodeTextFile(bytes);
  if (decoded === 'binary') {
    throw new FerryError(
      'invalid_input',
      `"${name}" is not a text file (it contains binary data), so it cannot be edited here.`,
      'Download it and open it with a program made for it.',
    );
  }
  if (decoded === 'not_utf8') {
    throw new FerryError(
      'invalid_input',
      `"${name}" is not UTF-8 text (it may use another encoding, or be binary), so it cannot be edited here without damaging it.`,
      'Download it and open it with an editor that lets you choose the encoding.',
    );
  }
  return { ...decoded, path, version: versionOf(bytes, entry.modified) };
}

/** What the editor keeps to tell, at Save, whether the server's copy changed meanwhile. */
export function versionOf(bytes: Buffer, modified: number | null): OpenedText['version'] {
  return {
    size: bytes.length,
    modified,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
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
      if (total > EDITOR_MAX_BYTES) return done(tooLarge(posix.basename(path), total));
      chunks.push(chunk);
      done();
    },
  });
  let failed: unknown;
  sink.on('error', (error) => (failed ??= error));
  await fs.download(path, sink);
  if (failed !== undefined) throw failed;
  // Both protocols end the sink; its writes finish at once (they only keep the chunks).
  if (!sink.writableFinished) await once(sink, 'finish');
  return Buffer.concat(chunks, total);
}

export function tooLarge(name: string, size: number): FerryError {
  const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return new FerryError(
    'invalid_input',
    `"${name}" is too large to edit here (${mib(size)}; the editor opens files up to ${mib(EDITOR_MAX_BYTES)}).`,
    'Download it instead, and edit it with a program on your computer.',
  );
}
