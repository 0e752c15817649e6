/**
 * The searches that run: each on a connection of its own (so the pane can still browse and an
 * FTP search does not wait behind it), or, when the server will not open another, on the
 * session's browsing connection. Hits go to the page in batches a few times a second, never one
 * event per file; Stop ends a search at once.
 */
import type { EmitEvent } from '../../../shared/contract';
import {
  SEARCH_DEFAULTS,
  type SearchCounts,
  type SearchCriteria,
  type SearchFinished,
  type SearchHit,
  type SearchReattached,
} from '../../../shared/contract/search';
import { FerryError, toErrorInfo } from '../../../shared/errors';
import { openUnlessStopped, PageRuns } from '../remote/page-runs';
import type { RemoteFs } from '../remote/remote-fs';
import { compileMatcher } from './matcher';
import { searchTree, type TreeLimits, type TreeOutcome } from './search-tree';

export interface SearchManagerDeps {
  emit: EmitEvent;
  /** A new connection to the session's server; the search closes it. */
  open(sessionId: string): Promise<RemoteFs>;
  /** The session's browsing connection; throws session_not_found for a closed session. */
  browsing(sessionId: string): RemoteFs;
  /** How often progress is sent (ms). */
  batchMs?: number;
  /**
   * How long a page may be away (a reload) before its searches stop; without it they stop as
   * soon as it goes.
   */
  pageAwayMs?: number;
}

export interface SearchRequest {
  /** The page that shows it: the search ends when the page goes. */
  pageId: string;
  sessionId: string;
  root: string;
  criteria: SearchCriteria;
  limits?: Partial<TreeLimits> | undefined;
}

/** Searches a session may run at once: a page runs one per tab; more is a runaway. */
const MOST_PER_SESSION = 4;
/** Hits held back at most before a batch goes out anyway. */
const BATCH_HITS = 250;
const SHOWN_UNREADABLE = 20;

export class SearchManager extends PageRuns {
  /** What each search sent its page so far, for the page to show again after a reload. */
  private readonly sent = new Map<string, SearchSoFar>();
  /** Pages whose socket closed (reloading, or gone), with the timer that stops their searches. */
  private readonly away = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: SearchManagerDeps) {
    super(
      MOST_PER_SESSION,
      () =>
        new FerryError(
          'forbidden',
          `${MOST_PER_SESSION} searches are already running on this server.`,
          'Stop one of them, then search again.',
        ),
    );
  }

  start(request: SearchRequest): { searchId: string } {
    this.deps.browsing(request.sessionId); // a closed session: session_not_found, now
    const searchId = this.launch(request, (id, signal) => this.run(id, request, signal));
    return { searchId };
  }

  /** The page's socket closed: a reload comes back within seconds; a page gone stops its own. */
  override closePage(pageId: string): void {
    this.pageBack(pageId);
    if (this.deps.pageAwayMs === undefined) return this.pageGone(pageId);
    const timer = setTimeout(() => this.pageGone(pageId), this.deps.pageAwayMs);
    timer.unref();
    this.away.set(pageId, timer);
  }

  pageBack(pageId: string): void {
    clearTimeout(this.away.get(pageId));
    this.away.delete(pageId);
  }

  /**
   * After a reload: the page's searches as it saw them — still running (later hits come as
   * events), or ended while it was away (told once).
   */
  reattach(pageId: string): SearchSoFar[] {
    this.pageBack(pageId);
    const mine = [...this.sent.values()].filter((search) => search.pageId === pageId);
    for (const search of mine) if (search.finished) this.sent.delete(search.searchId);
    return mine.map((search) => ({ ...search, hits: [...search.hits] }));
  }

  override async dispose(): Promise<void> {
    for (const timer of this.away.values()) clearTimeout(timer);
    await super.dispose();
  }

  private pageGone(pageId: string): void {
    this.away.delete(pageId);
    super.closePage(pageId);
    for (const search of [...this.sent.values()]) {
      if (search.pageId === pageId && search.finished) this.sent.delete(search.searchId);
    }
  }

  private async run(searchId: string, request: SearchRequest, signal: AbortSignal): Promise<void> {
    const counts: SearchCounts = {
      folders: 0,
      found: 0,
      unreadable: 0,
      tooDeep: 0,
      refusedNames: 0,
    };
    const unreadablePaths: string[] = [];
    let pending: SearchHit[] = [];
    let current = request.root;
    let lastSent = '';
    const { pageId, sessionId, root } = request;
    const depth = request.limits?.depth ?? SEARCH_DEFAULTS.depth;
    const sent: SearchSoFar = {
      searchId,
      pageId,
      sessionId,
      root,
      depth,
      hits: [],
      current,
      ...counts,
    };
    this.sent.set(searchId, sent);
    /** Sends what is new; nothing when nothing changed (a slow folder is still being listed). */
    const flush = () => {
      const now = JSON.stringify([current, counts]);
      if (pending.length === 0 && now === lastSent) return;
      lastSent = now;
      const hits = pending;
      pending = [];
      sent.hits.push(...hits);
      Object.assign(sent, { current, ...counts });
      this.deps.emit('search.progress', { searchId, hits, current, ...counts });
    };
    const timer = setInterval(flush, this.deps.batchMs ?? 200);
    timer.unref();

    let own: RemoteFs | undefined;
    let shared = false;
    let result: TreeOutcome | { outcome: 'failed'; error: unknown };
    try {
      own = await openUnlessStopped(
        this.deps.open(request.sessionId),
        signal,
        () => new FerryError('cancelled', 'The search was stopped.'),
      );
    } catch {
      // The server would not open another connection (a per-user limit, say): browse-share.
      shared = !signal.aborted;
    }
    try {
      if (signal.aborted) throw new FerryError('cancelled', 'The search was stopped.');
      const fs = own ?? this.deps.browsing(request.sessionId);
      result = await searchTree({
        fs,
        root: request.root,
        matches: compileMatcher(request.criteria),
        limits: { ...SEARCH_DEFAULTS, ...definedOnly(request.limits) },
        // SFTP answers several listings in flight; the browsing connection keeps room for the pane.
        parallel: fs.protocol === 'sftp' ? (shared ? 2 : 4) : 1,
        signal,
        counts,
        report: {
          listing: (path) => (current = path),
          hit: (hit) => {
            pending.push(hit);
            if (pending.length >= BATCH_HITS) flush();
          },
          unreadable: (path) => {
            if (unreadablePaths.length < SHOWN_UNREADABLE) unreadablePaths.push(path);
          },
        },
      });
    } catch (error) {
      result = signal.aborted ? { outcome: 'stopped' } : { outcome: 'failed', error };
    } finally {
      clearInterval(timer);
    }
    // A stopped search's connection may be mid-listing: drop it without a goodbye.
    if (own) void own.close({ abandon: result.outcome !== 'done' }).catch(() => undefined);
    flush();
    const finished: SearchFinished = {
      searchId,
      outcome: result.outcome,
      ...counts,
      unreadablePaths,
    };
    if (result.outcome === 'limit') finished.limit = result.limit;
    if (result.outcome === 'failed') finished.error = toErrorInfo(result.error);
    if (shared) finished.sharedConnection = true;
    // Kept only for a page that is reloading (its timer runs): one that is there hears it now,
    // one that is gone never will.
    if (this.away.get(request.pageId) !== undefined) Object.assign(sent, { finished, ...counts });
    else this.sent.delete(searchId);
    this.deps.emit('search.finished', finished);
  }
}

/** A search as its page saw it (`SearchReattached`), and the page it belongs to. */
interface SearchSoFar extends SearchReattached {
  pageId: string;
}

function definedOnly(limits: Partial<TreeLimits> | undefined): Partial<TreeLimits> {
  return Object.fromEntries(
    Object.entries(limits ?? {}).filter(([, value]) => value !== undefined),
  ) as Partial<TreeLimits>;
}
