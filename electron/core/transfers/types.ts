import type { ConflictAction, Settings } from '../../../shared/contract/settings';
import type { TransferDirection, TransferJob } from '../../../shared/contract/transfers';
import type { ErrorInfo } from '../../../shared/errors';
import type { NameFilter } from '../../../shared/name-filter';
import type { FileEntry } from '../../../shared/types';
import type { LocalRoot } from '../local/inside-root';
import type { RemoteFs } from '../remote/remote-fs';
import type { EarlierProgress } from './saved-queue-format';
import type { SeenTarget } from './seen-target';

/**
 * Opens a fresh connection for one remote session, with the session's credentials and trust
 * decisions. Transfers never use the session's browsing connection.
 */
export interface ConnectionSource {
  open(): Promise<RemoteFs>;
  /**
   * The most connections to this server at once, below the app's `parallelTransfers` (a saved
   * site's limit, for servers that refuse more); absent: the app's setting alone.
   */
  maxConnections?: number;
}

/**
 * The settings the queue follows; changing them takes effect for the next job started, and the
 * speed limits (bytes per second; null or absent: none) for the running ones too, within moments.
 */
export type TransferSettings = Pick<
  Settings,
  'parallelTransfers' | 'retries' | 'defaultConflictAction'
> & {
  downloadBytesPerSecond?: number | null;
  uploadBytesPerSecond?: number | null;
  /** Names and patterns left out of folder transfers (shared/name-filter.ts); applied to walks. */
  excludedNames?: readonly string[];
};

/** What the queue knows about a file on either side. */
export interface FileFacts {
  size: number;
  /** Epoch ms, or null when unknown. */
  modified: number | null;
  /** Unix permission bits, or null when unknown. */
  mode: number | null;
}

/** One enqueue call: conflicts answered "apply to all" apply within it. */
export interface Batch {
  id: string;
  sessionId: string;
  direction: TransferDirection;
  applyToAll?: ConflictAction;
  /** What folder walks of this batch leave out: the exclusions as they were when it was queued. */
  exclude?: NameFilter;
}

interface JobBase {
  row: TransferJob;
  batch: Batch;
  parent?: FolderJob;
  /** Set while running: aborting it interrupts the transfer (reason: 'cancel' | 'pause'). */
  controller?: AbortController;
  /** Cancelled while a pause was still stopping it: it ends cancelled, not queued again. */
  cancelledWhilePausing?: boolean;
  retryTimer?: NodeJS.Timeout;
}

/** A new file an unfinished upload left on the server, as the server described it then. */
export interface LeftBehind {
  size: number;
  /** Milliseconds (the server's clock), null when the server would not say. */
  modified: number | null;
}

export interface FileJob extends JobBase {
  type: 'file';
  /** Left out of its folder's transfer by this exclusion-list pattern (a skipped row). */
  excludedBy?: string;
  /** Known from the listing or the local walk; undefined until looked at. */
  sourceFacts?: FileFacts;
  /**
   * Downloads the caller picked: what it just found at the source on the server, so the job
   * does not ask again (over FTPS a SIZE and an MDTM). Used once: a retry looks again.
   */
  sourceEntry?: FileEntry;
  /**
   * Uploads: what the walker's listing showed at the target (null: nothing), undefined when
   * not looked at (then the file task looks). Downloads: null when the walk knows nothing is
   * at the local target (it just made the folder), else undefined.
   */
  targetEntry?: FileEntry | null;
  /** Names present in the target folder, when the walker listed it (for "rename"). */
  siblingNames?: ReadonlySet<string>;
  /** The user's answer to this job's conflict. */
  decision?: ConflictAction;
  /** The question was about a part file an earlier run left: its "skip" holds too. */
  askedAboutPart?: boolean;
  /** A conflict question about this job is pending. */
  conflictId?: string;
  /** An earlier attempt of this job moved bytes, so the partial result is ours to resume. */
  resumable: boolean;
  /** Downloads: the temporary file beside the target. */
  partPath?: string;
  /** Uploads that replace a file: the temporary file beside the remote target (upload-temp.ts). */
  uploadTempPath?: string;
  /**
   * Uploads: nothing was at the target, so the file there is this job's making (a Discard may
   * delete it while it is still what Ferry left, `leftBehind`).
   */
  createdTarget?: boolean;
  /** What the server said of that file when Ferry closed (its size and time, server clock). */
  leftBehind?: LeftBehind;
  /** A row standing for a subfolder that could not be walked: retrying walks it again. */
  walk?: WalkTask;
  /**
   * A synchronization's job: the target as its preview saw it. The file is replaced only while
   * it is still that (checked with the look the job takes anyway, right before writing).
   */
  seenTarget?: SeenTarget;
  /**
   * Uploads that never send a link (keeping a folder up to date): a file replaced by a link
   * after it was queued is left out, not read through the link (it could lead anywhere).
   */
  linksRefused?: boolean;
  /**
   * A synchronization's download: its local folder as compared. Every local write stays in it,
   * through no link (local-guard.ts); other downloads stay in the folder the user chose.
   */
  localRoot?: LocalRoot;
}

export interface FolderJob extends JobBase {
  type: 'folder';
  /** Listings still to do (queued or running). */
  pendingWalks: number;
  children: FileJob[];
  /** The folder itself failed (its target could not be made, its listing was refused…). */
  ownError?: ErrorInfo;
  /** The failed walk of its top folder, kept for a retry. */
  rootWalk?: WalkTask;
  /** Restored after a restart: its files that had finished before, counted in its row. */
  earlier?: EarlierProgress;
  /**
   * A synchronization's folder that its preview saw only on the source side: each of its files
   * is written only where nothing has appeared since.
   */
  seenTarget?: SeenTarget;
  /** As FileJob's: its files' writes stay in this folder. */
  localRoot?: LocalRoot;
}

export type Job = FileJob | FolderJob;

/** One folder still to list: its source path and where its contents go. */
export interface WalkTask {
  type: 'walk';
  folder: FolderJob;
  source: string;
  target: string;
  /** Path of this folder below the folder job, for row names ("" for the top). */
  relative: string;
  attempts: number;
  retryTimer?: NodeJS.Timeout;
  /** The row standing for this subfolder once its walk failed. */
  leaf?: FileJob;
}
