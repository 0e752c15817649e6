/**
 * A pane's moves driven through its store with the real core's local moves on real temp folders
 * (only the transport is skipped; the e2e spec covers it): the clash questions, Cancel, "for all",
 * Move to… with a typed folder, and the one notice for what did not move.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClashAnswer } from './moveWords';
import { createPaneStore, type PaneStore } from './paneStore';
import { localCoreSource } from '../../testing/local-source';

let root: string;
let store: PaneStore;
const source = localCoreSource();
const act = () => store.getState().actions;
const text = (rel: string) => readFile(join(root, rel), 'utf8');

/** Answers every clash question with the next of `answers`; records the names asked about. */
function answerWith(...answers: ClashAnswer[]): string[] {
  const asked: string[] = [];
  store.subscribe((state) => {
    const dialog = state.dialog;
    if (dialog?.kind !== 'move-clash' || asked.at(-1) === dialog.path) return;
    asked.push(dialog.path);
    const next = answers.shift() ?? { choice: 'cancel', forAll: false };
    queueMicrotask(() => act().answerClash(next));
  });
  return asked;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-pane-move-'));
  await mkdir(join(root, 'dest'));
  for (const name of ['a.txt', 'b.txt', 'c.txt']) {
    await writeFile(join(root, name), `new ${name}`);
  }
  await writeFile(join(root, 'dest', 'a.txt'), 'old a.txt');
  await writeFile(join(root, 'dest', 'b.txt'), 'old b.txt');
  store = createPaneStore(source);
  await act().init(root);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const all = () => ['a.txt', 'b.txt', 'c.txt'].map((n) => join(root, n));

describe('moving within a pane', () => {
  it('Cancel at the first question leaves every item where it was', async () => {
    const asked = answerWith({ choice: 'cancel', forAll: false });
    await act().moveInto(all(), join(root, 'dest'));
    expect(asked).toEqual([join(root, 'a.txt')]);
    expect(existsSync(join(root, 'c.txt'))).toBe(true);
    expect(existsSync(join(root, 'dest', 'c.txt'))).toBe(false);
    expect(await text('dest/a.txt')).toBe('old a.txt');
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().error).toBeNull();
  });

  it('"Replace" for all asks once and replaces both; the rest moves too', async () => {
    const asked = answerWith({ choice: 'replace', forAll: true });
    await act().moveInto(all(), join(root, 'dest'));
    expect(asked).toHaveLength(1);
    expect(await text('dest/a.txt')).toBe('new a.txt');
    expect(await text('dest/b.txt')).toBe('new b.txt');
    expect(await text('dest/c.txt')).toBe('new c.txt');
    expect(store.getState().names).toEqual(['dest']);
    expect(store.getState().error).toBeNull();
  });

  it('Skip keeps that one, and the others move without a notice', async () => {
    answerWith({ choice: 'skip', forAll: false }, { choice: 'replace', forAll: false });
    await act().moveInto(all(), join(root, 'dest'));
    expect(await text('a.txt')).toBe('new a.txt');
    expect(await text('dest/a.txt')).toBe('old a.txt');
    expect(await text('dest/b.txt')).toBe('new b.txt');
    expect(store.getState().names).toEqual(['dest', 'a.txt']);
    expect(store.getState().error).toBeNull();
  });

  it('Move to… takes a folder typed relative to the one shown, and says what did not move', async () => {
    await mkdir(join(root, 'dest', 'inner'));
    act().selectNames(new Set(['dest', 'c.txt']));
    act().askMoveTo();
    expect(store.getState().dialog).toEqual({ kind: 'move-to', names: ['dest', 'c.txt'] });
    expect(await act().moveToTyped('dest/inner')).toBeNull();
    expect(await text('dest/inner/c.txt')).toBe('new c.txt');
    expect(store.getState().error).toEqual({
      code: 'forbidden',
      message:
        '1 of 2 not moved: "dest": The folder "dest" cannot be moved into itself or into a folder inside it.',
      hint: 'The others were moved. Choose a folder outside it.',
    });
  });

  it('keeps Move to… open with the reason when the folder does not exist', async () => {
    act().selectNames(new Set(['c.txt']));
    act().askMoveTo();
    const problem = await act().moveToTyped(join(root, 'nowhere'));
    expect(problem).toMatchObject({ code: 'not_found' });
    expect(store.getState().dialog?.kind).toBe('move-to');
    expect(existsSync(join(root, 'c.txt'))).toBe(true);
  });

  it('Cut, then Paste in another folder moves the items there and selects them', async () => {
    act().selectNames(new Set(['c.txt']));
    act().cutItems();
    expect(store.getState().cut).toEqual({ folder: root, names: ['c.txt'] });
    act().cancelCut(); // Escape: nothing moves, nothing is cut any more
    expect(store.getState().cut).toBeNull();
    act().cutItems();
    await act().paste(); // the same folder: said, nothing moved
    expect(store.getState().error?.message).toBe('The cut items are in this folder already.');
    expect(existsSync(join(root, 'c.txt'))).toBe(true);

    await act().navigate(join(root, 'dest'));
    await act().paste();
    expect(await text('dest/c.txt')).toBe('new c.txt');
    expect(store.getState().cut).toBeNull();
    expect([...store.getState().selection.selected]).toEqual(['c.txt']);
  });

  // /dev/shm is a tmpfs: another drive than the temp folder's disk, so the move copies.
  it.runIf(process.platform === 'linux')(
    'a move to another drive shows its progress, and Stop leaves the original where it was',
    async () => {
      const other = await mkdtemp('/dev/shm/ferry-pane-move-');
      try {
        // Sparse: a large file at no cost, long enough to copy for the progress to show.
        const big = join(root, 'disk.img');
        await writeFile(big, '');
        await truncate(big, 1024 ** 3);
        const seen: string[] = [];
        store.subscribe((state) => {
          const moving = state.moving;
          if (moving === null || moving.stopping) return;
          seen.push(`${moving.name} of ${moving.bytesTotal}`);
          act().stopMove();
        });
        await act().moveInto([big], other);
        expect(seen[0]).toBe(`disk.img of ${1024 ** 3}`);
        expect(store.getState().moving).toBeNull();
        expect(store.getState().error).toMatchObject({
          code: 'cancelled',
          message: 'The move was stopped: nothing was moved.',
        });
        expect((await stat(big)).size).toBe(1024 ** 3);
        expect(await readdir(other)).toEqual([]);
      } finally {
        await rm(other, { recursive: true, force: true });
      }
    },
  );
});
