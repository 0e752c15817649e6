/**
 * Moves items of this computer into another folder of it by fs.rename. Within one drive that is
 * one step and a replaced file is swapped atomically (the old one is gone only once the new one
 * is in its place). Across drives (EXDEV) the item is copied, checked and only then removed
 * (`cross-drive.ts`): a failed or stopped move leaves the original whole and no partial copy.
 */
import { lstat, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { MovedItem, MoveResult } from '../../../shared/contract/move';
import type { FerryError } from '../../../shared/errors';
import { fsError } from '../local/fs-errors';
import { absolutePath } from '../local/local-fs';
import { systemCode } from '../remote/net-errors';
import { moveAcrossDrives, type CrossDriveOptions } from './cross-drive';
import {
  folderClash,
  gone,
  intoItself,
  moveAll,
  planStep,
  type MoveStep,
  type ReadyStep,
} from './move-rules';
import type { MoveInput } from './remote-move';

type Stats = Awaited<ReturnType<typeof lstat>>;

async function lstatOrNull(at: string): Promise<Stats | null> {
  try {
    return await lstat(at);
  } catch (error) {
    if (systemCode(error) === 'ENOENT') return null;
    throw fsError(error, 'move', at);
  }
}

/** A folder, or a link to one (followed, as the pane opens it). */
async function isFolder(at: string, own: Stats): Promise<boolean> {
  if (own.isDirectory()) return true;
  if (!own.isSymbolicLink()) return false;
  return (await stat(at).catch(() => null))?.isDirectory() ?? false;
}

export async function moveLocal(
  input: MoveInput,
  options: CrossDriveOptions = {},
): Promise<MoveResult> {
  const folder = absolutePath(input.folder);
  const target = await lstatOrNull(folder);
  if (target === null) throw fsError({ code: 'ENOENT' }, 'open', folder);
  if (!(await isFolder(folder, target))) throw fsError({ code: 'ENOTDIR' }, 'open', folder);
  const replace = new Set(input.replace);
  const items = await moveAll(input.paths, {
    async check(given) {
      const step = planStep(given, absolutePath(given), folder, path);
      if (step === 'unchanged') return { from: given, outcome: 'unchanged' };
      return checkStep(step, folder, replace.has(given));
    },
    take: (step) => takeStep(step, folder, options),
  });
  return { items };
}

async function checkStep(
  step: MoveStep,
  folder: string,
  replace: boolean,
): Promise<MovedItem | ReadyStep> {
  const source = await lstatOrNull(step.from);
  if (source === null) throw gone(step.from);
  const existing = await lstatOrNull(step.to);
  if (existing === null) return { ...step, replace: false };
  const facts = { folderLike: await isFolder(step.to, existing) };
  if (facts.folderLike || (await isFolder(step.from, source))) {
    throw folderClash(step.name, folder, facts);
  }
  if (!replace) return { from: step.given, outcome: 'clash', to: step.to };
  return { ...step, replace: true };
}

async function takeStep(
  step: ReadyStep,
  folder: string,
  options: CrossDriveOptions,
): Promise<MovedItem> {
  // Look again just before: checking all items first took time. Node has no
  // rename-without-replace, so this leaves only a tiny window for a race.
  const existing = await lstatOrNull(step.to);
  if (existing !== null) {
    if (!step.replace) return { from: step.given, outcome: 'clash', to: step.to };
    if (await isFolder(step.to, existing))
      throw folderClash(step.name, folder, { folderLike: true });
  }
  // Within one drive, rename swaps a replaced file in one step: no moment without either file.
  try {
    await rename(step.from, step.to);
  } catch (error) {
    if (systemCode(error) !== 'EXDEV') throw moveError(error, step);
    const { note } = await moveAcrossDrives(step.from, step.to, step.replace, options);
    return { from: step.given, outcome: 'moved', to: step.to, ...(note ? { note } : {}) };
  }
  return { from: step.given, outcome: 'moved', to: step.to };
}

function moveError(error: unknown, step: MoveStep): FerryError {
  switch (systemCode(error)) {
    case 'EINVAL':
      // A link that leads into the moved folder itself: the system refuses, as Ferry does.
      return intoItself(step.name);
    default:
      return fsError(error, 'move', step.from);
  }
}
