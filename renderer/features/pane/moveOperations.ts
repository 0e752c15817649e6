/**
 * Moving a pane's items into another folder of the same side: a drop onto a folder row or a
 * breadcrumb, or "Move to…" (Shift+F6). The core moves what it can and reports clashes; the
 * pane asks about each (Replace / Skip / Cancel, optionally for all), sends the answers, then
 * lists the folder again and says in one notice what did not move. Part of the pane store.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { MovedItem } from '../../../shared/contract/move';
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
  /** Ctrl+X: remembers the chosen items, to be moved by a paste in another folder. */
  cutItems(): void;
  /** Escape: forgets the cut; the items stay where they are. */
  cancelCut(): void;
  /** Ctrl+V: moves the cut items into the folder shown. */
  paste(): Promise<void>;
  /** Stops the move in progress (one to another drive): what is being copied stays. */
  stopMove(): void;
}

interface StoreAccess {
  get: StoreApi<PaneState>['getState'];
  set: StoreApi<PaneState>['setState'];
  load(path: string, how: 'push' | 'stay', focus?: string): Promise<boolean>;
  targetNames(): string[];
}

/** A clash that appears again and again (another program racing): stop asking after these. */
const MAX_ROUNDS = 5;

export function createMoveOperations(source: PaneSource, store: StoreAccess): MoveOperations {
  const { get, set, load } = store;
  let answer: ((answer: ClashAnswer) => void) | null = null;

  function ask(clash: MovedItem, folder: string, others: number): Promise<ClashAnswer> {
    return new Promise((resolve) => {
      answer = resolve;
      set({ dialog: { kind: 'move-clash', path: clash.from, folder, others }, menu: null });
    });
  }

  /**
   * Asks about each clash (an answer "for all" is kept in `memory` for later ones); answers the
   * paths to replace, or 'cancel'.
   */
  async function decide(
    clashes: MovedItem[],
    folder: string,
    memory: { forAll: ClashAnswer['choice'] | null },
  ): Promise<string[] | 'cancel'> {
    const replace: string[] = [];
    for (const [index, clash] of clashes.entries()) {
      let choice: ClashAnswer['choice'] | null = memory.forAll;
      if (choice === null) {
        const reply = await ask(clash, folder, clashes.length - index - 1);
        choice = reply.choice;
        if (reply.forAll) memory.forAll = choice;
      }
      if (choice === 'cancel') return 'cancel';
      if (choice === 'replace') replace.push(clash.from);
    }
    return replace;
  }

  /**
   * Calls the core until nothing clashes: a call that meets a clash moves nothing, so Cancel
   * leaves every item where it was. Skipped and cancelled items end as 'clash' or 'ready' (not
   * moved, by the user's choice). A failure of the first call (no such folder) is answered.
   */
  async function run(paths: string[], folder: string): Promise<ErrorInfo | MovedItem[]> {
    const move = source.move;
    if (!move) return { code: 'not_supported', message: 'This side cannot move items.' };
    const final = new Map<string, MovedItem>();
    const replace: string[] = [];
    const memory: { forAll: ClashAnswer['choice'] | null } = { forAll: null };
    let pending = paths;
    const moveId = crypto.randomUUID();
    const unsubscribe = source.onMoveProgress?.(({ moveId: id, name, bytesDone, bytesTotal }) => {
      if (id !== moveId) return;
      const stopping = get().moving?.stopping ?? false;
      set({ moving: { moveId, name, bytesDone, bytesTotal, stopping } });
    });
    try {
      for (let round = 0; pending.length > 0 && round < MAX_ROUNDS; round++) {
        let items: MovedItem[];
        try {
          items = (await move(pending, folder, replace, moveId)).items;
        } catch (error) {
          if (round === 0) return errorInfoOf(error);
          const info = errorInfoOf(error);
          for (const from of pending) final.set(from, { from, outcome: 'failed', error: info });
          break;
        }
        for (const item of items) final.set(item.from, item);
        const clashes = items.filter((i) => i.outcome === 'clash');
        if (clashes.length === 0) break;
        const answers = await decide(clashes, folder, memory);
        if (answers === 'cancel') break;
        replace.push(...answers);
        const go = (i: MovedItem) =>
          i.outcome === 'ready' || (i.outcome === 'clash' && answers.includes(i.from));
        pending = items.filter(go).map((i) => i.from);
      }
    } finally {
      unsubscribe?.();
      if (get().moving?.moveId === moveId) set({ moving: null });
      if (get().dialog?.kind === 'move-clash') set({ dialog: null });
    }
    return paths.flatMap((p) => final.get(p) ?? []);
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

  async function moveInto(paths: string[], folder: string): Promise<void> {
    const outcome = await run(paths, folder);
    if (!Array.isArray(outcome)) return void set({ error: outcome });
    await settle(outcome);
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

    moveInto,

    cutItems() {
      const { path: folder } = get();
      const names = store.targetNames();
      if (folder !== null && names.length > 0 && source.move) {
        set({ cut: { folder, names }, menu: null });
      }
    },

    cancelCut() {
      if (get().cut !== null) set({ cut: null });
    },

    async paste() {
      const { cut, path: here } = get();
      if (cut === null || here === null) return;
      if (here === cut.folder) {
        return void set({
          error: {
            code: 'invalid_input',
            message: 'The cut items are in this folder already.',
            hint: 'Open the folder they should go to, then paste (Ctrl+V).',
          },
        });
      }
      set({ cut: null, menu: null });
      await moveInto(
        cut.names.map((n) => joinPath(cut.folder, n)),
        here,
      );
    },

    stopMove() {
      const moving = get().moving;
      if (moving === null || moving.stopping) return;
      set({ moving: { ...moving, stopping: true } });
      void source.stopMove?.(moving.moveId).catch(() => undefined);
    },

    answerClash(reply) {
      const resolve = answer;
      answer = null;
      resolve?.(reply);
    },
  };
}
