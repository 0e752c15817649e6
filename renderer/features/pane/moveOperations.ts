/**
 * Moving a pane's items into another folder of the same side: a drop onto a folder row or a
 * breadcrumb, or "Move to…" (Shift+F6). The core moves what it can and reports clashes; the
 * pane asks about each (Replace / Skip / Cancel, optionally for all), sends the answers, then
 * lists the folder again and says in one notice what did not move. Part of the pane store.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { MovedItem, MoveResult } from '../../../shared/contract/move';
import type { ErrorInfo } from '../../../shared/errors';
import { isAbsoluteFolder, moveSummary, type ClashAnswer } from './moveWords';
import type { PaneState } from './paneStore';
import { expandTyped, joinPath, parentPath } from './paths';
import { errorInfoOf, type PaneSource } from './source';

export interface MoveOperations {
  /** Opens "Move to…" for the selected items (or the focused one). */
  askMoveTo(): void;
  /** The dialog's folder; answers a problem for the dialog to show, or null once it is done. */
  moveToTyped(typed: string): Promise<ErrorInfo | null>;
  /** Moves these paths of the pane's folder into `folder` (a drop); problems go to the pane. */
  moveInto(paths: string[], folder: string): Promise<void>;
  /** The answer to the clash question on screen. */
  answerClash(answer: ClashAnswer): void;
}

interface StoreAccess {
  get: StoreApi<PaneState>['getState'];
  set: StoreApi<PaneState>['setState'];
  load(path: string, how: 'push' | 'stay', focus?: string): Promise<boolean>;
  targetNames(): string[];
}

export function createMoveOperations(source: PaneSource, store: StoreAccess): MoveOperations {
  const { get, set, load } = store;
  let answer: ((answer: ClashAnswer) => void) | null = null;

  function ask(clash: MovedItem, folder: string, others: number): Promise<ClashAnswer> {
    return new Promise((resolve) => {
      answer = resolve;
      set({ dialog: { kind: 'move-clash', path: clash.from, folder, others }, menu: null });
    });
  }

  /** Asks about every clash; answers the paths to replace (none once the user cancels). */
  async function decide(clashes: MovedItem[], folder: string): Promise<string[]> {
    const replace: string[] = [];
    let forAll: ClashAnswer['choice'] | null = null;
    for (const [index, clash] of clashes.entries()) {
      let choice: ClashAnswer['choice'] | null = forAll;
      if (choice === null) {
        const reply = await ask(clash, folder, clashes.length - index - 1);
        choice = reply.choice;
        if (reply.forAll) forAll = choice;
      }
      if (choice === 'cancel') break;
      if (choice === 'replace') replace.push(clash.from);
    }
    set({ dialog: null });
    return replace;
  }

  /** Both rounds; a failure of the whole call (no such folder) is answered, not shown. */
  async function run(paths: string[], folder: string): Promise<ErrorInfo | MovedItem[]> {
    if (!source.move) return { code: 'not_supported', message: 'This side cannot move items.' };
    let first: MoveResult;
    try {
      first = await source.move(paths, folder, []);
    } catch (error) {
      return errorInfoOf(error);
    }
    const clashes = first.items.filter((i) => i.outcome === 'clash');
    if (clashes.length === 0) return first.items;
    const replace = await decide(clashes, folder);
    if (replace.length === 0) return first.items;
    let second: MovedItem[];
    try {
      second = (await source.move(replace, folder, replace)).items;
    } catch (error) {
      const info = errorInfoOf(error);
      second = replace.map((from) => ({ from, outcome: 'failed', error: info }));
    }
    return first.items.map((item) => second.find((s) => s.from === item.from) ?? item);
  }

  /** Lists the folder again; the moved items stay selected where the pane still shows them. */
  async function settle(items: MovedItem[]): Promise<void> {
    const here = get().path;
    if (here === null) return;
    await load(here, 'stay');
    const shown = new Set(
      items.flatMap((i) => (i.outcome === 'moved' && parentPath(i.to) === here ? [i.to] : [])),
    );
    if (shown.size > 0) {
      get().actions.selectNames(new Set(get().names.filter((n) => shown.has(joinPath(here, n)))));
    }
    const summary = moveSummary(items);
    if (summary) set({ error: summary });
  }

  return {
    askMoveTo() {
      const names = store.targetNames();
      if (names.length > 0 && source.move) set({ dialog: { kind: 'move-to', names }, menu: null });
    },

    async moveToTyped(typed) {
      const { dialog, path: here, home } = get();
      if (dialog?.kind !== 'move-to' || here === null) return null;
      const text = expandTyped(typed, home);
      if (text === '') {
        return {
          code: 'invalid_input',
          message: 'Type the folder to move to.',
          hint: 'For example a folder’s full path, or the name of one inside this folder.',
        };
      }
      const folder = isAbsoluteFolder(text) ? text : joinPath(here, text);
      const outcome = await run(
        dialog.names.map((n) => joinPath(here, n)),
        folder,
      );
      if (!Array.isArray(outcome)) return outcome;
      set({ dialog: null });
      await settle(outcome);
      return null;
    },

    async moveInto(paths, folder) {
      const outcome = await run(paths, folder);
      if (!Array.isArray(outcome)) return void set({ error: outcome });
      await settle(outcome);
    },

    answerClash(reply) {
      const resolve = answer;
      answer = null;
      resolve?.(reply);
    },
  };
}
