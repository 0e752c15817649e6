/**
 * Moving items to another folder of the same side (FileZilla's drag onto a folder, WinSCP's F6
 * "Move to…"). One call first checks every item; when a name is already taken in the target
 * folder by a file not named in `replace`, it moves nothing and reports the clashes (the page
 * asks, then calls again with the answers: Cancel then leaves everything where it was).
 * Otherwise it moves what it can and says, item by item, what it did.
 */
import { z } from 'zod';
import type { ErrorInfo } from '../errors';
import { event, method } from './define';

const sessionId = z.string().min(1).max(100);
const remotePath = z.string().min(1).max(4096).startsWith('/');
const localPath = z.string().min(1).max(4096);

/** What happened to one item; `from` is the path as the caller gave it. */
export type MovedItem =
  /** `note`: what the page should still say (an old copy the server would not delete). */
  | { from: string; outcome: 'moved'; to: string; note?: string }
  /** The target folder already holds a file of that name: ask, then call again. */
  | { from: string; outcome: 'clash'; to: string }
  /** Would move, but was not moved: other items clash (the call moved nothing). */
  | { from: string; outcome: 'ready'; to: string }
  /** Already in the target folder: nothing to do. */
  | { from: string; outcome: 'unchanged' }
  | { from: string; outcome: 'failed'; error: ErrorInfo };

/**
 * A move to another drive of this computer copies, checks, then removes: a few times a second
 * while it copies (never for one done within 300 ms), for the page's progress and Stop.
 */
export interface MoveProgress {
  moveId: string;
  /** The item being copied. */
  name: string;
  bytesDone: number;
  /** All the bytes of that item (a folder: its files). */
  bytesTotal: number;
}

export interface MoveResult {
  /** One per item, in the order given. */
  items: MovedItem[];
}

const moveInput = {
  /** The folder the items go into. */
  folder: z.string().min(1).max(4096),
  /** Items whose clash the user answered "Replace": the file already there is replaced. */
  replace: z.array(z.string().min(1).max(4096)).max(10_000).default([]),
};

export const moveMethods = {
  'remote.move': method<MoveResult>()(
    z.object({
      sessionId,
      paths: z.array(remotePath).min(1).max(10_000),
      folder: remotePath,
      replace: moveInput.replace,
    }),
  ),
  'local.move': method<MoveResult>()(
    z.object({
      paths: z.array(localPath).min(1).max(10_000),
      ...moveInput,
      /** Names the move for `local.moveProgress` and `local.moveStop` (the page chooses it). */
      moveId: z.string().min(1).max(100).optional(),
    }),
  ),
  /**
   * Stops a move to another drive (fine if it ended): the item being copied stays where it was
   * and its partial copy is removed; items already moved stay moved, later ones do not go.
   */
  'local.moveStop': method<void>()(z.object({ moveId: z.string().min(1).max(100) })),
};

export const moveEvents = {
  'local.moveProgress': event<MoveProgress>(),
};
