/**
 * Names left out of folder transfers ("exclusions"), as WinSCP's exclude mask and FileZilla's
 * filename filters: `.git`, `node_modules/`, `*.tmp`, `Thumbs.db`. A pattern matches a name (never
 * a path: nothing here can reach outside the folder being walked), whole and in any case; `*`
 * stands for any run of characters, `?` for one; a trailing `/` limits it to folders.
 */
import { wildcardMatch } from './wildcard';

export const MAX_EXCLUSIONS = 100;
export const MAX_EXCLUSION_LENGTH = 200;

export interface NameFilter {
  /** The pattern (as the user wrote it) that leaves this entry out, if any. */
  excludes(name: string, isFolder: boolean): string | undefined;
}

interface Compiled {
  pattern: string;
  foldersOnly: boolean;
  /** Given the name folded (fold) once, and as code points, for every pattern. */
  test: (folded: string, chars: readonly string[]) => boolean;
}

/** Why a pattern cannot be used, in plain words; undefined when it can. */
export function exclusionProblem(pattern: string): string | undefined {
  const body = pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
  if (pattern.trim() !== pattern) return `"${pattern}" starts or ends with a space.`;
  if (body === '') return 'An empty line is not a name or pattern.';
  if (pattern.length > MAX_EXCLUSION_LENGTH)
    return `"${pattern.slice(0, 40)}…" is longer than ${MAX_EXCLUSION_LENGTH} characters.`;
  if (body.includes('/') || body.includes('\\'))
    return `"${pattern}" holds a folder path: write one name (like node_modules/), it is left out at any depth.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/u.test(pattern)) return `"${pattern}" holds a control character.`;
  if (!pattern.endsWith('/') && /^\*+$/u.test(body))
    return `"${pattern}" would leave out everything: a folder transfer would move nothing.`;
  return undefined;
}

/** The patterns of a text the user typed: one per line (blank lines and spaces around dropped). */
export function exclusionsFromText(text: string): string[] {
  return text
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Any case, and the same letters however they are composed (macOS writes names decomposed). */
function fold(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

function compile(pattern: string): Compiled {
  const foldersOnly = pattern.endsWith('/');
  const body = foldersOnly ? pattern.slice(0, -1) : pattern;
  if (!/[*?]/u.test(body)) {
    const wanted = fold(body);
    return { pattern, foldersOnly, test: (folded) => folded === wanted };
  }
  const wanted = [...fold(body)];
  return { pattern, foldersOnly, test: (_, chars) => wildcardMatch(wanted, chars) };
}

/** A filter for these patterns; undefined when there are none (nothing to check per name). */
export function nameFilter(patterns: readonly string[]): NameFilter | undefined {
  const usable = patterns.filter((pattern) => exclusionProblem(pattern) === undefined);
  if (usable.length === 0) return undefined;
  const compiled = usable.map(compile);
  return {
    excludes(name, isFolder) {
      const folded = fold(name);
      const chars = [...folded];
      for (const entry of compiled) {
        if (entry.foldersOnly && !isFolder) continue;
        if (entry.test(folded, chars)) return entry.pattern;
      }
      return undefined;
    },
  };
}
