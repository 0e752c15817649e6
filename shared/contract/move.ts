/**
 * Moving items to another folder of the same side (FileZilla's drag onto a folder, WinSCP's F6
 * "Move to…"). One call moves what it can and says, item by item, what it did; a name already
 * taken in the target folder is never replaced unless the caller names that item in `replace`
 * (the user answered "Replace" for it): the first call reports the clash, the page asks, and a
 * second call carries the answers.
 */
import { z } from 'zod';
import type { ErrorInfo } from '../errors';
import { method } from './define';

const sessionId = z.string().min(1).max(100);
const remotePath = z.string().min(1).max(4096).startsWith('/');
const localPath = z.string().min(1).max(4096);

/** What happened to one item; `from` is the path as the caller gave it. */
export type MovedItem =
  /** `note`: what the page should still say (an old copy the server would not delete). */
  | { from: string; outcome: 'moved'; to: string; note?: string }
  /** The target folder already holds a file of that name: ask, then call again. */
  | { from: string; outcome: 'clash'; to: string }
  /** Already in the target folder: nothing to do. */
  | { from: string; outcome: 'unchanged' }
  | { from: string; outcome: 'failed'; error: ErrorInfo };

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
    z.object({ paths: z.array(localPath).min(1).max(10_000), ...moveInput }),
  ),
};
