/**
 * The permission changes that run: each on a connection of its own (so the pane can still browse
 * and an FTP change does not hold the browsing connection), or, when the server will not open
 * another, on the session's browsing connection. Progress goes to the page a few times a second;
 * Stop ends a change at once; the end says what was changed and what could not be.
 */
import type { EmitEvent } from '../../../shared/contract';
import type { PermissionsFailure, PermissionsFinished } from '../../../shared/contract/permissions';
import { FerryError, toErrorInfo } from '../../../shared/errors';
import {
  noChangesYet,
  type ModeChange,
  type PermissionScope,
} from '../../../shared/permission-change';
import { openUnlessStopped, PageRuns } from '../remote/page-runs';
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

export class PermissionsManager extends PageRuns {
  constructor(private readonly deps: PermissionsManagerDeps) {
    super(
      MOST_PER_SESSION,
      () =>
        new FerryError(
          'forbidden',
          'Permissions are already being changed twice on this server.',
          'Wait for one of those changes to end (or stop it), then apply again.',
        ),
    );
  }

  start(request: PermissionsRequest): { jobId: string } {
    this.deps.browsing(request.sessionId); // a closed session: session_not_found, now
    const jobId = this.launch(request, (id, signal) => this.run(id, request, signal));
    return { jobId };
  }

  private async run(jobId: string, request: PermissionsRequest, signal: AbortSignal) {
    const counts = noChangesYet();
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
        own = await openUnlessStopped(
          this.deps.open(request.sessionId),
          signal,
          () => new FerryError('cancelled', 'The change was stopped.'),
        );
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
