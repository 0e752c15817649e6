/**
 * For tests of what a page keeps across a reload, in Node: a sessionStorage kept in memory, and
 * a "reload" that forgets every module (so the stores start again, as a new page's do) while
 * sessionStorage stays, as a browser's does.
 */
import { vi } from 'vitest';

export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  /** Everything kept, as one text (to check what never lands there). */
  dump(): string {
    return JSON.stringify([...this.items]);
  }
}

/** Gives this test file's "page" a sessionStorage; answers it. */
export function installSessionStorage(): MemoryStorage {
  const storage = new MemoryStorage();
  Object.assign(globalThis, { sessionStorage: storage });
  return storage;
}

/**
 * The page reloads: it is hidden first (pageId.ts unmarks itself as live then), and its modules
 * start again. Import the stores again afterwards (`await import(...)`).
 */
export function reloadPage(storage: MemoryStorage): void {
  storage.removeItem('ferry.page.live');
  vi.resetModules();
}
