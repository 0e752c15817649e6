/**
 * The rules of the built-in editor for a file's bytes: which files it opens (UTF-8 text, no NUL
 * bytes, not too large) and how the text goes back to bytes. The editor shows lines ending in
 * "\n" only (a <textarea> turns every line ending into "\n"); the file's own ending (CRLF, LF or
 * CR) and its UTF-8 byte order mark are put back on saving, so an unchanged text is the same
 * bytes, trailing newline (or its absence) included. Pure: used by the core, tested as a table.
 */

/** The largest file the editor opens: larger ones are downloaded and edited elsewhere. */
export const EDITOR_MAX_BYTES = 5 * 1024 * 1024;

export type LineEnding = 'lf' | 'crlf' | 'cr';

export interface DecodedText {
  /** The text with every line ending as "\n". */
  text: string;
  /** The ending the file uses (the most frequent one; LF for a file without line breaks). */
  lineEnding: LineEnding;
  /** The file mixes endings: saving writes all its lines with `lineEnding`. */
  mixedLineEndings: boolean;
  /** The file starts with a UTF-8 byte order mark (kept on saving). */
  bom: boolean;
}

export type DecodeRefusal = 'binary' | 'not_utf8';

const BOM = [0xef, 0xbb, 0xbf];

/** The file's text, or why the editor will not open it. */
export function decodeTextFile(bytes: Uint8Array): DecodedText | DecodeRefusal {
  if (bytes.includes(0)) return 'binary';
  const bom = BOM.every((b, i) => bytes[i] === b);
  let raw: string;
  try {
    // ignoreBOM: the mark stays in the string, so it is seen and taken off here, once.
    raw = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return 'not_utf8';
  }
  if (bom) raw = raw.slice(1);
  const counts = countEndings(raw);
  const kinds = (Object.keys(counts) as LineEnding[]).filter((k) => counts[k] > 0);
  const lineEnding = kinds.reduce<LineEnding>(
    (best, k) => (counts[k] > counts[best] ? k : best),
    'lf',
  );
  return { text: toEditorText(raw), lineEnding, mixedLineEndings: kinds.length > 1, bom };
}

/** The bytes to write for the editor's `text`, with the file's ending and byte order mark. */
export function encodeTextFile(
  text: string,
  format: { lineEnding: LineEnding; bom: boolean },
): Uint8Array {
  return new TextEncoder().encode(fileText(text, format));
}

/** The file's whole content as a string (its UTF-8 encoding is the file's bytes). */
export function fileText(text: string, format: { lineEnding: LineEnding; bom: boolean }): string {
  const ending = { lf: '\n', crlf: '\r\n', cr: '\r' }[format.lineEnding];
  // Pasted text may bring endings of its own: every one becomes the file's.
  const body = toEditorText(text).replace(/\n/g, ending);
  return format.bom ? `\uFEFF${body}` : body;
}

/** Every CRLF and lone CR as LF. */
export function toEditorText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function countEndings(text: string): Record<LineEnding, number> {
  const counts = { lf: 0, crlf: 0, cr: 0 };
  for (const match of text.matchAll(/\r\n|\r|\n/g)) {
    const ending = match[0];
    if (ending === '\r\n') counts.crlf++;
    else if (ending === '\r') counts.cr++;
    else counts.lf++;
  }
  return counts;
}
