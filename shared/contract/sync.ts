/**
 * Synchronize folders, as WinSCP's Synchronize: the core compares a local folder and a server
 * folder (and their subfolders) with the folder-comparison rules, the page shows the plan, the
 * user unticks what they do not want, and Run sends the rest through the transfer queue and the
 * usual deletes. Paths in the plan are relative to the two folders and never come back from the
 * page: Run names items by id, so nothing outside the synchronized folders can be touched.
 */
import { z } from 'zod';
import type { ErrorInfo } from '../errors';
import { event, method } from './define';
import { pageId } from './remote';

/** upload: the server matches this computer; download: the reverse; both: the newer copy wins. */
export const SYNC_DIRECTIONS = ['upload', 'download', 'both'] as const;
export type SyncDirection = (typeof SYNC_DIRECTIONS)[number];

export const SYNC_LIMITS = { depth: 30, folders: 20_000, items: 50_000 } as const;

export const syncOptions = z
  .object({
    direction: z.enum(SYNC_DIRECTIONS),
    /** Delete what is only on the side being made to match (never with "both"). */
    deleteExtra: z.boolean(),
    /** sizeOnly: files of the same size are the same, whatever their times. */
    compareBy: z.enum(['timeAndSize', 'sizeOnly']),
    /** Subfolders too; else the two folders' own files only. */
    recursive: z.boolean(),
    /**
     * WinSCP's "Mirror files" (one way only): a file on the side being made to match that is
     * newer than the source is replaced too (else it is kept and listed as left alone).
     */
    mirror: z.boolean().optional(),
  })
  .strict();
export type SyncOptions = z.infer<typeof syncOptions>;

/** What an item of the plan does. */
export type SyncAction = 'upload' | 'download' | 'deleteRemote' | 'deleteLocal';

/**
 * Why, in words the page turns into text. replacesNewerRemote / replacesNewerLocal: mirroring,
 * the copy being replaced is the newer one.
 */
export type SyncReason =
  | 'onlyLocal'
  | 'onlyRemote'
  | 'newerLocal'
  | 'newerRemote'
  | 'sizeDiffers'
  | 'replacesNewerRemote'
  | 'replacesNewerLocal';

export type SyncLeftAloneWhy = 'kind' | 'bothChanged' | 'newerThere' | 'link';

export interface SyncItem {
  /** Names this item when the page asks to run it. */
  id: string;
  action: SyncAction;
  reason: SyncReason;
  /** Relative to both folders, with "/" between names ("css/site.css"). */
  path: string;
  kind: 'file' | 'folder';
  /** Bytes to move (a folder: of all its files); for a delete, of what goes. */
  bytes: number;
  /** A folder's files (walked, exclusions applied); 1 for a file. */
  files: number;
}

export interface SyncProgress {
  syncId: string;
  /** Folder pairs compared so far. */
  folders: number;
  /** The folder being compared (relative; "" for the top). */
  current: string;
}

/**
 * done: the plan is complete; stopped: the user stopped it (no plan); limit: too many folders
 * or items (no plan: a partial one could delete what it did not see); failed: `error` says why.
 */
export interface SyncPlanned {
  syncId: string;
  outcome: 'done' | 'stopped' | 'limit' | 'failed';
  items: SyncItem[];
  /**
   * Folders (relative, "server:" or "local:" before) that could not be read: left out of the
   * plan with everything in them, never taken for empty. At most 20 named.
   */
  unreadable: string[];
  unreadableCount: number;
  /** Names left out by the exclusion list (counted), and names that are not names (counted). */
  excluded: number;
  refusedNames: number;
  /**
   * Left as they are (at most 200 named): kind, a file on one side and a folder on the other;
   * bothChanged ("both"), no telling which copy is newer; newerThere, the side being made to
   * match has the newer copy (kept, as WinSCP does); link, a link on either side (never followed,
   * replaced or deleted).
   */
  leftAlone: { path: string; why: SyncLeftAloneWhy }[];
  /** The server's time shift applied (the site's, or a time zone seen), as in Compare. */
  remoteTimeShift: { by: 'site'; minutes: number } | { by: 'detected'; hours: number } | null;
  error?: ErrorInfo;
}

/** What Run did: transfers queued (their rows show in the queue), deletions done or failed. */
export interface SyncRunResult {
  queued: number;
  /** The queued transfers' rows: how they end (sent, left alone, failed) is told there. */
  transferIds: string[];
  deleted: number;
  failed: { path: string; error: ErrorInfo }[];
}

const sessionId = z.string().min(1).max(100);
const syncId = z.string().min(1).max(100);
const remotePath = z.string().min(1).max(4096).startsWith('/');
const localPath = z.string().min(1).max(4096);

export const syncMethods = {
  /**
   * Compares `localRoot` with the server's `remoteRoot` (and below, when recursive) on a
   * connection of its own; progress arrives as `sync.progress`, the plan as one `sync.planned`.
   */
  'sync.start': method<{ syncId: string }>()(
    z.object({
      pageId,
      sessionId,
      localRoot: localPath,
      remoteRoot: remotePath,
      options: syncOptions,
    }),
  ),
  /** Stops a comparison or a run (between deletions; queued transfers stay in the queue). */
  'sync.stop': method<void>()(z.object({ syncId })),
  /** Runs the plan's items named (the ticked ones); the plan is used once. */
  'sync.run': method<SyncRunResult>()(
    z.object({ syncId, itemIds: z.array(z.string().min(1).max(100)).max(SYNC_LIMITS.items) }),
  ),
  /** The page closed the preview without running: the plan is dropped. */
  'sync.discard': method<void>()(z.object({ syncId })),
};

export const syncEvents = {
  'sync.progress': event<SyncProgress>(),
  'sync.planned': event<SyncPlanned>(),
};
