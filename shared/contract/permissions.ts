import { z } from 'zod';
import type { ErrorInfo } from '../errors';
import { PERMISSION_SCOPES } from '../permission-change';
import { event, method } from './define';
import { pageId } from './remote';

const sessionId = z.string().min(1).max(100);
const jobId = z.string().min(1).max(100);
const remotePath = z.string().min(1).max(4096).startsWith('/');
const modeBits = z.number().int().min(0).max(0o7777);

/** Where a permissions change stands: how many done, where it is. */
export interface PermissionsCounts {
  /** Items whose permissions were changed. */
  changed: number;
  /** Items the server refused to change (or that went meanwhile). */
  failed: number;
  /** Folders listed so far (recursive changes). */
  folders: number;
  /** Links and special files left as they are: a change never goes through a link. */
  links: number;
  /** Folders the server would not list: what is inside them was left as it is. */
  unreadable: number;
  /** Names the server listed that are not names (a slash, a NUL…): left out, counted. */
  refusedNames: number;
}

export interface PermissionsProgress extends PermissionsCounts {
  jobId: string;
  /** The folder being worked on now. */
  current: string;
}

/** One item that could not be changed, and why in plain words. */
export interface PermissionsFailure {
  path: string;
  error: ErrorInfo;
}

/**
 * done: every item was looked at; stopped: the user stopped it; failed: the change could not go
 * on (the connection failed, or the server cannot change permissions: `error` says why).
 */
export interface PermissionsFinished extends PermissionsCounts {
  jobId: string;
  outcome: 'done' | 'stopped' | 'failed';
  error?: ErrorInfo;
  /** The first few items that could not be changed (at most 20). */
  failures: PermissionsFailure[];
  /** The first few folders that could not be listed (at most 20). */
  unreadablePaths: string[];
  /** No connection of its own could be opened: it used the browsing connection. */
  sharedConnection?: boolean;
}

export const permissionsChange = z
  .object({
    pageId,
    sessionId,
    /** The chosen items (absolute server paths). */
    paths: z.array(remotePath).min(1).max(10_000),
    /** The bits to set; only those in `mask` count. */
    mode: modeBits,
    /** The bits the user decided; others (mixed ones) stay as each item has them. */
    mask: modeBits.default(0o777),
    /** Folders get x wherever they get r. */
    addX: z.boolean().default(false),
    /** Also everything inside the chosen folders (links are never followed). */
    recursive: z.boolean().default(false),
    /** What a recursive change touches: files, folders, or both. */
    scope: z.enum(PERMISSION_SCOPES).default('all'),
  })
  .strict();

export const permissionsMethods = {
  /**
   * Starts changing permissions in the core; progress arrives as `permissions.progress` events a
   * few times a second, the end as one `permissions.finished`. Ends when its page goes.
   */
  'permissions.start': method<{ jobId: string }>()(permissionsChange),
  /** Stops a change at once (fine if it already ended); items already changed stay so. */
  'permissions.stop': method<void>()(z.object({ jobId })),
};

export const permissionsEvents = {
  'permissions.progress': event<PermissionsProgress>(),
  'permissions.finished': event<PermissionsFinished>(),
};
