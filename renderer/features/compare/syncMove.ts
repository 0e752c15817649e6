/**
 * Synchronized browsing's path arithmetic: the move one pane made (so many folders up, then into
 * these), and the same move made from the other pane's folder. Pure.
 */
import { breadcrumbs, joinPath } from '../pane/paths';

export interface FolderMove {
  /** Folders up first. */
  up: number;
  /** Then into these, in order. */
  into: string[];
}

function partsOf(path: string): { root: string; segments: string[] } {
  const crumbs = breadcrumbs(path);
  return { root: crumbs[0]?.path ?? path, segments: crumbs.slice(1).map((c) => c.label) };
}

/** The move from `before` to `after`; null when they share no top (another drive). */
export function folderMove(before: string, after: string): FolderMove | null {
  const from = partsOf(before);
  const to = partsOf(after);
  if (from.root !== to.root) return null;
  let common = 0;
  while (
    common < from.segments.length &&
    common < to.segments.length &&
    from.segments[common] === to.segments[common]
  ) {
    common += 1;
  }
  return { up: from.segments.length - common, into: to.segments.slice(common) };
}

/** Where the same move leads from `path`; null when it would go above the top. */
export function applyMove(path: string, move: FolderMove): string | null {
  const crumbs = breadcrumbs(path);
  const depth = crumbs.length - 1;
  if (move.up > depth) return null;
  const base = crumbs[depth - move.up]?.path;
  if (base === undefined) return null;
  return move.into.reduce((at, name) => joinPath(at, name), base);
}
