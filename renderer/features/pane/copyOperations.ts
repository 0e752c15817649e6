/** "Copy path" and "Copy URL" of the chosen items. Part of the pane store. */
import type { StoreApi } from 'zustand/vanilla';
import { copyLines } from './copyPaths';
import type { PaneState } from './paneStore';
import { joinPath } from './paths';
import { errorInfoOf, type PaneSource } from './source';

export interface CopyOperations {
  /** Whether items have an address to copy (a server's), besides their path. */
  readonly copiesUrls: boolean;
  /** Puts the items' paths (or addresses) on the clipboard, one a line. */
  copyPaths(kind: 'path' | 'url', names: readonly string[]): Promise<void>;
}

export function createCopyOperations(
  source: PaneSource,
  store: { get: StoreApi<PaneState>['getState']; set: StoreApi<PaneState>['setState'] },
): CopyOperations {
  return {
    copiesUrls: source.urlOf !== undefined,
    async copyPaths(kind, names) {
      const here = store.get().path;
      if (here === null || names.length === 0) return;
      const paths = names.map((name) => joinPath(here, name));
      const urlOf = source.urlOf;
      try {
        await copyLines(kind === 'url' && urlOf ? paths.map((p) => urlOf(p)) : paths);
      } catch (error) {
        store.set({ error: errorInfoOf(error) });
      }
    },
  };
}
