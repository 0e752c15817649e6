/**
 * Long work a page starts on a session's server, in the background (a search, a permissions
 * change; their managers extend this): each run has an id and a Stop, ends when its session closes or its page goes, and a
 * session may run only a few at once (more is a runaway). dispose waits for every run to end.
 */
import { randomUUID } from 'node:crypto';
import { FerryError } from '../../../shared/errors';
import type { RemoteFs } from './remote-fs';

interface Running {
  pageId: string;
  sessionId: string;
  stop: AbortController;
}

export class PageRuns {
  private readonly running = new Map<string, Running>();
  private readonly settled = new Set<Promise<void>>();

  constructor(
    private readonly mostPerSession: number,
    /** Why one more is refused, in the caller's words. */
    private readonly tooMany: () => FerryError,
  ) {}

  /** Starts `run` with a fresh id and its own stop signal; answers the id. */
  protected launch(
    owner: { pageId: string; sessionId: string },
    run: (id: string, signal: AbortSignal) => Promise<void>,
  ): string {
    const mine = [...this.running.values()].filter((r) => r.sessionId === owner.sessionId);
    if (mine.length >= this.mostPerSession) throw this.tooMany();
    const id = randomUUID();
    const stop = new AbortController();
    this.running.set(id, { pageId: owner.pageId, sessionId: owner.sessionId, stop });
    const settled = run(id, stop.signal).finally(() => {
      this.running.delete(id);
      this.settled.delete(settled);
    });
    this.settled.add(settled);
    return id;
  }

  /** Fine for a run that already ended. */
  stop(id: string): void {
    this.running.get(id)?.stop.abort();
  }

  /** The session closed: its runs end (as stopped). */
  closeSession(sessionId: string): void {
    for (const run of this.running.values()) if (run.sessionId === sessionId) run.stop.abort();
  }

  /** The page closed or reloaded (it forgets its runs): they end (as stopped). */
  closePage(pageId: string): void {
    for (const run of this.running.values()) if (run.pageId === pageId) run.stop.abort();
  }

  async dispose(): Promise<void> {
    for (const run of this.running.values()) run.stop.abort();
    await Promise.all([...this.settled]);
  }
}

/**
 * `opening` (a connection of the run's own), or a rejection with `stopped()` as soon as `signal`
 * aborts; a connection that opens after that is closed.
 */
export function openUnlessStopped(
  opening: Promise<RemoteFs>,
  signal: AbortSignal,
  stopped: () => FerryError,
): Promise<RemoteFs> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(stopped());
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    opening.then(
      (fs) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) void fs.close({ abandon: true }).catch(() => undefined);
        else resolve(fs);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
