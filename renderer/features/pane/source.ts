import { isErrorCode, type ErrorInfo } from '../../../shared/errors';
import type { MoveProgress, MoveResult } from '../../../shared/contract/move';
import type { Listing } from '../../../shared/types';

export type DeleteMode = 'trash' | 'permanent';

/**
 * Where a pane's files live. The local pane plugs in the local disk; the remote pane plugs in a
 * server session. Every method rejects with an error carrying `code`, `message` and `hint`
 * (ApiError), which the pane shows in plain words.
 */
export interface PaneSource {
  /** The folder to open first. */
  home(): Promise<string>;
  list(path: string): Promise<Listing>;
  /** Creates `name` inside `parent`; answers the new folder's path. Refuses existing names. */
  mkdir(parent: string, name: string): Promise<string>;
  /** Renames within the same folder; answers the new path. Never overwrites. */
  rename(path: string, newName: string): Promise<string>;
  delete(paths: string[]): Promise<void>;
  /** Whether deletes go to a trash (can be undone) or are permanent; shapes the confirmation. */
  deleteMode(): Promise<DeleteMode>;
  /**
   * Moves items into another folder of the same side. A name taken there is a 'clash' outcome
   * unless the item is in `replace` (the user said Replace). Present where moves are possible.
   */
  move?(paths: string[], folder: string, replace: string[], moveId?: string): Promise<MoveResult>;
  /** Stops the move named `moveId` (a local move to another drive, the one that takes long). */
  stopMove?(moveId: string): Promise<void>;
  /** How far moves are (a local move to another drive); answers the unsubscribe. */
  onMoveProgress?(listener: (progress: MoveProgress) => void): () => void;
  /** A server's address for an item (sftp://user@host:port/path), never with a password. */
  urlOf?(path: string): string;
  /** Present where permissions can be changed. */
  chmod?(path: string, mode: number): Promise<void>;
}

/** Anything caught from a source, as words for the user. */
export function errorInfoOf(error: unknown): ErrorInfo {
  if (typeof error === 'object' && error !== null) {
    const { code, message, hint } = error as Partial<Record<'code' | 'message' | 'hint', unknown>>;
    if (typeof code === 'string' && typeof message === 'string') {
      return {
        code: isErrorCode(code) ? code : 'internal',
        message,
        ...(typeof hint === 'string' ? { hint } : {}),
      };
    }
  }
  return { code: 'internal', message: 'Something went wrong.', hint: 'Try again.' };
}
