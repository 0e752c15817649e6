import { readFile } from 'node:fs/promises';
import { FerryError } from '../../../shared/errors';

export interface JsonListStoreOptions<Entry> {
  filePath: string;
  /** The property holding the entries: the file is `{ "version": 1, "<listKey>": [...] }`. */
  listKey: string;
  /** Accepts one well-formed entry; one bad entry makes the whole file count as damaged. */
  isEntry: (value: unknown) => value is Entry;
  /** What the file lists, for messages: "trusted servers" → "Ferry's list of trusted servers". */
  listName: string;
  /** What happens once the user moves a damaged file aside (completes the hint). */
  afterReset: string;
}

/**
 * A list of trust decisions in a small JSON file (mode 0600, replaced atomically). Every read goes
 * to the file, so the CLI and the app can share it; read-modify-write cycles are serialised within
 * this process. A damaged file is refused with `store_corrupt`, never overwritten: rewriting it
 * would silently forget every decision the user made.
 */
export class JsonListStore<Entry> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: JsonListStoreOptions<Entry>) {}

  async read(): Promise<Entry[]> {
    const { filePath, listName, afterReset } = this.options;
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new FerryError(
        'store_corrupt',
        `Ferry could not read its list of ${listName} (${filePath}).`,
        'Check that the file is readable by you.',
        { cause: error },
      );
    }
    const entries = this.parse(text);
    if (!entries) {
      throw new FerryError(
        'store_corrupt',
        `Ferry's list of ${listName} is damaged (${filePath}).`,
        `Move the file aside to start a fresh list; ${afterReset}`,
      );
    }
    return entries;
  }

  modify(change: (entries: Entry[]) => Entry[]): Promise<void> {
    const { filePath, listKey } = this.options;
    const next = this.queue.then(async () => {
      const file = { version: 1, [listKey]: change(await this.read()) };
      // Loaded on first write: most runs (every `ferry get/put` with a known server) only read.
      const { default: writeFileAtomic } = await import('write-file-atomic');
      await writeFileAtomic(filePath, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private parse(text: string): Entry[] | undefined {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (typeof data !== 'object' || data === null) return undefined;
    const record = data as Record<string, unknown>;
    const entries = record[this.options.listKey];
    if (record.version !== 1 || !Array.isArray(entries)) return undefined;
    return entries.every(this.options.isEntry) ? (entries as Entry[]) : undefined;
  }
}
