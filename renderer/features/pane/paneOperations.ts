/** What a pane does to files: open, new folder, rename, delete. Part of the pane store. */
import type { StoreApi } from 'zustand/vanilla';
import type { ErrorInfo } from '../../../shared/errors';
import type { FileEntry } from '../../../shared/types';
import { opensAsFolder } from './format';
import type { PaneState } from './paneStore';
import { joinPath } from './paths';
import { targets } from './selection';
import { errorInfoOf, type PaneSource } from './source';

export interface PaneOperations {
  /** Opens a folder (or a link to one). Answers the entry when it is a file, for the caller. */
  open(name: string): Promise<FileEntry | null>;
  /** The entries actions apply to: the selection, else the focused entry. */
  targetNames(): string[];
  startRename(name?: string): void;
  cancelRename(): void;
  commitRename(newName: string): Promise<void>;
  askNewFolder(): void;
  /** Answers an error for the dialog to show, or null once the folder exists. */
  createFolder(name: string): Promise<ErrorInfo | null>;
  askDelete(): void;
  confirmDelete(): Promise<void>;
}

interface StoreAccess {
  get: StoreApi<PaneState>['getState'];
  set: StoreApi<PaneState>['setState'];
  load(path: string, how: 'push' | 'stay', focus?: string): Promise<boolean>;
}

/** Why a name cannot be used, in plain words; null when it can. Mirrors the contract's rule. */
export function nameProblem(name: string): ErrorInfo | null {
  const hint = 'Pick a name without / or \\, and not "." or "..".';
  if (name.trim() === '') return { code: 'invalid_input', message: 'Type a name.', hint };
  if (/[/\\\0]/.test(name) || name === '.' || name === '..') {
    return { code: 'invalid_input', message: `"${name}" cannot be used as a name.`, hint };
  }
  if (name.length > 255) {
    return {
      code: 'invalid_input',
      message: 'That name is too long.',
      hint: 'Use a shorter name.',
    };
  }
  return null;
}

export function createOperations(source: PaneSource, store: StoreAccess): PaneOperations {
  const { get, set, load } = store;
  const here = () => get().path;
  const targetNames = () => targets(get().selection, get().names);

  return {
    async open(name) {
      const state = get();
      const entry = state.entries.find((e) => e.name === name);
      if (!entry || state.path === null) return null;
      if (!opensAsFolder(entry)) return entry;
      await load(joinPath(state.path, name), 'push');
      return null;
    },

    targetNames,

    startRename(name) {
      const target = name ?? get().selection.focus ?? targetNames()[0];
      if (target !== undefined && target !== null) set({ renaming: target, menu: null });
    },

    cancelRename: () => set({ renaming: null }),

    async commitRename(newName) {
      const { renaming: oldName, path } = get();
      set({ renaming: null });
      if (oldName === null || path === null || newName === oldName) return;
      const problem = nameProblem(newName);
      if (problem) return void set({ error: problem });
      try {
        await source.rename(joinPath(path, oldName), newName);
        await load(path, 'stay', newName);
      } catch (error) {
        set({ error: errorInfoOf(error) });
      }
    },

    askNewFolder: () => set({ dialog: { kind: 'new-folder' }, menu: null }),

    async createFolder(name) {
      const path = here();
      if (path === null) return null;
      const problem = nameProblem(name);
      if (problem) return problem;
      try {
        await source.mkdir(path, name);
      } catch (error) {
        return errorInfoOf(error);
      }
      set({ dialog: null });
      await load(path, 'stay', name);
      return null;
    },

    askDelete() {
      const names = targetNames();
      if (names.length > 0) set({ dialog: { kind: 'delete', names }, menu: null });
    },

    async confirmDelete() {
      const { dialog, path, names: order } = get();
      set({ dialog: null });
      if (dialog?.kind !== 'delete' || path === null) return;
      // Keep the keyboard near where it was: on the first survivor after the deleted items.
      const gone = new Set(dialog.names);
      const lastIndex = Math.max(...dialog.names.map((n) => order.indexOf(n)));
      const after =
        order.slice(lastIndex + 1).find((n) => !gone.has(n)) ??
        [...order].reverse().find((n) => !gone.has(n));
      try {
        await source.delete(dialog.names.map((n) => joinPath(path, n)));
      } catch (error) {
        set({ error: errorInfoOf(error) });
      }
      await load(path, 'stay', after);
    },
  };
}
