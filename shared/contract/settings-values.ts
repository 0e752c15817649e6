/**
 * The settings' plain values, apart from their zod schemas (settings.ts re-exports them): the
 * transfer engine and the `ferry` command need these few constants, and importing zod for
 * them cost every `ferry get/put` ~55 ms of CPU at start.
 */
import type { SpeedLimit } from '../speed-limit';

export const CONFLICT_ACTIONS = [
  'overwrite',
  'overwrite-if-newer',
  'resume',
  'rename',
  'skip',
] as const;
export type ConflictAction = (typeof CONFLICT_ACTIONS)[number];

export const MAX_PARALLEL_TRANSFERS = 10;

export const THEMES = ['system', 'light', 'dark'] as const;

/** The user's preferences (settings.ts checks the same shape with zod at the contract). */
export interface Settings {
  parallelTransfers: number;
  /** What to do when a transfer's target exists: ask, or apply one action silently. */
  defaultConflictAction: 'ask' | ConflictAction;
  /** Automatic retries after a network error (0 = none). */
  retries: number;
  confirmBeforeDelete: boolean;
  showHidden: boolean;
  theme: (typeof THEMES)[number];
  /** All downloads together move at most this fast; null: no limit. */
  downloadLimit: SpeedLimit | null;
  /** All uploads together move at most this fast; null: no limit. */
  uploadLimit: SpeedLimit | null;
  /** A limit turned off: the value it had, offered again when it is turned back on. */
  downloadLimitKept?: SpeedLimit;
  uploadLimitKept?: SpeedLimit;
  /** Names and patterns folder transfers leave out (shared/name-filter.ts), e.g. `.git`. */
  excludedNames: string[];
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  parallelTransfers: 2,
  defaultConflictAction: 'ask',
  retries: 3,
  confirmBeforeDelete: true,
  showHidden: false,
  theme: 'system',
  downloadLimit: null,
  uploadLimit: null,
  excludedNames: [],
});
