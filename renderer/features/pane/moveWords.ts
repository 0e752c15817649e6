/** What a move within a pane tells the user afterwards, in words. Pure, so tested as a table. */
import type { MovedItem } from '../../../shared/contract/move';
import type { ErrorInfo } from '../../../shared/errors';
import { pathStyleOf } from './paths';

/** The user's answer to "a file of that name is already there". */
export interface ClashAnswer {
  choice: 'replace' | 'skip' | 'cancel';
  /** Give the same answer to the other clashes of this move. */
  forAll: boolean;
}

/** The last segment of a path of either style. */
export function nameOf(path: string): string {
  const separators = pathStyleOf(path) === 'windows' ? /[\\/]+/ : /\/+/;
  const parts = path.split(separators).filter((p) => p !== '');
  return parts.at(-1) ?? path;
}

/** A typed folder: absolute as typed, else taken from the folder shown. */
export function isAbsoluteFolder(text: string): boolean {
  return text.startsWith('/') || pathStyleOf(text) === 'windows';
}

const SHOWN_REASONS = 3;

/**
 * One notice for what did not go as asked: "2 of 5 not moved: …" with each reason, and anything
 * moved with a note. Skipped clashes are what the user chose: not mentioned. Null when all is well.
 */
export function moveSummary(items: readonly MovedItem[]): ErrorInfo | null {
  const failed = items.flatMap((i) => (i.outcome === 'failed' ? [i] : []));
  const notes = items.flatMap((i) => (i.outcome === 'moved' && i.note ? [i.note] : []));
  if (failed.length === 0 && notes.length === 0) return null;
  if (failed.length === 0) {
    // Each note says what to do itself (it depends on what happened).
    return { code: 'internal', message: `Moved. ${notes.join(' ')}` };
  }
  if (failed.some((f) => f.error.code === 'cancelled')) return stoppedSummary(items);
  const first = failed[0] as (typeof failed)[number];
  if (items.length === 1) {
    return {
      ...first.error,
      message: `"${nameOf(first.from)}" was not moved: ${first.error.message}`,
    };
  }
  const reasons = failed
    .slice(0, SHOWN_REASONS)
    .map((f) => `"${nameOf(f.from)}": ${f.error.message}`);
  if (failed.length > SHOWN_REASONS) reasons.push(`and ${failed.length - SHOWN_REASONS} more.`);
  const hints = [...new Set(failed.map((f) => f.error.hint).filter(Boolean))];
  const others = failed.length < items.length ? 'The others were moved.' : '';
  return {
    code: first.error.code,
    message: `${failed.length} of ${items.length} not moved: ${reasons.join(' ')}`,
    hint: [others, ...hints.slice(0, 2), ...notes].filter(Boolean).join(' '),
  };
}

/** The user pressed Stop (a move to another drive): what moved before it stays moved. */
function stoppedSummary(items: readonly MovedItem[]): ErrorInfo {
  const moved = items.filter((i) => i.outcome === 'moved').length;
  return {
    code: 'cancelled',
    message:
      moved === 0
        ? 'The move was stopped: nothing was moved.'
        : `The move was stopped after ${moved} of ${items.length} items.`,
    hint: 'The rest stay where they were; no partial copy was left behind.',
  };
}

/** The clash question's title. */
export function clashQuestion(name: string, folder: string): string {
  return `“${name}” is already in ${folder}`;
}
