/**
 * What became of the connects pages made, kept for a while. A page that reloads while a connect
 * waits (a host key or a one-time code asked again, a slow server) never gets that connect's
 * reply: it asks here, by the id it gave the connect, and shows a failure as it would have
 * shown the reply. Only the page that made a connect learns its outcome; taking an outcome
 * forgets it, so it is shown once.
 */
import type { ConnectOutcome } from '../../../shared/contract/remote';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors';

interface Kept {
  pageId: string;
  state: 'pending' | 'opened' | 'failed';
  error?: ErrorInfo;
  /** Epoch ms of the last change. */
  at: number;
}

/** How long a settled outcome waits for its page (a reload takes seconds; a page may stay away). */
const KEEP_MS = 10 * 60_000;
/** The most kept at once (oldest go first): every page's connects together. */
const MOST_KEPT = 200;

export class ConnectOutcomes {
  private readonly kept = new Map<string, Kept>();

  /**
   * Runs `connect` for `pageId`'s connect `connectId`, noting how it ends; `failed` is told of a
   * failure (to announce it), and the error goes on to the caller as ever.
   */
  async track<T>(
    pageId: string | undefined,
    connectId: string | undefined,
    connect: () => Promise<T>,
    failed: (connectId: string) => void,
  ): Promise<T> {
    if (pageId === undefined || connectId === undefined) return connect();
    this.note(connectId, { pageId, state: 'pending', at: Date.now() });
    try {
      const result = await connect();
      this.note(connectId, { pageId, state: 'opened', at: Date.now() });
      return result;
    } catch (error) {
      this.note(connectId, { pageId, state: 'failed', error: toErrorInfo(error), at: Date.now() });
      failed(connectId);
      throw error;
    }
  }

  /**
   * The outcomes of `pageId`'s connects `connectIds`: one still under way stays kept; a settled
   * one is forgotten once told. An id this page did not give (or long gone) is `unknown`.
   */
  take(pageId: string, connectIds: readonly string[]): ConnectOutcome[] {
    this.prune(Date.now());
    return connectIds.map((connectId) => {
      const kept = this.kept.get(connectId);
      if (!kept || kept.pageId !== pageId) return { connectId, state: 'unknown' };
      if (kept.state !== 'pending') this.kept.delete(connectId);
      return kept.error
        ? { connectId, state: kept.state, error: kept.error }
        : { connectId, state: kept.state };
    });
  }

  private note(connectId: string, kept: Kept): void {
    this.kept.delete(connectId); // re-inserted last: the map stays oldest first
    this.kept.set(connectId, kept);
    this.prune(kept.at);
  }

  private prune(now: number): void {
    for (const [connectId, kept] of this.kept) {
      const old = kept.state !== 'pending' && now - kept.at > KEEP_MS;
      if (old || this.kept.size > MOST_KEPT) this.kept.delete(connectId);
    }
  }
}
