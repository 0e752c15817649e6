/**
 * The running "keep up to date"s: one per connection tab (session) at most, each owned by the
 * page that shows its session. It stops by itself when its session closes (the tab disconnected
 * or closed) or its page has been gone longer than a reload takes, and says why in its last
 * `keepup.state`. A page that reloads (or takes the session over) gets it back with
 * `reattach`, and hears then how one ended while it was away.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { KeepUpState } from '../../../shared/contract/keepup';
import type { EmitEvent } from '../../../shared/contract';
import { FerryError } from '../../../shared/errors';
import { nameFilter } from '../../../shared/name-filter';
import type { RemoteFs } from '../remote/remote-fs';
import type { EnqueueRequest } from '../transfers/enqueue';
import { KeepUp, KEEP_UP_TIMING, type JobView, type KeepUpTiming } from './keep-up';

export interface KeepUpManagerDeps {
  emit: EmitEvent;
  /** The session's browsing connection; throws session_not_found for a closed session. */
  browsing(sessionId: string): RemoteFs;
  excludedNames(): Promise<readonly string[]>;
  enqueue(request: EnqueueRequest): Promise<string[]>;
  job(id: string): JobView | undefined;
  cancel(jobId: string): void;
  log(text: string): void;
  /** How long a page may be away (a reload) before its keep-ups stop. */
  pageAwayMs: number;
  timing?: Partial<KeepUpTiming>;
}

export interface KeepUpRequest {
  pageId: string;
  sessionId: string;
  localRoot: string;
  remoteRoot: string;
  deleteOnServer: boolean;
}

export class KeepUpManager {
  private readonly running = new Map<string, { keeper: KeepUp; pageId: string }>();
  /** Pages whose socket closed (reloading, or gone), with the timer that stops their keep-ups. */
  private readonly away = new Map<string, ReturnType<typeof setTimeout>>();
  /** session id → how its keep-up ended while its page was away (the page heard nothing). */
  private readonly endedUnseen = new Map<string, KeepUpState>();

  constructor(private readonly deps: KeepUpManagerDeps) {}

  async start(request: KeepUpRequest): Promise<KeepUpState> {
    this.deps.browsing(request.sessionId); // a closed session: session_not_found, now
    for (const { keeper } of this.running.values()) {
      if (keeper.state.sessionId === request.sessionId) throw alreadyRunning(keeper.state);
    }
    await mustBeFolder(request.localRoot);
    const exclude = nameFilter(await this.deps.excludedNames());
    let keepId = '';
    const keeper = new KeepUp(
      request,
      {
        emit: (state) => this.deps.emit('keepup.state', state),
        browsing: () => this.deps.browsing(request.sessionId),
        enqueue: (r) => this.deps.enqueue(r),
        job: (id) => this.deps.job(id),
        cancel: (id) => this.deps.cancel(id),
        exclude,
        log: (text) => this.deps.log(text),
        ended: () => this.ended(keepId),
      },
      { ...KEEP_UP_TIMING, ...this.deps.timing },
    );
    keepId = keeper.state.keepId;
    this.running.set(keepId, { keeper, pageId: request.pageId });
    try {
      await keeper.start();
    } catch (error) {
      this.running.delete(keepId);
      throw error;
    }
    return { ...keeper.state };
  }

  stop(keepId: string): void {
    this.running.get(keepId)?.keeper.stop('user');
  }

  closeSession(sessionId: string): void {
    for (const { keeper } of [...this.running.values()]) {
      if (keeper.state.sessionId === sessionId) keeper.stop('disconnected');
    }
    this.endedUnseen.delete(sessionId);
  }

  /** The page's socket closed: a reload comes back within seconds; a page gone stops its own. */
  closePage(pageId: string): void {
    this.pageBack(pageId);
    const timer = setTimeout(() => {
      // Still noted away while they stop, so ended() keeps each one's end for a later return.
      for (const run of [...this.running.values()]) {
        if (run.pageId === pageId) run.keeper.stop('page');
      }
      this.away.delete(pageId);
    }, this.deps.pageAwayMs);
    timer.unref();
    this.away.set(pageId, timer);
  }

  pageBack(pageId: string): void {
    clearTimeout(this.away.get(pageId));
    this.away.delete(pageId);
  }

  /**
   * The keep-ups of the sessions `pageId` shows now (`shows`: after its tabs came back), running
   * or ended while their page was away; the running ones are the page's from now on.
   */
  reattach(pageId: string, shows: (sessionId: string) => boolean): KeepUpState[] {
    this.pageBack(pageId);
    const states: KeepUpState[] = [];
    for (const run of this.running.values()) {
      if (!shows(run.keeper.state.sessionId)) continue;
      run.pageId = pageId;
      states.push({ ...run.keeper.state });
    }
    for (const [sessionId, state] of [...this.endedUnseen]) {
      if (!shows(sessionId)) continue;
      this.endedUnseen.delete(sessionId);
      states.push(state);
    }
    return states;
  }

  dispose(): void {
    for (const timer of this.away.values()) clearTimeout(timer);
    for (const { keeper } of [...this.running.values()]) keeper.stop('page');
  }

  private ended(keepId: string): void {
    const run = this.running.get(keepId);
    this.running.delete(keepId);
    if (!run || !this.away.has(run.pageId)) return;
    const state = run.keeper.state;
    if (state.stoppedBecause !== 'user') this.endedUnseen.set(state.sessionId, { ...state });
  }
}

async function mustBeFolder(path: string): Promise<void> {
  const found = isAbsolute(path) ? await stat(path).catch(() => null) : null;
  if (found?.isDirectory()) return;
  throw new FerryError(
    'not_a_folder',
    `${path} is not a folder on this computer (any more).`,
    'Open the folder to keep up to date in the local pane, then start again.',
  );
}

function alreadyRunning(state: KeepUpState): FerryError {
  return new FerryError(
    'forbidden',
    `This tab is already keeping ${state.remoteRoot} up to date with ${state.localRoot}.`,
    'Stop that first, then start again with the folders you want.',
  );
}
