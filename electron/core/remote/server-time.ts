/**
 * A site's "Adjust server time" on a transfer connection, as FileZilla applies it to every time
 * that crosses the wire: the offset is added to the times the server reports (so a download keeps
 * the time the file list shows, and the "newer" rule compares real moments) and taken off the
 * times Ferry sets there (so an upload lists with the local file's time). The offset is read at
 * each call: a site edited while connected applies from the next file on.
 */
import type { FileEntry, Listing } from '../../../shared/types';
import type { RemoteFs, SmallFileAttributes } from './remote-fs';

const MINUTE = 60_000;

function shifted(entry: FileEntry, byMs: number): FileEntry {
  return entry.modified === null ? entry : { ...entry, modified: entry.modified + byMs };
}

/** `fs` with its times moved by `offsetMinutes()` (0: `fs` behaves exactly as it is). */
export function withServerTimeOffset(fs: RemoteFs, offsetMinutes: () => number): RemoteFs {
  const overrides: Partial<RemoteFs> = {
    async list(path: string): Promise<Listing> {
      const by = offsetMinutes() * MINUTE;
      const listing = await fs.list(path);
      return by === 0
        ? listing
        : { ...listing, entries: listing.entries.map((entry) => shifted(entry, by)) };
    },
    async stat(path: string): Promise<FileEntry | null> {
      const by = offsetMinutes() * MINUTE;
      const entry = await fs.stat(path);
      return entry === null || by === 0 ? entry : shifted(entry, by);
    },
    setModified(path: string, modified: Date): Promise<boolean> {
      return fs.setModified(path, new Date(modified.getTime() - offsetMinutes() * MINUTE));
    },
  };
  if (fs.writeSmall) {
    const writeSmall = fs.writeSmall.bind(fs);
    overrides.writeSmall = (path: string, data: Buffer, attributes: SmallFileAttributes) => {
      const { modified } = attributes;
      const by = offsetMinutes() * MINUTE;
      return writeSmall(
        path,
        data,
        modified === null || by === 0
          ? attributes
          : { ...attributes, modified: new Date(modified.getTime() - by) },
      );
    };
  }
  // Everything else is the connection's own (bound to it, so its private state stays its own).
  return new Proxy(fs, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof RemoteFs];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
