/**
 * Keep the server's folder up to date, as WinSCP's "Keep Remote Directory up to Date": the core
 * watches a local folder (and its subfolders) and sends every new or changed file through the
 * transfer queue into the same place under a server folder; new folders are made there, and
 * deletions follow only when the user asked. One per connection tab; it stops by itself, saying
 * why, when the tab's connection closes or the local folder goes. A page reload does not stop it.
 */
import { z } from 'zod';
import type { ErrorInfo } from '../errors';
import { event, method } from './define';
import { pageId } from './remote';

/**
 * Why it stopped: user, Stop; disconnected, the tab's connection closed (or the tab did);
 * folderGone, the local folder was deleted or moved; page, the window closed (a page away
 * longer than a reload takes); failed, something else (`error` says what).
 */
export type KeepUpStopReason = 'user' | 'disconnected' | 'folderGone' | 'page' | 'failed';

export interface KeepUpState {
  keepId: string;
  sessionId: string;
  localRoot: string;
  remoteRoot: string;
  deleteOnServer: boolean;
  running: boolean;
  /** Files sent since it started (finished transfers), folders made, items deleted there. */
  uploaded: number;
  foldersMade: number;
  /**
   * The folders made on the server by the latest batch (relative, "/" between names): the page
   * lists the server folder showing them again when `foldersMade` grows (an empty folder has no
   * transfer row to do it).
   */
  madeFolders: string[];
  deleted: number;
  /** Transfers or deletions that failed (their rows, or the log, say why). */
  failed: number;
  /** Changes seen and not sent yet: settling, or waiting in the queue. */
  waiting: number;
  /** Epoch ms of the last file sent, and its path (relative, "/" between names). */
  lastAt: number | null;
  lastPath: string | null;
  /** Names it left out: the exclusion list, links, names a server could not take. */
  leftOut: number;
  /** Watching through a periodic scan (the system's change notices were not available). */
  polling: boolean;
  stoppedBecause?: KeepUpStopReason;
  error?: ErrorInfo;
}

const sessionId = z.string().min(1).max(100);
const keepId = z.string().min(1).max(100);

export const keepUpMethods = {
  /**
   * Starts watching `localRoot` for the session's `remoteRoot`. What is there already is not
   * sent (Synchronize does that); from now on every change is. Answers the first state; later
   * ones arrive as `keepup.state`.
   */
  'keepup.start': method<KeepUpState>()(
    z.object({
      pageId,
      sessionId,
      localRoot: z.string().min(1).max(4096),
      remoteRoot: z.string().min(1).max(4096).startsWith('/'),
      deleteOnServer: z.boolean(),
    }),
  ),
  /** Stops watching (transfers already queued stay in the queue). Fine when it stopped already. */
  'keepup.stop': method<void>()(z.object({ keepId })),
  /**
   * After a reload: the keep-ups of the sessions the page shows (after `remote.reattach`),
   * running — they go on across a reload — or ended while the page was away (said once). Over
   * the WebSocket, `pageId` is the socket's page.
   */
  'keepup.reattach': method<KeepUpState[]>()(z.object({ pageId })),
};

export const keepUpEvents = {
  'keepup.state': event<KeepUpState>(),
};
