/**
 * Notices of change under a local folder: one non-recursive `fs.watch` (inotify on Linux) per
 * folder, each added as the folder is found. Node's own recursive watch is not used: it follows
 * links, so a link to `/` would have it watch the whole disk. Links are never entered here.
 * Where the system gives no more watches (inotify's limit) or none at all, it says so once
 * (`polling`) and the owner scans the folder every few seconds instead.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export interface WatcherEvents {
  /** Something changed at this path (relative, "/" between names), or inside it. */
  changed(relative: string): void;
  /** The system's notices stopped working: the owner should scan instead. */
  polling(): void;
}

export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private closed = false;
  private failed = false;

  constructor(
    private readonly root: string,
    private readonly events: WatcherEvents,
  ) {}

  get isPolling(): boolean {
    return this.failed;
  }

  /** Watches the folder at `relative` ("" for the root); fine if it is watched already. */
  add(relative: string): void {
    if (this.closed || this.failed || this.watchers.has(relative)) return;
    const absolute = relative === '' ? this.root : join(this.root, ...relative.split('/'));
    let watcher: FSWatcher;
    try {
      watcher = watch(absolute, { persistent: false, encoding: 'utf8' }, (_type, name) => {
        // No name: the system did not say what changed, so the whole folder is looked at.
        if (name === null || name === '') this.events.changed(relative);
        else this.events.changed(relative === '' ? name : `${relative}/${name}`);
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Gone already (a folder made and removed at once): its parent's notice covers it.
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      this.fail(); // ENOSPC (out of watches), EMFILE, EPERM…
      return;
    }
    watcher.on('error', () => {
      // A watched folder deleted ends its watch; the parent's notice says it went.
      this.remove(relative);
      this.events.changed(relative);
    });
    this.watchers.set(relative, watcher);
  }

  /** Stops watching the folder at `relative` and every folder below it. */
  remove(relative: string): void {
    const below = relative === '' ? '' : `${relative}/`;
    for (const [path, watcher] of this.watchers) {
      if (path === relative || path.startsWith(below)) {
        watcher.close();
        this.watchers.delete(path);
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    this.events.polling();
  }
}

/** A relative path ("a/b.txt") as a path under `root` on this system. */
export function localPathIn(root: string, relative: string): string {
  return relative === '' ? root : join(root, ...relative.split('/'));
}
