import { chmod, readFile, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { OpenedText, SaveOutcome } from '../../../shared/contract/editor';
import { FerryError } from '../../../shared/errors';
import { EDITOR_MAX_BYTES, fileText } from '../../../shared/text-file';
import { systemCode } from '../remote/net-errors';
import { fsError } from '../local/fs-errors';
import { absolutePath } from '../local/local-fs';
import { writeFileAtomic } from '../sites/atomic-file';
import { changedSince, openedText, tooLarge, versionOf } from './text-version';
import type { WriteTextInput } from './write-text';

/** A file on this computer in the editor (the local pane's F4), a link followed to its file. */
export async function readLocalText(requested: string): Promise<OpenedText> {
  const path = await realpath(absolutePath(requested)).catch((error: unknown) => {
    throw fileError(error, 'open', requested);
  });
  const name = basename(path);
  const info = await stat(path).catch((error: unknown) => {
    throw fileError(error, 'open', path);
  });
  if (!info.isFile()) {
    throw new FerryError(
      'invalid_input',
      `"${name}" is not a file, so there is nothing to edit.`,
      'Choose a file to edit.',
    );
  }
  if (info.size > EDITOR_MAX_BYTES) throw tooLarge(name, info.size, 'local');
  const bytes = await readFile(path).catch((error: unknown) => {
    throw fileError(error, 'open', path);
  });
  if (bytes.length > EDITOR_MAX_BYTES) throw tooLarge(name, bytes.length, 'local');
  return openedText(bytes, path, name, info.mtimeMs, 'local');
}

/**
 * Saves the editor's text over a file on this computer, after the same check as on a server
 * (the file is still the one read), by an atomic replace: a temporary file beside it, synced,
 * renamed over it. Its permission bits are kept.
 */
export async function writeLocalText(input: WriteTextInput): Promise<SaveOutcome> {
  const path = absolutePath(input.path);
  const now = await stat(path).catch((error: unknown) => {
    if (systemCode(error) === 'ENOENT') return null;
    throw fileError(error, 'open', path);
  });
  if (now !== null && !now.isFile()) {
    throw new FerryError(
      'invalid_input',
      `Something other than a file is now at "${basename(path)}".`,
      'Nothing was saved. Copy your text elsewhere, or save it under another name.',
    );
  }
  if (!input.overwrite) {
    if (now === null) return { outcome: 'deleted' };
    const current = { size: now.size, modified: now.mtimeMs };
    if (await changedSince(current, input.expected, () => readFile(path))) {
      return { outcome: 'changed', server: current };
    }
  }
  const text = fileText(input.text, input.format);
  const mode = now === null ? 0o644 : now.mode & 0o7777;
  try {
    await writeFileAtomic(path, text, { mode });
    // The temporary file was made under the process's umask: give the file its bits back.
    if (now !== null) await chmod(path, mode);
  } catch (error) {
    throw fileError(error, 'create', path);
  }
  const after = await stat(path);
  return { outcome: 'saved', version: versionOf(Buffer.from(text, 'utf8'), after.mtimeMs) };
}

/** fsError speaks of folders for a missing path: here it is a file. */
function fileError(error: unknown, action: 'open' | 'create', path: string): FerryError {
  if (systemCode(error) === 'ENOENT') {
    return new FerryError(
      'not_found',
      `${path} is no longer there.`,
      'It may have been moved or deleted. Refresh the folder.',
      { cause: error },
    );
  }
  return fsError(error, action, path);
}
