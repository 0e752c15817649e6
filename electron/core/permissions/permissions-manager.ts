/**
 * The permission changes that run: each on a connection of its own (so the pane can still browse
 * and an FTP change does not hold the browsing connection), or, when the server will not open
 * another, on the session's browsing connection. Progress goes to the page a few times a second;
 * Stop ends a change at once; the end says what was changed and what could not be.
 */
import { randomUUID } from 'node:crypto';
import type { EmitEvent } from '../../../shared/contract';
import type {
  PermissionsCounts,
  PermissionsFailure,
  PermissionsFinished,
} from '../../../shared/contract/permissions';
import { FerryError, toErrorInfo } from '../../../shared/errors';
import type { ModeChange, PermissionScope } from '../../../shared/permission-change';
import type { RemoteFs } from '../remote/remote-fs';
import { chmodTree } from './chmod-tree';

export interface PermissionsManagerDeps {
  emit: EmitEvent;
  /** A new connection to the session's server; the change closes it. */
  open(sessionId: string): Promise<RemoteFs>;
  /** The session's browsing connection; throws session_not_found for a closed session. */
  browsing(sessionId: string): RemoteFs;
  /** How often progress is sent (ms). */
  progressMs?: number;
}

export interface PermissionsRequest {
  /** The page that shows it: the change stops when the page goes. */
  pageId: string;
  sessionId: string;
  paths: readonly string[];
  change: ModeChange;
  recursive: boolean;
  scope: PermissionScope;
}

/** Changes a session may run at once; more is a runaway. */
const MOST_PER_SESSION = 2;
const SHOWN = 20;

interface Running {
  pageId: string;
  sessionId: string;
  stop: AbortController;
}

export class PermissionsManager {
  private readonly running = new Map<string, Running>();
  private readonly settled = new Set<Promise<void>>();

  constructor(private readonly deps: PermissionsManagerDeps) {}

  start(request: PermissionsRequest): { jobId: string } {
    this.deps.browsing(request.sessionId); // a closed session: session_not_found, now
    const mine = [...this.running.values()].filter((r) => r.sessionId === request.sessionId);
    if (mine.length >= MOST_PER_SESSION) {
      throw new FerryError(
        'forbidden',
        'Permissions are already being changed twice on this server.',
        'Wait for one of those changes to end (or stop it), then apply again.',
      );
    }
    const jobId = randomUUID();
    const stop = new AbortController();
    this.running.set(jobId, { pageId: request.pageId, sessionId: request.sessionId, stop });
    const run = this.run(jobId, request, stop.signal).finally(() => {
      this.running.delete(jobId);
      this.settled.delete(run);
    });
    this.settled.add(run);
    return { jobId };
  }

  /** Fine for a change that already ended. */
  stop(jobId: string): void {
    this.running.get(jobId)?.stop.abort();
  }

  closeSession(sessionId: string): void {
    for (const job of this.running.values()) if (job.sessionId === sessionId) job.stop.abort();
  }

  closePage(pageId: string): void {
    for (const job of this.running.values()) if (job.pageId === pageId) job.stop.abort();
  }

  async dispose(): Promise<void> {
    for (const job of this.running.values()) job.stop.abort();
    await Promise.all([...this.settled]);
  }

  private async run(jobId: string, request: PermissionsRequest, signal: AbortSignal) {
    const counts: PermissionsCounts = {
      changed: 0,
      failed: 0,
      folders: 0,
      links: 0,
      unreadable: 0,
      refusedNames: 0,
    };
    const failures: PermissionsFailure[] = [];
    const unreadablePaths: string[] = [];
    let current = request.paths[0] ?? '/';
    let lastSent = '';
    const progress = () => {
      const now = JSON.stringify([current, counts]);
      if (now === lastSent) return;
      lastSent = now;
      this.deps.emit('permissions.progress', { jobId, current, ...counts });
    };
    const timer = setInterval(progress, this.deps.progressMs ?? 250);
    timer.unref();

    // A single item needs no connection of its own: opening one would take longer than the change.
    const ownWanted = request.recursive || request.paths.length > 20;
    let own: RemoteFs | undefined;
    let shared = false;
    if (ownWanted) {
      try {
        own = await untilAborted(this.deps.open(request.sessionId), signal);
      } catch {
        shared = !signal.aborted; // the server would not open another: share the browsing one
      }
    }
    let outcome: PermissionsFinished['outcome'];
    let error: unknown;
    try {
      if (signal.aborted) throw new FerryError('cancelled', 'The change was stopped.');
      const fs = own ?? this.deps.browsing(request.sessionId);
      outcome = await chmodTree({
        fs,
        paths: request.paths,
        change: request.change,
        recursive: request.recursive,
        scope: request.scope,
        parallel: fs.protocol === 'sftp' ? (own ? 4 : 2) : 1,
        signal,
        counts,
        report: {
          at: (path) => (current = path),
          failed: (path, why) => {
            if (failures.length < SHOWN) failures.push({ path, error: why });
          },
          unreadable: (path) => {
            if (unreadablePaths.length < SHOWN) unreadablePaths.push(path);
          },
        },
      });
    } catch (caught) {
      outcome = signal.aborted ? 'stopped' : 'failed';
      error = caught;
    } finally {
      clearInterval(timer);
    }
    // A stopped change's connection may have requests in flight: drop it without a goodbye.
    if (own) void own.close({ abandon: outcome !== 'done' }).catch(() => undefined);
    progress();
    const finished: PermissionsFinished = {
      jobId,
      outcome,
      ...counts,
      failures,
      unreadablePaths,
    };
    if (outcome === 'failed') finished.error = toErrorInfo(error);
    if (shared) finished.sharedConnection = true;
    this.deps.emit('permissions.finished', finished);
  }
}

/** `work`, or a rejection as soon as `signal` aborts (a connection that opens late is closed). */
function untilAborted(work: Promise<RemoteFs>, signal: AbortSignal): Promise<RemoteFs> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new FerryError('cancelled', 'The change was stopped.'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (fs) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) void fs.close({ abandon: true }).catch(() => undefined);
        else resolve(fs);
      },
      (caught: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(caught);
      },
    );
  });
}
