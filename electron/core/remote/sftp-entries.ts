import type { Attributes } from 'ssh2';
import type { EntryKind, FileEntry } from '../../../shared/types';

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

export function kindOf(mode: number): EntryKind {
  switch (mode & S_IFMT) {
    case S_IFDIR:
      return 'folder';
    case S_IFREG:
      return 'file';
    case S_IFLNK:
      return 'symlink';
    default:
      return 'other';
  }
}

/**
 * Owner and group names from an `ls -l`-style long name (OpenSSH sends one with every entry;
 * the attributes carry only numeric ids).
 */
export function ownerAndGroup(longname: string): { owner: string; group: string } | undefined {
  const match = /^[-a-zA-Z?][-rwxsStTlL@+.]{9}\S*\s+\d+\s+(\S+)\s+(\S+)\s/.exec(longname);
  return match?.[1] && match[2] ? { owner: match[1], group: match[2] } : undefined;
}

export function toFileEntry(name: string, attrs: Attributes, longname?: string): FileEntry {
  const kind = kindOf(attrs.mode);
  const names = longname ? ownerAndGroup(longname) : undefined;
  const entry: FileEntry = {
    name,
    kind,
    // A folder's "size" is the server's bookkeeping (4096 and the like), not content.
    size: kind === 'folder' ? 0 : attrs.size,
    modified: attrs.mtime ? attrs.mtime * 1000 : null,
    mode: attrs.mode & 0o7777,
    hidden: name.startsWith('.'),
  };
  entry.owner = names?.owner ?? String(attrs.uid);
  entry.group = names?.group ?? String(attrs.gid);
  return entry;
}
