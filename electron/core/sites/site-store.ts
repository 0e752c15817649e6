/**
 * Reads and writes `sites.json` in the data folder. Every change takes the file's cross-process
 * lock, re-reads the file and applies one operation to it (so two windows, or the app and the
 * `ferry` command, editing at once never lose each other's change), then writes atomically, after copying the previous good version to `sites.backup.json`. A file that
 * cannot be read is never overwritten: the store reports it and waits for the user's decision.
 */
import { readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DamagedStore } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { SerialQueue } from '../secrets/secret-file';
import { removeStaleTemps, writeFileAtomic, type AtomicWriteOptions } from './atomic-file';
import { checkedDocument } from './document-check';
import { withFileLock, type HeldLock } from './file-lock';
import {
  emptyDocument,
  parseSitesFile,
  serialiseSites,
  type ParseResult,
  type SitesDocument,
} from './document';

export const SITES_FILE = 'sites.json';
export const BACKUP_FILE = 'sites.backup.json';

export type StoreState =
  | {
      ok: true;
      document: SitesDocument;
      /** the file's text as read; absent if none yet */ raw?: string;
    }
  | { ok: false; damaged: DamagedStore };

const DAMAGE_WORDS: Record<DamagedStore['reason'], string> = {
  corrupt: 'Your saved sites file is damaged and Ferry cannot read it.',
  'newer-version':
    'Your saved sites file was written by a newer version of Ferry. This version will not change it.',
  missing: 'Your saved sites file is missing, but a backup copy of it exists.',
};

export class SiteStore {
  readonly file: string;
  readonly backupFile: string;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly dataDir: string,
    /** Test seam: lets a test crash the process between write and rename. */
    private readonly writeOptions: AtomicWriteOptions = {},
  ) {
    this.file = join(dataDir, SITES_FILE);
    this.backupFile = join(dataDir, BACKUP_FILE);
  }

  async read(): Promise<StoreState> {
    await removeStaleTemps(this.file);
    const raw = await readText(this.file);
    if (raw === undefined) {
      const backup = await this.describeBackup();
      return backup
        ? { ok: false, damaged: this.damaged('missing', backup) }
        : { ok: true, document: emptyDocument() };
    }
    const parsed = parseSitesFile(raw);
    if (parsed.ok) return { ok: true, document: parsed.document, raw };
    return { ok: false, damaged: this.damaged(parsed.reason, await this.describeBackup()) };
  }

  /**
   * Applies `change` to the current file and saves it; refuses while the file is damaged, and
   * refuses (invalid_input, file untouched) a result the file could not read back.
   */
  update<T>(change: (document: SitesDocument) => T): Promise<T> {
    return this.locked(async (lock) => {
      const state = await this.read();
      if (!state.ok) {
        throw damagedStoreError(state.damaged);
      }
      const result = change(state.document);
      await this.write(checkedDocument(state.document), state.raw, lock);
      return result;
    });
  }

  /** The user's answer to a damaged file. The damaged file is kept beside, never deleted. */
  recover(action: 'restore-backup' | 'start-fresh'): Promise<void> {
    return this.locked(async (lock) => {
      const state = await this.read();
      if (state.ok) return;
      let document = emptyDocument();
      if (action === 'restore-backup') {
        const backup = await this.readBackup();
        if (!backup?.ok) {
          throw new FerryError(
            'store_corrupt',
            'There is no readable backup copy of your sites.',
            'Start a new list; the damaged file stays in the data folder.',
          );
        }
        document = backup.document;
      }
      if (state.damaged.reason !== 'missing') {
        await rename(this.file, join(this.dataDir, `sites.damaged-${Date.now()}.json`));
      }
      await writeFileAtomic(this.file, serialiseSites(document), this.commitOptions(lock));
    });
  }

  /** One change at a time in this process (the queue) and across processes (the lock file). */
  private locked<T>(task: (lock: HeldLock) => Promise<T>): Promise<T> {
    return this.queue.run(() => withFileLock(this.file, task));
  }

  private async write(
    document: SitesDocument,
    previousRaw: string | undefined,
    lock: HeldLock,
  ): Promise<void> {
    // The version being replaced parsed correctly, so it is the "last good copy".
    if (previousRaw !== undefined) await writeFileAtomic(this.backupFile, previousRaw);
    await writeFileAtomic(this.file, serialiseSites(document), this.commitOptions(lock));
  }

  /** The rename commits the change: only while the lock is still ours. */
  private commitOptions(lock: HeldLock): AtomicWriteOptions {
    return {
      ...this.writeOptions,
      beforeRename: async (temp) => {
        await lock.assertHeld();
        await this.writeOptions.beforeRename?.(temp);
      },
    };
  }

  private async readBackup(): Promise<ParseResult | undefined> {
    const raw = await readText(this.backupFile);
    return raw === undefined ? undefined : parseSitesFile(raw);
  }

  private async describeBackup(): Promise<DamagedStore['backup']> {
    const parsed = await this.readBackup();
    if (!parsed?.ok) return undefined;
    const { mtimeMs } = await stat(this.backupFile);
    return {
      file: this.backupFile,
      sites: parsed.document.sites.length,
      folders: parsed.document.folders.length,
      savedAt: mtimeMs,
    };
  }

  private damaged(reason: DamagedStore['reason'], backup: DamagedStore['backup']): DamagedStore {
    const base = { reason, message: DAMAGE_WORDS[reason], file: this.file };
    return backup ? { ...base, backup } : base;
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FerryError(
      'store_corrupt',
      `Ferry could not read ${path}.`,
      'Check that the file is readable by you.',
      { cause: error },
    );
  }
}

/** A damaged sites file, refused with the way out the site manager offers. */
export function damagedStoreError(damaged: DamagedStore): FerryError {
  return new FerryError(
    'store_corrupt',
    damaged.message,
    'Open the site manager to restore the last good copy or start a new list.',
  );
}
