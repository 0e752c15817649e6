import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { DEFAULT_SETTINGS, settingsShape, type Settings } from '../../../shared/contract/settings';
import { FerryError } from '../../../shared/errors';

export const SETTINGS_FILE = 'settings.json';

type Listener = (settings: Settings) => void;

/**
 * The user's preferences in `settings.json` in the data folder. Reading is forgiving: a field
 * that is missing or invalid (an older or hand-edited file) falls back to its default alone, so
 * one bad value never resets the others. Writes are atomic.
 */
export class SettingsStore {
  private current: Settings | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<Listener>();
  readonly filePath: string;

  constructor(dataDir: string) {
    this.filePath = join(dataDir, SETTINGS_FILE);
  }

  async get(): Promise<Settings> {
    this.current ??= await this.load();
    return { ...this.current };
  }

  /** Applies an already-validated change and stores it; returns the new settings. */
  update(patch: Partial<Settings>): Promise<Settings> {
    const next = this.queue.then(async () => {
      const merged = settingsShape.parse({ ...(await this.get()), ...patch });
      try {
        await writeFileAtomic(this.filePath, `${JSON.stringify(merged, null, 2)}\n`, {
          mode: 0o600,
        });
      } catch (error) {
        throw new FerryError(
          'internal',
          `Ferry could not save your settings to ${this.filePath}.`,
          'Check that the folder exists and that you can write to it.',
          { cause: error },
        );
      }
      this.current = merged;
      for (const listener of this.listeners) listener({ ...merged });
      return { ...merged };
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async load(): Promise<Settings> {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(this.filePath, 'utf8'));
    } catch {
      // Missing or unreadable: every field takes its default.
      return { ...DEFAULT_SETTINGS };
    }
    return mergeWithDefaults(data);
  }
}

/** Keeps every valid field of `data` and fills the rest with defaults. */
export function mergeWithDefaults(data: unknown): Settings {
  const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (typeof data === 'object' && data !== null) {
    const record = data as Record<string, unknown>;
    for (const [key, schema] of Object.entries(settingsShape.shape)) {
      const parsed = schema.safeParse(record[key]);
      if (parsed.success) result[key] = parsed.data;
    }
  }
  return settingsShape.parse(result);
}
