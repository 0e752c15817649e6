/**
 * A synchronization's deletions, one item at a time, each only while it is still what the
 * preview showed: the same kind of thing (a file, a folder, never a link), and a folder holding
 * exactly the files and bytes the preview counted, all of it readable and none of it excluded.
 * Files put into a folder after the comparison are not the user's choice to delete.
 */
import { lstat } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import { SYNC_LIMITS, type SyncItem } from '../../../shared/contract/sync';
import { FerryError } from '../../../shared/errors';
import type { NameFilter } from '../../../shared/name-filter';
import { FolderGuard, type LocalRoot } from '../local/inside-root';
import type { RemoteFs } from '../remote/remote-fs';
import { changedSincePreview, type SeenTarget, type TargetNow } from '../transfers/seen-target';
import { refusedFtpNameReason, refusedNameReason } from '../remote/server-names';
import { measureFolder, Side } from './measure-folder';

export interface DeleteContext {
  /** The session's browsing connection (also what measures a folder on this computer). */
  fs: RemoteFs;
  exclude: NameFilter | undefined;
  signal: AbortSignal;
  deleteLocal(paths: string[]): Promise<void>;
  /** The local folder as compared: a deletion never goes through a folder turned link. */
  localRoot?: LocalRoot;
}

/** Deletes the server item `item` below `root`; gone already is fine. */
export async function deleteRemote(
  ctx: DeleteContext,
  root: string,
  item: SyncItem,
  seen?: SeenTarget,
): Promise<void> {
  const path = posix.join(root, item.path);
  const rel = posix.relative(root, path);
  if (rel === '' || rel.startsWith('..') || posix.isAbsolute(rel)) {
    throw new FerryError('forbidden', `"${item.path}" is not inside ${root}.`);
  }
  const entry = await ctx.fs.stat(path);
  if (entry === null) return;
  if (entry.kind !== item.kind) throw notTheSame(item, 'the server');
  if (entry.kind === 'folder') {
    await mustHoldWhatWasCounted(ctx, { where: 'server', path }, item);
    await ctx.fs.deleteFolder(path);
  } else {
    mustBeWhatWasSeen(item, seen, entry);
    await ctx.fs.deleteFile(path);
  }
}

/** As deleteRemote, on this computer (through the local pane's delete: the trash, if any). */
export async function deleteLocal(
  ctx: DeleteContext,
  path: string,
  item: SyncItem,
  seen?: SeenTarget,
): Promise<void> {
  const guard = ctx.localRoot && new FolderGuard(ctx.localRoot, dirname(path));
  await guard?.check();
  const found = await lstat(path).catch(() => null);
  if (found === null) return;
  if ((item.kind === 'folder') !== found.isDirectory() || found.isSymbolicLink()) {
    throw notTheSame(item, 'this computer');
  }
  if (item.kind === 'folder') await mustHoldWhatWasCounted(ctx, { where: 'local', path }, item);
  else mustBeWhatWasSeen(item, seen, { kind: 'file', size: found.size, modified: found.mtimeMs });
  await guard?.check();
  await ctx.deleteLocal([path]);
}

async function mustHoldWhatWasCounted(
  ctx: DeleteContext,
  top: { where: 'local' | 'server'; path: string },
  item: SyncItem,
): Promise<void> {
  const refused = ctx.fs.protocol === 'ftp' ? refusedFtpNameReason : refusedNameReason;
  const counts = { excluded: 0, refusedNames: 0 };
  const side = new Side(ctx.fs, ctx.exclude, refused, ctx.signal, counts);
  const now = await measureFolder(side, top, SYNC_LIMITS.folders);
  if (ctx.signal.aborted) throw new FerryError('cancelled', 'The synchronization was stopped.');
  const why =
    now.unreadable.length > 0
      ? 'part of it can no longer be read'
      : now.excluded > 0
        ? 'it now holds names the preview left out'
        : now.links > 0
          ? 'it now holds links, which are left alone'
          : now.files !== item.files
            ? `it now holds ${count(now.files)}, the preview showed ${count(item.files)}`
            : now.bytes !== item.bytes
              ? 'files in it have changed size'
              : undefined;
  if (why === undefined) return;
  const where = top.where === 'server' ? 'on the server' : 'on this computer';
  throw new FerryError(
    'already_exists',
    `The folder "${item.path}" ${where} has changed since the comparison (${why}): left as it is.`,
    'Compare again to see what is there now, then start the synchronization again.',
  );
}

/** A file is deleted only while its size and time are what the comparison saw. */
function mustBeWhatWasSeen(item: SyncItem, seen: SeenTarget | undefined, now: TargetNow): void {
  const changed = seen && changedSincePreview(seen, now, 'deleted');
  if (changed === undefined) return;
  throw new FerryError(
    'already_exists',
    `"${item.path}": ${changed.charAt(0).toLowerCase()}${changed.slice(1)}`,
    'Compare again to see what is there now.',
  );
}

function count(files: number): string {
  return files === 1 ? '1 file' : `${files} files`;
}

function notTheSame(item: SyncItem, where: string): FerryError {
  return new FerryError(
    'already_exists',
    `"${item.path}" is no longer a ${item.kind} on ${where}: left as it is.`,
    'Compare again to see what is there now.',
  );
}
