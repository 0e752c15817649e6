/**
 * Walks a local folder and a server folder side by side, breadth-first, and plans what makes
 * them match (plan-rules.ts per pair of folders). Links are never followed (nor synchronized);
 * names the server lists that are not names are counted and never become paths; the exclusion
 * list leaves names out on both sides (never sent, never deleted). A folder that cannot be read
 * on either side is left out with everything in it, never taken for empty: taking it for empty
 * would plan to delete the whole other side.
 */
import { join, posix } from 'node:path';
import { shiftOfOffset, type TimePrecision } from '../../../shared/compare/compare-folders';
import { HOUR } from '../../../shared/compare/compare-times';
import type { SyncItem, SyncOptions, SyncPlanned } from '../../../shared/contract/sync';
import { FerryError, type ErrorCode } from '../../../shared/errors';
import type { NameFilter } from '../../../shared/name-filter';
import { listFolder } from '../local/list-folder';
import type { RemoteFs } from '../remote/remote-fs';
import { refusedFtpNameReason, refusedNameReason } from '../remote/server-names';
import type { SeenTarget } from '../transfers/seen-target';
import { planPair, type PairPlan, type PlannedEntry } from './plan-rules';
import { measureFolder, Side } from './measure-folder';

export interface SyncWalk {
  fs: RemoteFs;
  localRoot: string;
  remoteRoot: string;
  options: SyncOptions;
  exclude: NameFilter | undefined;
  serverTimeOffsetMinutes: number;
  limits: { depth: number; folders: number; items: number };
  signal: AbortSignal;
  /** A pair of folders is about to be compared (relative path). */
  comparing(path: string): void;
}

/**
 * The plan, without its id; items carry ids unique within it. A finished plan also keeps, by
 * item id, what each file's target was when compared (for the core only: never sent to the page).
 */
export type WalkResult = Omit<SyncPlanned, 'syncId'> & { seen?: Map<string, SeenTarget> };

/** What a folder below the top may answer and be left out; anything else ends the walk. */
const LEFT_OUT: readonly ErrorCode[] = ['permission_denied', 'not_found', 'not_a_folder'];
const SHOWN_UNREADABLE = 20;
const SHOWN_LEFT_ALONE = 200;

/** A plan with nothing in it yet (or nothing at all: a comparison stopped or failed). */
export function emptyWalkResult(outcome: WalkResult['outcome']): WalkResult {
  return {
    outcome,
    items: [],
    unreadable: [],
    unreadableCount: 0,
    excluded: 0,
    refusedNames: 0,
    leftAlone: [],
    remoteTimeShift: null,
  };
}

export async function walkSync(walk: SyncWalk): Promise<WalkResult> {
  const result = emptyWalkResult('done');
  const side = new Side(
    walk.fs,
    walk.exclude,
    walk.fs.protocol === 'ftp' ? refusedFtpNameReason : refusedNameReason,
    walk.signal,
    result,
  );
  const unreadable = (where: 'local' | 'server', path: string) => {
    result.unreadableCount++;
    if (result.unreadable.length < SHOWN_UNREADABLE)
      result.unreadable.push(`${where === 'server' ? 'server' : 'this computer'}: ${path || '.'}`);
  };
  const remotePrecision: TimePrecision = walk.fs.protocol === 'sftp' ? 'exact' : 'listing';
  const seen = new Map<string, SeenTarget>();
  const queue: { path: string; depth: number }[] = [{ path: '', depth: 0 }];
  let folders = 0;

  for (let head = 0; head < queue.length; head++) {
    const { path, depth } = queue[head] as { path: string; depth: number };
    if (walk.signal.aborted) return { ...result, outcome: 'stopped', items: [] };
    if (++folders > walk.limits.folders) return { ...result, outcome: 'limit', items: [] };
    walk.comparing(path);
    const listed = await untilStopped(
      Promise.allSettled([
        listFolder(join(walk.localRoot, ...path.split('/'))),
        walk.fs.list(posix.join(walk.remoteRoot, path)),
      ]),
      walk.signal,
    );
    // Stop answers at once, even mid-listing (the caller then drops the connection).
    if (listed === undefined) return { ...result, outcome: 'stopped', items: [] };
    const [local, remote] = listed;
    if (local.status === 'rejected' || remote.status === 'rejected') {
      // The two folders the user chose must both be there; one below may be locked or gone.
      for (const [where, settled] of [
        ['local', local],
        ['server', remote],
      ] as const) {
        if (settled.status === 'fulfilled') continue;
        if (depth === 0 || !isLeftOut(settled.reason)) throw settled.reason;
        unreadable(where, path);
      }
      continue;
    }
    result.refusedNames += remote.value.skipped?.length ?? 0;
    const links = [...local.value.entries, ...remote.value.entries].filter(
      (entry) => entry.kind === 'symlink',
    );
    for (const link of new Set(links.map((entry) => entry.name))) {
      if (result.leftAlone.length < SHOWN_LEFT_ALONE)
        result.leftAlone.push({ path: joinRel(path, link), why: 'link' });
    }
    const plan = planPair(
      {
        local: side.usable(local.value.entries, 'local'),
        remote: side.usable(remote.value.entries, 'server'),
        remotePrecision,
        serverTimeOffsetMinutes: walk.serverTimeOffsetMinutes,
      },
      walk.options,
    );
    result.remoteTimeShift ??= plan.remoteTimeShift;
    for (const alone of plan.leftAlone) {
      if (result.leftAlone.length < SHOWN_LEFT_ALONE)
        result.leftAlone.push({ path: joinRel(path, alone.name), why: alone.why });
    }
    for (const planned of plan.entries) {
      const item = await itemOf(walk, side, path, planned, unreadable);
      if (!item) continue;
      const id = String(result.items.length + 1);
      result.items.push({ ...item, id });
      seen.set(id, seenTargetOf(planned, remotePrecision, plan.remoteTimeShift));
      if (result.items.length > walk.limits.items)
        return { ...result, outcome: 'limit', items: [] };
    }
    if (!walk.options.recursive) continue;
    for (const name of plan.bothFolders) {
      // Deeper than the limit: no plan rather than one that did not look there.
      if (depth + 1 > walk.limits.depth) return { ...result, outcome: 'limit', items: [] };
      queue.push({ path: joinRel(path, name), depth: depth + 1 });
    }
  }
  if (walk.signal.aborted) return { ...result, outcome: 'stopped', items: [] };
  result.items.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ...result, seen };
}

/**
 * What an item's target was when compared: a transfer's target (nothing, for a folder only on
 * the source side), a deletion's file. Server times as listed, with the shifts under which they
 * may read as the same moment another way (MDTM): none, and the one this pair was compared with.
 */
function seenTargetOf(
  planned: PlannedEntry,
  remotePrecision: TimePrecision,
  pairShift: PairPlan['remoteTimeShift'],
): SeenTarget {
  const deleting = planned.action === 'deleteLocal' || planned.action === 'deleteRemote';
  const target = deleting ? planned.entry : planned.there;
  const onServer = planned.action === 'upload' || planned.action === 'deleteRemote';
  const facts =
    target === undefined || target.kind !== 'file'
      ? null
      : { size: target.size, modified: target.modified };
  if (!onServer) return { where: 'local', entry: facts, precision: 'exact', shifts: [0] };
  const shift =
    pairShift === null
      ? 0
      : pairShift.by === 'site'
        ? shiftOfOffset(pairShift.minutes)
        : pairShift.hours * HOUR;
  return {
    where: 'server',
    entry: facts,
    precision: remotePrecision,
    shifts: shift === 0 ? [0] : [0, shift],
  };
}

/**
 * One planned entry as an item: a folder's files and bytes are counted (its tree walked on its
 * own side). A folder to delete that could not be read whole, or that holds excluded names, is
 * not deleted: the user would lose what the preview never showed.
 */
async function itemOf(
  walk: SyncWalk,
  side: Side,
  folder: string,
  planned: PlannedEntry,
  unreadable: (where: 'local' | 'server', path: string) => void,
): Promise<Omit<SyncItem, 'id'> | undefined> {
  const path = joinRel(folder, planned.name);
  const base = { action: planned.action, reason: planned.reason, path };
  if (planned.entry.kind !== 'folder') {
    return { ...base, kind: 'file', bytes: planned.entry.size, files: 1 };
  }
  const onServer = planned.action === 'download' || planned.action === 'deleteRemote';
  const measured = await measureFolder(
    side,
    onServer
      ? { where: 'server', path: posix.join(walk.remoteRoot, path) }
      : { where: 'local', path: join(walk.localRoot, ...path.split('/')) },
    walk.limits.folders,
  );
  const deleting = planned.action === 'deleteRemote' || planned.action === 'deleteLocal';
  if (measured.unreadable.length > 0) {
    for (const below of measured.unreadable)
      unreadable(onServer ? 'server' : 'local', joinRel(path, below));
    if (deleting) return undefined;
  }
  // Links are left alone: a folder holding one is not deleted whole, as one holding excluded names.
  if (deleting && (measured.excluded > 0 || measured.links > 0)) return undefined;
  return { ...base, kind: 'folder', bytes: measured.bytes, files: measured.files };
}

/** `work`'s answer, or undefined as soon as `signal` aborts. */
function untilStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function joinRel(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

function isLeftOut(error: unknown): boolean {
  return error instanceof FerryError && LEFT_OUT.includes(error.code);
}
