import { z } from 'zod';
import { EDITOR_MAX_BYTES, type DecodedText } from '../text-file';
import { method } from './define';

const sessionId = z.string().min(1).max(100);
const remotePath = z.string().min(1).max(4096).startsWith('/');

/** What the editor knew of the server's file when it opened or last saved it. */
export interface TextFileVersion {
  size: number;
  /** Epoch ms, or null when the server does not say. */
  modified: number | null;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
}

export const textFileVersion = z
  .object({
    size: z.number().int().min(0),
    modified: z.number().nullable(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

/** A server file opened in the built-in editor. */
export interface OpenedText extends DecodedText {
  /** The file the editor saves to (a link is followed to its file). */
  path: string;
  version: TextFileVersion;
}

export type SaveOutcome =
  | { outcome: 'saved'; version: TextFileVersion }
  /** The server's copy changed since the editor read it: nothing was written. */
  | { outcome: 'changed'; server: { size: number; modified: number | null } }
  /** The file is no longer on the server: nothing was written. */
  | { outcome: 'deleted' };

const saveInput = {
  // Characters: up to three UTF-8 bytes each, so room for a file that grew while edited.
  text: z.string().max(EDITOR_MAX_BYTES * 2),
  format: z.object({ lineEnding: z.enum(['lf', 'crlf', 'cr']), bom: z.boolean() }).strict(),
  expected: textFileVersion,
  overwrite: z.boolean(),
};
const localPath = z.string().min(1).max(4096);

export const editorMethods = {
  /**
   * A server file as text for the built-in editor: refused (in plain words) when it is larger
   * than EDITOR_MAX_BYTES, binary, or not UTF-8.
   */
  'remote.readText': method<OpenedText>()(z.object({ sessionId, path: remotePath })),
  /**
   * Saves the editor's text with the file's line ending and byte order mark, through a
   * temporary file renamed over the old one. Unless `overwrite`, first checks the server's copy
   * is still `expected` and answers 'changed' or 'deleted' (writing nothing) when it is not.
   */
  'remote.writeText': method<SaveOutcome>()(
    z.object({ sessionId, path: remotePath, ...saveInput }),
  ),
  /** The same for a file on this computer (the local pane's F4). */
  'local.readText': method<OpenedText>()(z.object({ path: localPath })),
  /** Saved by an atomic replace (a temporary file beside it, renamed over it). */
  'local.writeText': method<SaveOutcome>()(z.object({ path: localPath, ...saveInput })),
};
