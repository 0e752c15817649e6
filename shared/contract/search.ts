import { z } from 'zod';
import type { ErrorInfo } from '../errors';
import type { EntryKind } from '../types';
import { event, method } from './define';
import { pageId } from './remote';

/** The most of each limit a caller may ask for (the core's defaults are below these). */
export const SEARCH_CAPS = { depth: 100, folders: 100_000, results: 10_000 } as const;
export const SEARCH_DEFAULTS = { depth: 20, folders: 20_000, results: 1_000 } as const;

/** What a search looks for; every field that is set must match. */
export const searchCriteria = z
  .object({
    /** Empty: any name. */
    name: z.string().max(1024),
    /** contains: the name contains the text; pattern: the whole name matches (* and ?, ";" between several). */
    nameMode: z.enum(['contains', 'pattern']),
    matchCase: z.boolean(),
    /** Files larger than this many bytes (folders then never match). */
    largerThan: z.number().int().min(0).optional(),
    /** Files smaller than this many bytes (folders then never match). */
    smallerThan: z.number().int().min(1).optional(),
    /** Epoch ms: modified at or after this moment (entries of unknown time then never match). */
    modifiedFrom: z.number().int().optional(),
    /** Epoch ms: modified before this moment. */
    modifiedBefore: z.number().int().optional(),
    /** Folders whose name matches are results too (as in FileZilla); else files only. */
    includeFolders: z.boolean(),
  })
  .strict();
export type SearchCriteria = z.infer<typeof searchCriteria>;

/** One thing found: its folder (an absolute server path) and its name in that folder. */
export interface SearchHit {
  folder: string;
  name: string;
  kind: EntryKind;
  /** For links: what they point to, when known. */
  targetKind?: EntryKind;
  size: number;
  /** Epoch ms, or null when the server did not say. */
  modified: number | null;
}

export interface SearchCounts {
  /** Folders listed so far. */
  folders: number;
  found: number;
  /** Folders the server would not list (no permission, or gone meanwhile): left out, counted. */
  unreadable: number;
  /** Folders not looked into because they are deeper than the depth limit. */
  tooDeep: number;
  /** Names the server listed that are not names (a slash, a NUL…): left out, counted. */
  refusedNames: number;
}

/** New hits since the last update and where the search is now; sent a few times a second. */
export interface SearchProgress extends SearchCounts {
  searchId: string;
  hits: SearchHit[];
  /** The folder being listed now. */
  current: string;
}

/**
 * done: every folder (within the depth) was looked at; stopped: the user stopped it; limit:
 * it stopped at the most folders or results (`limit` says which); failed: the connection
 * failed (`error` says why).
 */
export interface SearchFinished extends SearchCounts {
  searchId: string;
  outcome: 'done' | 'stopped' | 'limit' | 'failed';
  limit?: 'folders' | 'results';
  error?: ErrorInfo;
  /** Some unreadable folders, for the user to see where (at most 20). */
  unreadablePaths: string[];
  /** The search could not open a connection of its own and used the browsing connection. */
  sharedConnection?: boolean;
}

/** A search as its page saw it before a reload: what it was sent so far, and its end if it came. */
export interface SearchReattached extends SearchCounts {
  searchId: string;
  sessionId: string;
  root: string;
  depth: number;
  hits: SearchHit[];
  current: string;
  finished?: SearchFinished;
}

const sessionId = z.string().min(1).max(100);
const searchId = z.string().min(1).max(100);
const remotePath = z.string().min(1).max(4096).startsWith('/');

export const searchMethods = {
  /**
   * Starts looking below `root` (breadth-first; links to folders are not followed). Hits and
   * progress arrive as `search.progress` events, the end as one `search.finished`. The search
   * goes on across a reload of its page (`search.reattach`) and stops when its page has been
   * gone longer than a reload takes. Over the WebSocket, `pageId` is the socket's page.
   */
  'search.start': method<{ searchId: string }>()(
    z.object({
      pageId,
      sessionId,
      root: remotePath,
      criteria: searchCriteria,
      limits: z
        .object({
          depth: z.number().int().min(0).max(SEARCH_CAPS.depth).optional(),
          folders: z.number().int().min(1).max(SEARCH_CAPS.folders).optional(),
          results: z.number().int().min(1).max(SEARCH_CAPS.results).optional(),
        })
        .optional(),
    }),
  ),
  /** Stops a search at once (fine if it already ended). */
  'search.stop': method<void>()(z.object({ searchId })),
  /**
   * After a reload: the page's searches, with every hit sent so far — running (later ones come
   * as events) or ended while the page was away (told once).
   */
  'search.reattach': method<SearchReattached[]>()(z.object({ pageId })),
};

export const searchEvents = {
  'search.progress': event<SearchProgress>(),
  'search.finished': event<SearchFinished>(),
};
