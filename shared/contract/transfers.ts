import { z } from 'zod';
import type { ErrorInfo } from '../errors';
import type { Protocol } from '../protocols';
import { event, method } from './define';
import { conflictAction, type ConflictAction } from './settings';

export type TransferDirection = 'upload' | 'download';
/**
 * queued: waiting for a free connection (or for a retry, or for an answer about a conflict);
 * active: moving bytes (or, for a folder, being walked); skipped: not transferred on purpose
 * (the user said skip) or because it was unsafe (then `error` says why).
 */
export type TransferState = 'queued' | 'active' | 'done' | 'failed' | 'cancelled' | 'skipped';

/** One row of the transfer panel: a file, or a folder whose files are rows of their own. */
export interface TransferJob {
  id: string;
  /** The folder job this file belongs to. */
  parentId?: string;
  sessionId: string;
  direction: TransferDirection;
  kind: 'file' | 'folder';
  /** The name to show. */
  name: string;
  /** Where the bytes come from (a local path for uploads, a remote path for downloads). */
  source: string;
  /** Where they go; may change when a conflict is solved by renaming. */
  target: string;
  state: TransferState;
  /** Bytes moved so far (for a folder: of all its files). */
  bytes: number;
  /** Bytes in all, when known (for a folder: of the files found so far). */
  total: number | null;
  /** Bytes per second, smoothed over the last seconds; 0 when not moving. */
  speed: number;
  /** Seconds left at the current speed, when it can be told. */
  eta: number | null;
  /** For folders: how its files are doing; `walking` until every subfolder has been listed. */
  files?: { total: number; done: number; failed: number; skipped: number; walking: boolean };
  /** Attempts so far (1 on the first try). */
  attempts: number;
  /** Why it failed, or why it was skipped / is being retried. */
  error?: ErrorInfo;
  /** Plain words about what happened, e.g. "Renamed to report (1).pdf", "Retrying in 2 s". */
  note?: string;
  /**
   * Skipped by a synchronization (or keep-up) on its own: changed, its target changed since the
   * preview; link, a link took its place or its folder's. `note` says it in words.
   */
  leftAlone?: 'changed' | 'link';
  /** Epoch ms when it reached its final state. */
  finishedAt?: number;
  /**
   * A whole transfer's place in the start order (smaller starts first; the user can change it
   * with `transfers.move`). Only top-level rows have one: a folder's files follow their folder.
   */
  order?: number;
}

export interface TransferTotals {
  /** Bytes moved and to move over all file rows still listed (finished ones included). */
  bytes: number;
  total: number;
  speed: number;
  eta: number | null;
  queued: number;
  active: number;
  done: number;
  failed: number;
  cancelled: number;
  skipped: number;
  paused: boolean;
  /**
   * Why the queue paused itself, when it did: a full disk (here or on the server) that every
   * further file would meet too. Cleared by Resume.
   */
  pausedBecause?: ErrorInfo;
}

export interface TransferFileFacts {
  path: string;
  size: number | null;
  /** Epoch ms, or null when unknown. */
  modified: number | null;
}

/** The target of a transfer exists: what should happen? Answer with `transfers.resolveConflict`. */
export interface TransferConflict {
  conflictId: string;
  jobId: string;
  direction: TransferDirection;
  name: string;
  source: TransferFileFacts;
  target: TransferFileFacts;
  /** Whether "resume" makes sense (the target is smaller than the source). */
  canResume: boolean;
  /**
   * Downloads: no file is at the target, but an earlier run that stopped (a crash, a kill) left
   * part of it (`target` describes that part): "resume" continues it, "overwrite" starts over.
   */
  partial?: boolean;
  /** How many other conflicts of the same batch wait behind this one ("apply to all"). */
  waiting: number;
}

export type { ConflictAction };

/** Where `transfers.move` puts the chosen transfers among those still waiting. */
export const QUEUE_MOVES = ['top', 'up', 'down', 'bottom'] as const;
export type QueueMove = (typeof QUEUE_MOVES)[number];

/**
 * A server whose transfers were not finished when Ferry last closed. A saved site is reached
 * again with its saved login; a quick connection needs its password typed again (never kept).
 */
export interface UnfinishedServer {
  id: string;
  site?: { id: string; name: string };
  protocol: Protocol;
  host: string;
  port: number;
  user: string;
  files: number;
  /** Bytes of the files whose size is known. */
  bytes: number;
}

export interface UnfinishedTransfers {
  files: number;
  servers: UnfinishedServer[];
}

/**
 * What a Discard left: temporary files of discarded uploads still on a server (it was not
 * reachable; Ferry deletes them the next time a session to that server is open), and part files
 * of discarded downloads it could not remove here.
 */
export interface UnfinishedLeft {
  /** Each server's temporary files, by their full path there. */
  onServers: {
    host: string;
    address: string;
    paths: string[];
    /** Half files of new files at their own names: deleted later only if still as Ferry left them. */
    newFiles?: string[];
  }[];
  local: string[];
  /**
   * New files of discarded uploads left on their server on purpose, each with why in words: not
   * as Ferry left it (changed since), or Ferry could not tell.
   */
  kept?: { host: string; path: string; reason: string }[];
}

const sessionId = z.string().min(1).max(100);
const jobId = z.string().min(1).max(100);
const anyPath = z.string().min(1).max(4096);

export const transfersMethods = {
  /**
   * Queues files or folders. Uploads: `sources` are local paths and `targetFolder` a remote
   * folder; downloads the other way round. Returns one job id per source.
   */
  'transfers.enqueue': method<string[]>()(
    z.object({
      sessionId,
      direction: z.enum(['upload', 'download']),
      sources: z.array(anyPath).min(1).max(10_000),
      targetFolder: anyPath,
    }),
  ),
  'transfers.list': method<TransferJob[]>()(z.object({})),
  /** Cancels a job (a folder job cancels all its files). */
  'transfers.cancel': method<void>()(z.object({ jobId })),
  'transfers.cancelAll': method<void>()(z.object({})),
  /** Stops moving bytes (running transfers are interrupted and resume later) until resume. */
  'transfers.pause': method<void>()(z.object({})),
  'transfers.resume': method<void>()(z.object({})),
  /** Retries one failed job, or every failed job when no id is given. */
  'transfers.retry': method<void>()(z.object({ jobId: jobId.optional() })),
  /**
   * Moves waiting transfers in the start order, as WinSCP's Move up / Move down: one step past
   * the next waiting transfer, or to the top or bottom of those waiting. A file of a folder
   * moves with its folder; transfers already moving stay where they are. Answers nothing: the
   * rows' new `order` arrive as `transfer.updated`.
   */
  'transfers.move': method<void>()(
    z.object({ jobIds: z.array(jobId).min(1).max(10_000), to: z.enum(QUEUE_MOVES) }),
  ),
  /** Removes finished rows (done, failed, cancelled, skipped). */
  'transfers.clearFinished': method<void>()(z.object({})),
  /**
   * The questions still waiting for an answer, oldest first (the first is the one being asked):
   * a page that (re)loads shows it, since the `transfer.conflict` event went before it listened.
   */
  'transfers.conflicts': method<TransferConflict[]>()(z.object({})),
  /** What an earlier run left unfinished when Ferry closed, waiting for Restore or Discard. */
  'transfers.unfinished': method<UnfinishedTransfers>()(z.object({})),
  /**
   * Queues one server's unfinished files again on `sessionId`, a connection to that server
   * (downloads continue their part files). Answers the new job ids.
   */
  'transfers.restoreUnfinished': method<string[]>()(
    z.object({ serverId: z.string().min(1).max(100), sessionId }),
  ),
  /**
   * Forgets one server's unfinished files, or all, and removes the part files they left (here,
   * and on the server through an open session to it); answers what is still there.
   */
  'transfers.discardUnfinished': method<UnfinishedLeft>()(
    z.object({ serverId: z.string().min(1).max(100).optional() }),
  ),
  'transfers.resolveConflict': method<void>()(
    z.object({
      conflictId: z.string().min(1).max(100),
      action: conflictAction,
      /** Use the same answer for every other conflict of the same batch. */
      applyToAll: z.boolean().default(false),
    }),
  ),
};

export const transfersEvents = {
  /** Rows that changed since the last event (at most a few events per second). */
  'transfer.updated': event<{ jobs: TransferJob[] }>(),
  /** Rows that are gone (cleared). */
  'transfer.removed': event<{ jobIds: string[] }>(),
  'transfer.totals': event<TransferTotals>(),
  /** A question for the user; one at a time. */
  'transfer.conflict': event<TransferConflict>(),
  /** The question was answered (maybe by "apply to all") or its job cancelled: close it. */
  'transfer.conflictSettled': event<{ conflictId: string }>(),
};
