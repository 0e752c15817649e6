import { lstat, mkdir } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import { FerryError } from '../../../shared/errors';
import type { NameFilter } from '../../../shared/name-filter';
import type { FileEntry } from '../../../shared/types';
import { fsError } from '../local/fs-errors';
import { FolderGuard, type LocalRoot } from '../local/inside-root';
import { systemCode } from '../remote/net-errors';
import type { RemoteFs } from '../remote/remote-fs';
import { checkRemoteName, describeUnsafeReason, printableName, resolveInside } from './safe-names';
import type { FileFacts } from './types';

export interface WalkFile {
  name: string;
  source: string;
  target: string;
  relative: string;
  /** Null for links to files: their size is only known on the way. */
  facts: FileFacts | null;
  /** Set when the walk knows nothing is at `target` (see `knownAbsent`); else the job looks. */
  existing?: null;
}

export interface WalkFolder {
  source: string;
  target: string;
  relative: string;
}

/** Something the walk did not take, and why: unsafe names carry an error, links a note. */
export interface WalkSkip {
  name: string;
  source: string;
  relative: string;
  error?: FerryError;
  note?: string;
  /** The exclusion-list pattern that left it out. */
  excludedBy?: string;
}

export interface WalkResult {
  files: WalkFile[];
  folders: WalkFolder[];
  skipped: WalkSkip[];
}

export function joinRelative(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

/**
 * Makes the local folder (so empty folders arrive too) and lists the remote one. Every name
 * is checked before it becomes part of a local path, and must resolve inside `root` (the folder
 * the user chose). Links are never followed into folders: a link to a file is downloaded as a
 * file; anything else is skipped with a note, so a link loop cannot make the walk endless.
 */
export async function walkRemoteFolder(
  fs: RemoteFs,
  folder: WalkFolder,
  root: string,
  exclude?: NameFilter,
  /** The folder the walk's local writes stay in, through no link (inside-root.ts). */
  within?: LocalRoot,
): Promise<WalkResult> {
  const created = await ensureLocalFolder(folder.target, within);
  const listing = await fs.list(folder.source);
  const result: WalkResult = { files: [], folders: [], skipped: [] };
  // Names the connector refused to list as entries are reported like the ones refused here.
  for (const refused of listing.skipped ?? []) {
    const check = checkRemoteName(refused.name);
    const why = check.safe ? refused.reason : describeUnsafeReason(check.reason);
    result.skipped.push(unsafeSkip(folder, refused.name, why));
  }
  for (const entry of listing.entries) {
    const source = posix.join(folder.source, entry.name);
    const relative = joinRelative(folder.relative, entry.name);
    const check = checkRemoteName(entry.name);
    const target = check.safe ? resolveInside(root, [...relative.split('/')]) : undefined;
    if (!check.safe || target === undefined) {
      const why = check.safe
        ? 'it would leave the chosen folder'
        : describeUnsafeReason(check.reason);
      result.skipped.push(unsafeSkip(folder, entry.name, why));
      continue;
    }
    const kind = followKind(entry);
    const excludedBy = exclude?.excludes(entry.name, kind === 'folder');
    if (excludedBy !== undefined) {
      result.skipped.push(excludedSkip(relative, source, excludedBy));
      continue;
    }
    if (kind === 'folder') {
      result.folders.push({ source, target, relative });
    } else if (kind === 'file') {
      result.files.push({ name: entry.name, source, target, relative, facts: factsOf(entry) });
    } else {
      result.skipped.push({
        name: relative,
        source,
        relative,
        note:
          entry.kind === 'symlink'
            ? 'Skipped: a link to a folder (or to nothing) is not followed.'
            : 'Skipped: not a regular file.',
      });
    }
  }
  if (created) markKnownAbsent(result);
  return result;
}

/**
 * In a folder this walk has just created, nothing is at a file's target yet, so its job need
 * not look (one lstat per file). Unless another name of the listing could land on the same
 * file: disks that ignore case or Unicode normalisation (macOS, Windows) would merge "A" and
 * "a", and Windows' short names (with "~") can stand for another file. Those still look, and
 * anything written there meanwhile by someone else is a race the look could lose as well.
 */
function markKnownAbsent(result: WalkResult): void {
  const seen = new Map<string, number>();
  const names = [...result.files.map((file) => file.name), ...result.folders.map(lastName)];
  for (const name of names) seen.set(foldName(name), (seen.get(foldName(name)) ?? 0) + 1);
  for (const file of result.files) {
    if (!file.name.includes('~') && seen.get(foldName(file.name)) === 1) file.existing = null;
  }
}

function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase().toUpperCase();
}

function lastName(folder: WalkFolder): string {
  return posix.basename(folder.source);
}

/**
 * An entry the user's exclusion list leaves out: a note, not a failure. Its name is shown as the
 * other skipped rows' are (a bidirectional override in it would make it read as another).
 */
export function excludedSkip(relative: string, source: string, pattern: string): WalkSkip {
  const shown = printableName(relative);
  return {
    name: shown,
    source: printableName(source),
    relative: shown,
    note: `Left out: matches "${pattern}" in the exclusion list.`,
    excludedBy: pattern,
  };
}

/** A name the walk did not save, shown with its control characters made visible. */
function unsafeSkip(folder: WalkFolder, name: string, why: string): WalkSkip {
  const shown = printableName(joinRelative(folder.relative, name));
  return {
    name: shown,
    source: printableName(posix.join(folder.source, name)),
    relative: shown,
    error: new FerryError(
      'unsafe_name',
      `The server listed "${shown}", which Ferry did not save because ${why}.`,
      'Rename it on the server (or download it with a tool you trust) if you need it.',
    ),
  };
}

function followKind(entry: FileEntry): 'file' | 'folder' | 'other' {
  if (entry.kind === 'file' || entry.kind === 'folder') return entry.kind;
  if (entry.kind === 'symlink' && entry.targetKind === 'file') return 'file';
  return 'other';
}

function factsOf(entry: FileEntry): FileFacts | null {
  if (entry.kind !== 'file') return null;
  return { size: entry.size, modified: entry.modified, mode: entry.mode };
}

/**
 * Creates a local folder; an existing folder is fine, a link or file in its place is not.
 * Resolves true when this call created it (it was empty then).
 */
export async function ensureLocalFolder(path: string, within?: LocalRoot): Promise<boolean> {
  const guard = within && new FolderGuard(within, dirname(path));
  try {
    await guard?.check();
    await mkdir(path);
    // Made in the real folder, not through a link put in its place meanwhile.
    await guard?.check();
    return true;
  } catch (error) {
    if (error instanceof FerryError) throw error;
    if (systemCode(error) !== 'EEXIST') throw fsError(error, 'create', path);
  }
  const existing = await lstat(path).catch((error: unknown) => {
    throw fsError(error, 'create', path);
  });
  if (existing.isDirectory()) return false;
  throw new FerryError(
    'already_exists',
    existing.isSymbolicLink()
      ? `${path} is a link; Ferry does not download through links into other places.`
      : `A file named ${path} is in the way of a folder.`,
    'Rename or move it, then retry.',
  );
}
