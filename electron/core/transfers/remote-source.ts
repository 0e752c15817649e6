import { posix } from 'node:path';
import type { FileEntry } from '../../../shared/types';
import { notFoundOnServer } from '../remote/not-found';
import type { RemoteFs } from '../remote/remote-fs';
import type { FileFacts } from './types';

/** Looks at a remote source the user picked: a folder, or a file and its facts. */
export async function learnRemoteSource(
  fs: RemoteFs,
  path: string,
  known?: FileEntry,
): Promise<'folder' | { facts: FileFacts; size: number | null }> {
  const entry = known ?? (await fs.stat(path));
  if (entry === null) {
    throw notFoundOnServer(path);
  }
  if (entry.kind === 'folder') return 'folder';
  if (entry.kind === 'symlink') {
    // The user picked this link: follow it once. Walks below it never follow links.
    if (entry.targetKind === 'folder') return 'folder';
    if (
      entry.targetKind === undefined &&
      (await fs.list(path).then(
        () => true,
        () => false,
      ))
    ) {
      return 'folder';
    }
    // Its size is only known on the way; no size check for it.
    return { facts: { size: 0, modified: null, mode: null }, size: null };
  }
  const facts = factsOfEntry(entry);
  // FTP's SIZE/MDTM say nothing of permissions: the parent's listing does (a 0600 file must
  // not arrive readable by everyone).
  if (facts.mode === null && fs.protocol === 'ftp') facts.mode = await modeFromParent(fs, path);
  return { facts, size: entry.size };
}

async function modeFromParent(fs: RemoteFs, path: string): Promise<number | null> {
  // STAT first where there is one (no data connection); the listing when it cannot tell.
  const asked = fs.modeOf ? await fs.modeOf(path).catch(() => null) : null;
  if (asked !== null) return asked;
  const listing = await fs.list(posix.dirname(path)).catch(() => undefined);
  const name = posix.basename(path);
  const listed = listing?.entries.find((entry) => entry.name === name && entry.kind === 'file');
  return listed?.mode ?? null;
}

export function factsOfEntry(entry: FileEntry): FileFacts {
  return { size: entry.size, modified: entry.modified, mode: entry.mode };
}
