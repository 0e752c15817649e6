/**
 * What FTP listing links lead to. LIST shows a link and the text it points to, not what is
 * there; a recursive download needs to know whether a link leads to a file (downloaded as one)
 * or not (never followed). A link to a name in the same folder is read off the listing itself;
 * any other is asked about with one SIZE (answered for regular files only, links followed).
 */
import { posix } from 'node:path';
import type { FileEntry } from '../../../shared/types';
import { ask } from './ftp-ops-read';
import { childPath } from './ftp-paths';
import { parseSizeReply } from './ftp-list';
import type { CallContext } from './ftp-session';

/** Fills `targetKind` of the links among `entries` (listed in `folder`) where it can be known. */
export async function describeLinks(
  context: CallContext,
  folder: string,
  entries: FileEntry[],
): Promise<void> {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  for (const link of entries) {
    if (link.kind !== 'symlink') continue;
    const sibling = siblingTarget(link, byName);
    if (sibling === 'file' || sibling === 'folder') {
      link.targetKind = sibling;
    } else if (context.features.has('SIZE')) {
      const reply = await ask(context.client, `SIZE ${childPath(folder, link.name)}`);
      if (reply.code === 213 && parseSizeReply(reply.message) !== undefined) {
        link.targetKind = 'file';
      }
    }
  }
}

/** The kind of what a link names in its own folder ("x", "./x", "."); undefined otherwise. */
function siblingTarget(
  link: FileEntry,
  byName: ReadonlyMap<string, FileEntry>,
): FileEntry['kind'] | undefined {
  if (link.target === undefined || link.target.startsWith('/')) return undefined;
  const name = posix.normalize(link.target);
  if (name === '.' || name === '..') return 'folder';
  if (name.includes('/')) return undefined;
  return byName.get(name)?.kind;
}
