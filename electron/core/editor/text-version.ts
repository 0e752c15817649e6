/**
 * What both the server's and this computer's files share in the editor: the words for files it
 * will not open, the version kept to tell at Save whether the file changed meanwhile, and that
 * check itself.
 */
import { createHash } from 'node:crypto';
import type { OpenedText, TextFileVersion } from '../../../shared/contract/editor';
import { FerryError } from '../../../shared/errors';
import { decodeTextFile, EDITOR_MAX_BYTES } from '../../../shared/text-file';

/** The file's bytes as the editor's text, or a plain-words refusal. */
export function openedText(
  bytes: Buffer,
  path: string,
  name: string,
  modified: number | null,
  side: 'server' | 'local',
): OpenedText {
  const decoded = decodeTextFile(bytes);
  const elsewhere = side === 'server' ? 'Download it and open it' : 'Open it';
  if (decoded === 'binary') {
    throw new FerryError(
      'invalid_input',
      `"${name}" is not a text file (it contains binary data), so it cannot be edited here.`,
      `${elsewhere} with a program made for it.`,
    );
  }
  if (decoded === 'not_utf8') {
    throw new FerryError(
      'invalid_input',
      `"${name}" is not UTF-8 text (it may use another encoding, or be binary), so it cannot be edited here without damaging it.`,
      `${elsewhere} with an editor that lets you choose the encoding.`,
    );
  }
  return { ...decoded, path, version: versionOf(bytes, modified) };
}

/** What the editor keeps to tell, at Save, whether the file changed meanwhile. */
export function versionOf(bytes: Buffer, modified: number | null): TextFileVersion {
  return {
    size: bytes.length,
    modified,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * Whether the file is no longer the one the editor read: another size or time, or — same size
 * and time, which a change within the time's precision (FTP: often the minute) keeps — other
 * bytes. The file is small (the editor opened it), so reading it again is cheap.
 */
export async function changedSince(
  now: { size: number; modified: number | null },
  expected: TextFileVersion,
  read: () => Promise<Buffer>,
): Promise<boolean> {
  if (now.size !== expected.size) return true;
  if (now.modified !== null && expected.modified !== null && now.modified !== expected.modified) {
    return true;
  }
  return versionOf(await read(), null).sha256 !== expected.sha256;
}

export function tooLarge(name: string, size: number, side: 'server' | 'local'): FerryError {
  const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return new FerryError(
    'invalid_input',
    `"${name}" is too large to edit here (${mib(size)}; the editor opens files up to ${mib(EDITOR_MAX_BYTES)}).`,
    side === 'server'
      ? 'Download it instead, and edit it with a program on your computer.'
      : 'Edit it with a program made for large files.',
  );
}
