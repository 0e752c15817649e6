/**
 * Local writes that must stay inside a chosen folder (a synchronization's, a folder download's).
 * A folder below it that someone replaced by a link (or a junction) since it was compared or
 * made would lead a write somewhere else: every folder from the root down to the one written in
 * is looked at with lstat right before the file is created, checked again with the created file
 * still open (the same folders, and this very file at its name), and once more right before the
 * finished file takes its name. Node has no openat/renameat, so this is the tightest portable
 * check: a swap would have to land and be undone between two system calls, and even then only an
 * empty, randomly named part file could end up outside — never the file's bytes.
 */
import { lstatSync, statSync, type Stats } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { FerryError } from '../../../shared/errors';
import { quickDisk } from './quick-disk';

/** The folder a job's local writes must stay in, and what it was when chosen or compared. */
export interface LocalRoot {
  path: string;
  /** Its identity then (a synchronization's preview); absent: it is what the user chose now. */
  dev?: number;
  ino?: number;
}

interface Identity {
  dev: number;
  ino: number;
}

/** A write refused because a folder on its way is a link (or not the folder it was). */
export class LinkInTheWay extends FerryError {
  constructor(
    readonly where: string,
    reading = false,
  ) {
    super(
      'forbidden',
      `${reading ? 'Not sent' : 'Not saved'}: ${where} is a link now (or no longer the folder ` +
        `it was), so the file could have ${reading ? 'come from' : 'gone'} outside the folder ` +
        'you chose.',
      'Put the real folder back in its place (or remove the link), then transfer again.',
    );
  }
}

/**
 * Whether a path `relative()` gave stays at or below its base: "..", "../x" and another drive
 * leave it; a name that only starts with two dots ("..cache") is a folder like any other.
 */
export function isBelowOrAt(rel: string): boolean {
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The root's identity as it is now, to keep with a plan (its path as the user chose it). */
export async function rootNow(path: string): Promise<LocalRoot> {
  const found = await stat(path);
  return { path, dev: found.dev, ino: found.ino };
}

/**
 * Guards one folder below a root. `check` walks root → folder (the first call notes what each
 * is; later calls require the same folders); `holds` also requires an open file at its name.
 */
export class FolderGuard {
  /** The root (when its identity is known) and each folder below it, down to `folder`. */
  private readonly paths: string[] = [];
  private readonly steps: number;
  private known: Identity[] | undefined;

  constructor(
    private readonly root: LocalRoot,
    readonly folder: string,
    /** The file is read, not written (an upload): said so in the refusal. */
    private readonly reading = false,
  ) {
    const rel = relative(root.path, folder);
    if (!isBelowOrAt(rel)) throw new LinkInTheWay(folder, reading);
    if (root.ino !== undefined) this.paths.push(root.path);
    let path = root.path;
    for (const name of rel === '' ? [] : rel.split(sep)) {
      path = join(path, name);
      this.paths.push(path);
    }
    this.steps = this.paths.length;
  }

  /** Nothing to look at: the folder is the root the user chose now. */
  get trivial(): boolean {
    return this.steps === 0;
  }

  async check(): Promise<void> {
    if (this.trivial) return;
    const seen: Identity[] = [];
    for (const [i, path] of this.paths.entries()) {
      const found = await (this.isRoot(i) ? stat : lstat)(path).catch(() => undefined);
      seen.push(this.identity(i, found));
    }
    this.compare(seen);
  }

  /**
   * `check`, run on the event loop where the folder's disk is quick (quick-disk.ts): a folder
   * download looks before every file, and thread-pool hand-offs for each lstat cost 1,000 small
   * downloads ~10% more CPU.
   */
  async checkSoon(): Promise<void> {
    if (this.trivial) return;
    await quickDisk.either(
      this.folder,
      () => this.checkNow(),
      () => this.check(),
    );
  }

  checkNow(): void {
    if (this.trivial) return;
    const seen: Identity[] = [];
    for (const [i, path] of this.paths.entries()) {
      const look = this.isRoot(i) ? statSync : lstatSync;
      seen.push(this.identity(i, look(path, { throwIfNoEntry: false })));
    }
    this.compare(seen);
  }

  /** The folders are still the same, and the file open as `file` is the one at `path`. */
  async holds(path: string, file: Identity): Promise<void> {
    if (this.trivial) return;
    await this.check();
    const there = await lstat(path).catch(() => undefined);
    if (!there || there.dev !== file.dev || there.ino !== file.ino) {
      throw this.refused(this.folder);
    }
  }

  holdsNow(path: string, file: Identity): void {
    if (this.trivial) return;
    this.checkNow();
    const there = lstatSync(path, { throwIfNoEntry: false });
    if (!there || there.dev !== file.dev || there.ino !== file.ino) {
      throw this.refused(this.folder);
    }
  }

  private refused(where: string): LinkInTheWay {
    return new LinkInTheWay(where, this.reading);
  }

  private isRoot(i: number): boolean {
    return i === 0 && this.root.ino !== undefined;
  }

  private identity(i: number, found: Stats | undefined): Identity {
    const path = this.paths[i] ?? this.folder;
    if (this.isRoot(i)) {
      // The root is followed as the user chose it, but must be the folder compared then.
      if (found === undefined || found.dev !== this.root.dev || found.ino !== this.root.ino) {
        throw this.refused(path);
      }
    } else if (found === undefined) {
      // A folder gone: the write's own "not found" says so better.
      return { dev: -1, ino: -1 };
    } else if (found.isSymbolicLink() || !found.isDirectory()) {
      throw this.refused(path);
    }
    return { dev: found.dev, ino: found.ino };
  }

  private compare(seen: Identity[]): void {
    const known = (this.known ??= seen);
    for (const [i, now] of seen.entries()) {
      const then = known[i];
      if (then === undefined || then.dev !== now.dev || then.ino !== now.ino) {
        throw this.refused(this.paths[i] ?? this.folder);
      }
    }
  }
}
