/**
 * What both sides' moves decide the same way: an item already in the target folder stays, a
 * folder never goes into itself, a name the target already holds is asked about (files) or
 * refused (folders: Ferry does not merge or replace them), and a failure becomes words.
 */
import type { MovedItem } from '../../../shared/contract/move';
import { FerryError, toErrorInfo } from '../../../shared/errors';
import type { EntryKind } from '../../../shared/types';

/** The path rules of one side (node:path's posix, or the platform's own). */
export interface PathRules {
  sep: string;
  dirname(path: string): string;
  basename(path: string): string;
  join(...parts: string[]): string;
}

/** What `stat` tells of an item, enough to decide a clash. */
export interface ItemFacts {
  /** A folder, or a link to one: never replaced, never replacing. */
  folderLike: boolean;
}

export function folderLike(kind: EntryKind, targetKind?: EntryKind): boolean {
  return kind === 'folder' || (kind === 'symlink' && targetKind === 'folder');
}

/** The folder itself, or a folder below it. */
export function isInside(folder: string, item: string, rules: PathRules): boolean {
  const root = item.endsWith(rules.sep) ? item : item + rules.sep;
  return folder === item || folder.startsWith(root);
}

export function intoItself(name: string): FerryError {
  return new FerryError(
    'forbidden',
    `The folder "${name}" cannot be moved into itself or into a folder inside it.`,
    'Choose a folder outside it.',
  );
}

export function gone(path: string): FerryError {
  return new FerryError(
    'not_found',
    `${path} is no longer there.`,
    'Someone may have moved or deleted it. Refresh the folder.',
  );
}

/** The target folder holds `name` and one of the two is a folder: refused, never merged. */
export function folderClash(name: string, folder: string, existing: ItemFacts): FerryError {
  const what = existing.folderLike ? 'A folder' : 'A file';
  return new FerryError(
    'already_exists',
    `${what} named "${name}" is already in ${folder}.`,
    'Ferry replaces files only, never folders. Rename one of the two first, then move it.',
  );
}

export interface MoveStep {
  /** The path as the caller gave it (the result's `from`). */
  given: string;
  from: string;
  to: string;
  name: string;
}

/**
 * Decides what to do with one item before touching anything: 'unchanged', a refusal (thrown),
 * or the step to take. `folder` and `from` are normalised already.
 */
export function planStep(
  given: string,
  from: string,
  folder: string,
  rules: PathRules,
): MoveStep | 'unchanged' {
  const name = rules.basename(from);
  if (name === '' || rules.dirname(from) === from) {
    throw new FerryError('forbidden', `${from} is the top of the drive: it cannot be moved.`);
  }
  if (rules.dirname(from) === folder) return 'unchanged';
  if (isInside(folder, from, rules)) throw intoItself(name);
  return { given, from, name, to: rules.join(folder, name) };
}

/** An item checked and ready to go; `replace`: a file of its name is there, to be replaced. */
export interface ReadyStep extends MoveStep {
  replace: boolean;
}

/** How one side checks and moves an item; refusals are thrown as FerryErrors. */
export interface SideMoves {
  /** An outcome already (unchanged, clash), or the step to take. */
  check(given: string): Promise<MovedItem | ReadyStep>;
  take(step: ReadyStep): Promise<MovedItem>;
}

/**
 * Checks every item, then — unless some name clashes, when nothing moves and the items that
 * would have moved are 'ready' — moves them in order. A failure is that item's outcome and the
 * rest still go; a lost connection would fail every later item the same way: those end at once.
 */
export async function moveAll(paths: readonly string[], side: SideMoves): Promise<MovedItem[]> {
  let fatal: FerryError | undefined;
  async function attempt<T>(from: string, work: () => Promise<T>): Promise<T | MovedItem> {
    if (fatal) return { from, outcome: 'failed', error: toErrorInfo(fatal) };
    try {
      return await work();
    } catch (error) {
      if (error instanceof FerryError && ENDS_ALL.has(error.code)) fatal = error;
      return { from, outcome: 'failed', error: toErrorInfo(error) };
    }
  }
  const checked: Array<MovedItem | ReadyStep> = [];
  for (const path of paths) checked.push(await attempt(path, () => side.check(path)));
  const isOutcome = (c: MovedItem | ReadyStep): c is MovedItem => 'outcome' in c;
  if (checked.some((c) => isOutcome(c) && c.outcome === 'clash')) {
    return checked.map((c) => (isOutcome(c) ? c : { from: c.given, outcome: 'ready', to: c.to }));
  }
  const results: MovedItem[] = [];
  for (const c of checked)
    results.push(isOutcome(c) ? c : await attempt(c.given, () => side.take(c)));
  return results;
}

/** The user's Stop (a move to another drive) ends the later items too. */
const ENDS_ALL = new Set(['connection_lost', 'session_not_found', 'timeout', 'cancelled']);
