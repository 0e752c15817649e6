/**
 * Synchronizations: each compares on a connection of its own (the browsing one when the server
 * allows no other), keeps its plan in the core, and runs the items the page names by id: the
 * transfers through the transfer queue (exclusions as it applies them; existing targets replaced
 * without asking, as the preview showed), the deletions one by one on the browsing connection or
 * through the local pane's delete (the OS trash where there is one). Paths are only ever the two
 * folders joined with names the walk checked, so nothing outside them can be touched.
 */
import { join, posix } from 'node:path';
import type { EmitEvent } from '../../../shared/contract';
import {
  SYNC_LIMITS,
  type SyncItem,
  type SyncOptions,
  type SyncPlanned,
  type SyncRunResult,
} from '../../../shared/contract/sync';
import { FerryError, toErrorInfo } from '../../../shared/errors';
import { nameFilter, type NameFilter } from '../../../shared/name-filter';
import { rootNow, type LocalRoot } from '../local/inside-root';
import { openUnlessStopped, PageRuns } from '../remote/page-runs';
import type { RemoteFs } from '../remote/remote-fs';
import type { EnqueueRequest } from '../transfers/enqueue';
import type { SeenTarget } from '../transfers/seen-target';
import { resolveInside } from '../transfers/safe-names';
import { deleteLocal, deleteRemote } from './sync-delete';
import { emptyWalkResult, walkSync, type WalkResult } from './sync-walk';

export interface SyncManagerDeps {
  emit: EmitEvent;
  /** A new connection to the session's server (times as listed); the walk closes it. */
  open(sessionId: string): Promise<RemoteFs>;
  /** The session's browsing connection; throws session_not_found for a closed session. */
  browsing(sessionId: string): RemoteFs;
  serverTimeOffset(sessionId: string): number;
  excludedNames(): Promise<readonly string[]>;
  enqueue(request: EnqueueRequest): Promise<string[]>;
  deleteLocal(paths: string[]): Promise<void>;
  limits?: Partial<typeof SYNC_LIMITS>;
}

export interface SyncRequest {
  pageId: string;
  sessionId: string;
  localRoot: string;
  remoteRoot: string;
  options: SyncOptions;
}

interface Kept {
  request: SyncRequest;
  items: Map<string, SyncItem>;
  /** The exclusions the comparison applied: a folder's deletion checks its contents with them. */
  exclude: NameFilter | undefined;
  /** Each item's target as compared: replaced or deleted only while it is still that. */
  seen: ReadonlyMap<string, SeenTarget>;
  /** The local folder as it was compared: downloads are written only inside it, through no link. */
  localRoot: LocalRoot;
  stop?: AbortController;
}

const stopped = () => new FerryError('cancelled', 'The synchronization was stopped.');

export class SyncManager extends PageRuns {
  private readonly plans = new Map<string, Kept>();

  constructor(private readonly deps: SyncManagerDeps) {
    super(
      2,
      () =>
        new FerryError(
          'forbidden',
          'Two synchronizations are already comparing folders on this server.',
          'Wait for one to finish, or stop it, then try again.',
        ),
    );
  }

  start(request: SyncRequest): { syncId: string } {
    this.deps.browsing(request.sessionId); // a closed session: session_not_found, now
    const syncId = this.launch(request, (id, signal) => this.compare(id, request, signal));
    return { syncId };
  }

  override stop(id: string): void {
    super.stop(id);
    this.plans.get(id)?.stop?.abort();
  }

  discard(syncId: string): void {
    this.plans.delete(syncId);
  }

  override closePage(pageId: string): void {
    super.closePage(pageId);
    for (const [id, kept] of this.plans) {
      if (kept.request.pageId !== pageId) continue;
      kept.stop?.abort(); // a run stops between deletions; its queued transfers stay queued
      this.plans.delete(id);
    }
  }

  private async compare(syncId: string, request: SyncRequest, signal: AbortSignal) {
    let own: RemoteFs | undefined;
    let result: WalkResult;
    let localRoot: LocalRoot = { path: request.localRoot };
    let exclude: NameFilter | undefined;
    let current = '';
    let folders = 0;
    let sent = -1;
    const timer = setInterval(() => {
      if (folders === sent) return; // a slow folder: nothing new to say
      sent = folders;
      this.deps.emit('sync.progress', { syncId, folders, current });
    }, 200);
    timer.unref();
    try {
      own = await openUnlessStopped(this.deps.open(request.sessionId), signal, stopped).catch(
        (error: unknown) => {
          if (signal.aborted) throw error;
          return undefined; // no second connection allowed: share the browsing one
        },
      );
      exclude = nameFilter(await this.deps.excludedNames());
      localRoot = await rootNow(request.localRoot).catch(() => localRoot); // the walk says why
      result = await walkSync({
        fs: own ?? this.deps.browsing(request.sessionId),
        localRoot: request.localRoot,
        remoteRoot: request.remoteRoot,
        options: request.options,
        exclude,
        serverTimeOffsetMinutes: this.deps.serverTimeOffset(request.sessionId),
        limits: { ...SYNC_LIMITS, ...this.deps.limits },
        signal,
        comparing: (path) => {
          current = path;
          folders++;
        },
      });
    } catch (error) {
      result = emptyWalkResult(signal.aborted ? 'stopped' : 'failed');
      if (!signal.aborted) result.error = toErrorInfo(error);
    } finally {
      clearInterval(timer);
    }
    if (own) void own.close({ abandon: result.outcome !== 'done' }).catch(() => undefined);
    const { seen, ...shown } = result;
    if (result.outcome === 'done') {
      const items = new Map(result.items.map((i) => [i.id, i]));
      this.plans.set(syncId, { request, items, exclude, seen: seen ?? new Map(), localRoot });
    }
    const planned: SyncPlanned = { syncId, ...shown };
    this.deps.emit('sync.planned', planned);
  }

  /** Runs the named items of a finished plan, once (a second call while it runs is refused). */
  async run(syncId: string, itemIds: readonly string[]): Promise<SyncRunResult> {
    const kept = this.plans.get(syncId);
    if (!kept || kept.stop) {
      throw new FerryError(
        'not_found',
        'This synchronization’s preview is no longer there.',
        'Compare again, then start it.',
      );
    }
    const stop = new AbortController();
    kept.stop = stop; // kept while it runs, so Stop reaches it
    try {
      return await this.runItems(kept, itemIds, stop.signal);
    } finally {
      this.plans.delete(syncId);
    }
  }

  private async runItems(
    kept: Kept,
    itemIds: readonly string[],
    signal: AbortSignal,
  ): Promise<SyncRunResult> {
    const { request } = kept;
    // Transfer connections add the site's offset to the server's times; the comparison's did not.
    const offsetMs = this.deps.serverTimeOffset(request.sessionId) * 60_000;
    const chosen = itemIds.map((id) => kept.items.get(id)).filter((i) => i !== undefined);
    const result: SyncRunResult = { queued: 0, transferIds: [], deleted: 0, failed: [] };
    for (const direction of ['upload', 'download'] as const) {
      const items = chosen.filter((item) => item.action === direction);
      if (items.length === 0) continue;
      const ids = await this.deps.enqueue({
        sessionId: request.sessionId,
        direction,
        conflictAction: 'overwrite',
        items: items.map((item) => {
          const local = localPathOf(request.localRoot, item.path);
          const remote = posix.join(request.remoteRoot, item.path);
          const seen = kept.seen.get(item.id);
          const seenTarget = seen === undefined ? {} : { seenTarget: asReadBy(seen, offsetMs) };
          return direction === 'upload'
            ? // A file replaced by a link since the preview is not read through it.
              {
                source: local,
                targetFolder: posix.dirname(remote),
                linksRefused: true,
                localRoot: kept.localRoot,
                ...seenTarget,
              }
            : {
                source: remote,
                targetFolder: join(local, '..'),
                localRoot: kept.localRoot,
                ...seenTarget,
              };
        }),
      });
      result.queued += ids.length;
      result.transferIds.push(...ids);
    }
    for (const item of chosen) {
      if (item.action !== 'deleteRemote' && item.action !== 'deleteLocal') continue;
      if (signal.aborted) break;
      try {
        const ctx = {
          fs: this.deps.browsing(request.sessionId),
          exclude: kept.exclude,
          signal,
          deleteLocal: (paths: string[]) => this.deps.deleteLocal(paths),
          localRoot: kept.localRoot,
        };
        const seen = kept.seen.get(item.id);
        if (item.action === 'deleteLocal') {
          await deleteLocal(ctx, localPathOf(request.localRoot, item.path), item, seen);
        } else {
          await deleteRemote(ctx, request.remoteRoot, item, seen);
        }
        result.deleted++;
      } catch (error) {
        result.failed.push({ path: item.path, error: toErrorInfo(error) });
      }
    }
    return result;
  }
}

/** `seen` as a connection that adds `offsetMs` to the server's times reads it. */
function asReadBy(seen: SeenTarget, offsetMs: number): SeenTarget {
  if (seen.where === 'local' || offsetMs === 0) return seen;
  return { ...seen, shifts: seen.shifts.map((shift) => shift - offsetMs) };
}

/** The item's local path, proven to stay inside the local folder (its names were checked). */
function localPathOf(root: string, path: string): string {
  const inside = resolveInside(root, path.split('/'));
  if (inside === undefined) throw new FerryError('forbidden', `"${path}" is not inside ${root}.`);
  return inside;
}
