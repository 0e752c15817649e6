import { isAbsolute, relative, resolve } from 'node:path';
import { isPartFileName } from './part-file';

/**
 * Names that come from a server are data, not paths (DESIGN.md, security rules). Before a
 * server-supplied name becomes part of a local path it must be one plain, portable file name:
 * the rules are the union of POSIX and Windows, so a download behaves the same everywhere and a
 * folder copied to another computer later stays valid.
 */
export type UnsafeReason =
  | 'empty'
  | 'dot-name'
  | 'separator'
  | 'control-character'
  | 'reserved-character'
  | 'reserved-name'
  | 'trailing-dot-or-space'
  | 'too-long'
  | 'part-file-name';

export type NameCheck = { safe: true } | { safe: false; reason: UnsafeReason };

/** CON, PRN, AUX, NUL, COM0-9, LPT0-9 (and the superscript digits Windows also reserves). */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/iu;
// C0 controls, DEL and C1 controls: terminals and file managers show them deceptively.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const RESERVED_CHARACTERS = /[<>:"|?*]/u;
/** Most file systems cap one name at 255 bytes. */
const MAX_NAME_BYTES = 255;

export function checkRemoteName(name: string): NameCheck {
  if (name.length === 0) return { safe: false, reason: 'empty' };
  if (name === '.' || name === '..') return { safe: false, reason: 'dot-name' };
  if (name.includes('/') || name.includes('\\')) return { safe: false, reason: 'separator' };
  if (CONTROL.test(name)) return { safe: false, reason: 'control-character' };
  if (RESERVED_CHARACTERS.test(name)) return { safe: false, reason: 'reserved-character' };
  if (WINDOWS_RESERVED.test(name)) return { safe: false, reason: 'reserved-name' };
  if (/[. ]$/u.test(name)) return { safe: false, reason: 'trailing-dot-or-space' };
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return { safe: false, reason: 'too-long' };
  // Downloads write to such names while they run: a listing must not reach one.
  if (isPartFileName(name)) return { safe: false, reason: 'part-file-name' };
  return { safe: true };
}

const REASON_WORDS: Record<UnsafeReason, string> = {
  empty: 'it is empty',
  'dot-name': 'it means "this folder" or "the folder above"',
  separator: 'it contains a path separator (/ or \\)',
  'control-character': 'it contains invisible control characters',
  'reserved-character': 'it contains a character Windows forbids (< > : " | ? *)',
  'reserved-name': 'it is a name Windows reserves for devices (like NUL, CON or COM1)',
  'trailing-dot-or-space': 'it ends with a dot or a space',
  'too-long': 'it is longer than 255 bytes',
  'part-file-name':
    'it is named like the temporary files Ferry writes while downloading (.ferry-part)',
};

export function describeUnsafeReason(reason: UnsafeReason): string {
  return REASON_WORDS[reason];
}

/** Shows a hostile name without its control characters doing anything on screen. */
export function printableName(name: string): string {
  return JSON.stringify(name)
    .slice(1, -1)
    .replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * What JSON leaves raw but a terminal still obeys or a reader is fooled by: DEL, the C1 controls
 * (U+009B is a one-character escape sequence on many terminals), bidirectional overrides and
 * isolates (a name that reads backwards), and the line and paragraph separators.
 */
const UNPRINTABLE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Joins already-checked names onto `root` and proves the result stays inside it.
 * Returns undefined when it would not (a second line of defence behind checkRemoteName).
 */
export function resolveInside(root: string, names: readonly string[]): string | undefined {
  const base = resolve(root);
  const path = resolve(base, ...names);
  const rel = relative(base, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${'/'}`) || rel.startsWith('..\\')) {
    return undefined;
  }
  if (isAbsolute(rel)) return undefined;
  return path;
}
