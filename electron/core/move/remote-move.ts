/**
 * Moves server items into another folder of the same server: one RENAME each (SFTP RENAME,
 * FTP RNFR/RNTO). A file that replaces another (the user said "Replace") never leaves the user
 * without one of the two: the old file is first renamed aside, and renamed back when the move
 * fails (unlike RemoteFs.replaceFile, which may delete the old file first).
 */
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { MovedItem, MoveResult } from '../../../shared/contract/move';
import { FerryError } from '../../../shared/errors';
import type { RemoteFs } from '../remote/remote-fs';
import { isSelfOrParent, refusedFtpNameReason } from '../remote/server-names';
import {
  folderClash,
  folderLike,
  gone,
  moveAll,
  planStep,
  type MoveStep,
  type ReadyStep,
} from './move-rules';

export interface MoveInput {
  paths: readonly string[];
  folder: string;
  /** Items (as given in `paths`) whose clash the user answered "Replace". */
  replace: readonly string[];
}

const normal = (path: string) => posix.normalize(path).replace(/(.)\/+$/, '$1');

export async function moveRemote(fs: RemoteFs, input: MoveInput): Promise<MoveResult> {
  const folder = normal(input.folder);
  await mustBeFolder(fs, folder);
  const replace = new Set(input.replace);
  const items = await moveAll(input.paths, {
    async check(given) {
      const from = normal(given);
      const name = posix.basename(from);
      // The path came from a listing the page shows; still, a name is data, never a path.
      const refused = isSelfOrParent(name)
        ? 'it names a folder itself'
        : refusedFtpNameReason(name);
      if (refused !== undefined) {
        throw new FerryError('unsafe_name', `"${name}" cannot be moved: ${refused}.`);
      }
      const step = planStep(given, from, folder, posix);
      if (step === 'unchanged') return { from: given, outcome: 'unchanged' };
      return checkStep(fs, step, folder, replace.has(given));
    },
    take: (step) => takeStep(fs, step, folder),
  });
  return { items };
}

async function mustBeFolder(fs: RemoteFs, folder: string): Promise<void> {
  const entry = await fs.stat(folder);
  if (entry === null) {
    throw new FerryError(
      'not_found',
      `The folder ${folder} does not exist on the server.`,
      'Check the path, or create the folder first.',
    );
  }
  if (!folderLike(entry.kind, entry.targetKind)) {
    throw new FerryError('not_a_folder', `${folder} is a file, not a folder.`, 'Pick a folder.');
  }
}

async function checkStep(
  fs: RemoteFs,
  step: MoveStep,
  folder: string,
  replace: boolean,
): Promise<MovedItem | ReadyStep> {
  const source = await fs.stat(step.from);
  if (source === null) throw gone(step.from);
  const existing = await fs.stat(step.to);
  if (existing === null) return { ...step, replace: false };
  const existingFacts = { folderLike: folderLike(existing.kind, existing.targetKind) };
  if (existingFacts.folderLike || folderLike(source.kind, source.targetKind)) {
    throw folderClash(step.name, folder, existingFacts);
  }
  if (!replace) return { from: step.given, outcome: 'clash', to: step.to };
  return { ...step, replace: true };
}

async function takeStep(fs: RemoteFs, step: ReadyStep, folder: string): Promise<MovedItem> {
  // Some FTP servers replace silently on rename: look again just before, on every protocol
  // (checking all items first took time).
  const existing = await fs.stat(step.to);
  if (existing === null) {
    await fs.rename(step.from, step.to).catch((error: unknown) => {
      throw inMoveWords(error, step, folder);
    });
    return { from: step.given, outcome: 'moved', to: step.to };
  }
  if (!step.replace) return { from: step.given, outcome: 'clash', to: step.to };
  if (folderLike(existing.kind, existing.targetKind)) {
    throw folderClash(step.name, folder, { folderLike: true });
  }
  const leftover = await replaceAside(fs, step, folder);
  const note =
    leftover === null
      ? undefined
      : `The file it replaced could not be deleted and is now named ${leftover} in ${folder}.`;
  return { from: step.given, outcome: 'moved', to: step.to, ...(note ? { note } : {}) };
}

/**
 * Renames the old file aside, moves the new one in, then deletes the old one. Answers the old
 * one's name when the server would not delete it, else null.
 */
async function replaceAside(fs: RemoteFs, step: MoveStep, folder: string): Promise<string | null> {
  const aside = posix.join(folder, `.ferry-replaced-${randomBytes(6).toString('hex')}`);
  await fs.rename(step.to, aside);
  try {
    await fs.rename(step.from, step.to).catch((error: unknown) => {
      throw inMoveWords(error, step, folder);
    });
  } catch (error) {
    await fs.rename(aside, step.to).catch((undo: unknown) => {
      throw new FerryError(
        'internal',
        `"${step.name}" was not moved, and the file it was to replace is now named ${posix.basename(aside)} in ${folder}.`,
        `Rename ${posix.basename(aside)} back to "${step.name}" (the server refused: ${messageOf(undo)}).`,
        { cause: error },
      );
    });
    throw error;
  }
  return fs.deleteFile(aside).then(
    () => null,
    () => posix.basename(aside),
  );
}

/** A refused RENAME is a refused move to the user: say it so, keeping the server's hint. */
function inMoveWords(error: unknown, step: MoveStep, folder: string): unknown {
  if (!(error instanceof FerryError) || error.code !== 'permission_denied') return error;
  return new FerryError(
    'permission_denied',
    `The server does not allow you to move "${step.name}" from ${posix.dirname(step.from)} to ${folder}.`,
    error.hint ?? 'Ask the server’s administrator for write access to both folders.',
    { cause: error },
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'no reason given';
}
