/**
 * The pane store driven by the real local handlers against real temp folders (the transport is
 * the only thing skipped; it is covered by the e2e spec).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalHandlers } from '../../../electron/core/local/local-fs';
import { createPaneStore, type PaneStore } from './paneStore';
import type { PaneSource } from './source';

let root: string;
let store: PaneStore;
const handlers = createLocalHandlers({ deleteMode: 'permanent' });
/** Listing requests for these paths wait until released, to test out-of-order answers. */
const held = new Map<string, Promise<void>>();

const source: PaneSource = {
  home: () => handlers['local.home']({}),
  list: async (path) => {
    await held.get(path);
    return handlers['local.list']({ path });
  },
  mkdir: (parent, name) => handlers['local.mkdir']({ parent, name }),
  rename: (path, newName) => handlers['local.rename']({ path, newName }),
  delete: (paths) => handlers['local.delete']({ paths }),
  deleteMode: async () => 'permanent',
};

const state = () => store.getState();
const act = () => store.getState().actions;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-pane-'));
  await mkdir(join(root, 'docs', 'deep'), { recursive: true });
  await mkdir(join(root, 'music'));
  await writeFile(join(root, 'b.txt'), 'bb');
  await writeFile(join(root, 'a.txt'), 'a');
  await writeFile(join(root, '.hidden'), '');
  store = createPaneStore(source);
  await act().init(root);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('pane store', () => {
  it('opens the start folder with folders first and hidden files hidden', () => {
    expect(state().path).toBe(root);
    expect(state().names).toEqual(['docs', 'music', 'a.txt', 'b.txt']);
    expect(state().deleteMode).toBe('permanent');
    act().setShowHidden(true);
    expect(state().names).toContain('.hidden');
  });

  it('goes into a folder, back, forward and up, landing on the folder it came from', async () => {
    await act().open('docs');
    expect(state().path).toBe(join(root, 'docs'));
    expect(state().names).toEqual(['deep']);
    await act().back();
    expect(state().path).toBe(root);
    await act().forward();
    expect(state().path).toBe(join(root, 'docs'));
    await act().up();
    expect(state().path).toBe(root);
    expect(state().selection.focus).toBe('docs');
    expect(state().history.back).toEqual([root, join(root, 'docs')]);
  });

  it('opening a file answers the entry and stays put', async () => {
    expect(await act().open('a.txt')).toMatchObject({ name: 'a.txt', kind: 'file' });
    expect(state().path).toBe(root);
  });

  it('shows a missing folder as an error and keeps the current listing', async () => {
    expect(await act().navigate(join(root, 'nope'))).toBe(false);
    expect(state().error).toMatchObject({
      code: 'not_found',
      message: `The folder ${join(root, 'nope')} does not exist.`,
    });
    expect(state().path).toBe(root);
    expect(state().names).toHaveLength(4);
    act().dismissError();
    expect(state().error).toBeNull();
  });

  it('never lets a slow old listing replace a newer one', async () => {
    let release = () => {};
    held.set(join(root, 'docs'), new Promise<void>((r) => (release = r)));
    const slow = act().navigate(join(root, 'docs'));
    await act().navigate(join(root, 'music'));
    release();
    expect(await slow).toBe(false);
    expect(state().path).toBe(join(root, 'music'));
    held.clear();
  });

  it('a refresh while a folder is opening never drops that folder, and lists it afresh', async () => {
    // A finished upload refreshes the pane while the user's Enter on a typed folder is pending.
    let release = () => {};
    held.set(join(root, 'docs'), new Promise<void>((r) => (release = r)));
    const opening = act().navigate(join(root, 'docs'));
    const refreshed = act().refresh();
    await writeFile(join(root, 'docs', 'new.txt'), 'arrived meanwhile');
    release();
    expect(await opening).toBe(true);
    expect(await refreshed).toBe(true);
    expect(state().path).toBe(join(root, 'docs'));
    expect(state().names).toEqual(['deep', 'new.txt']);
    expect(state().history.back).toEqual([root]);
    expect(state().error).toBeNull();
    held.clear();
  });

  it('creates a folder and selects it; refuses an existing name without closing the dialog', async () => {
    act().askNewFolder();
    expect(await act().createFolder('docs')).toMatchObject({ code: 'already_exists' });
    expect(state().dialog).toEqual({ kind: 'new-folder' });
    expect(await act().createFolder('a/b')).toMatchObject({ code: 'invalid_input' });
    expect(await act().createFolder('New')).toBeNull();
    expect(existsSync(join(root, 'New'))).toBe(true);
    expect(state().dialog).toBeNull();
    expect(state().selection.focus).toBe('New');
    expect([...state().selection.selected]).toEqual(['New']);
  });

  it('renames in place, and never over an existing file', async () => {
    act().click('a.txt');
    act().startRename();
    expect(state().renaming).toBe('a.txt');
    await act().commitRename('c.txt');
    expect(await readFile(join(root, 'c.txt'), 'utf8')).toBe('a');
    expect(state().selection.focus).toBe('c.txt');

    act().startRename('c.txt');
    await act().commitRename('b.txt');
    expect(state().error).toMatchObject({ code: 'already_exists' });
    expect(await readFile(join(root, 'b.txt'), 'utf8')).toBe('bb');
    expect(await readFile(join(root, 'c.txt'), 'utf8')).toBe('a');
  });

  it('deletes the selection after confirmation and keeps the keyboard nearby', async () => {
    act().click('music');
    act().click('a.txt', { range: true });
    act().askDelete();
    expect(state().dialog).toEqual({ kind: 'delete', names: ['music', 'a.txt'] });
    await act().confirmDelete();
    expect(existsSync(join(root, 'music'))).toBe(false);
    expect(existsSync(join(root, 'a.txt'))).toBe(false);
    expect(state().names).toEqual(['docs', 'b.txt']);
    expect(state().selection.focus).toBe('b.txt');
  });

  it('acts only on what the filter shows', () => {
    act().selectAll();
    act().setFilter('.txt');
    expect(state().names).toEqual(['a.txt', 'b.txt']);
    expect(act().targetNames()).toEqual(['a.txt', 'b.txt']);
  });

  it('selects given names among those shown, in the list’s order, focusing the first', () => {
    act().click('docs');
    act().selectNames(new Set(['b.txt', '.hidden', 'music', 'gone.txt']));
    expect([...state().selection.selected]).toEqual(['music', 'b.txt']);
    expect(state().selection.focus).toBe('music');
    expect(act().targetNames()).toEqual(['music', 'b.txt']);
  });

  it('sorts by a clicked column and flips on a second click', () => {
    act().sortBy('size');
    expect(state().sort).toEqual({ key: 'size', direction: 'descending' });
    expect(state().names).toEqual(['music', 'docs', 'b.txt', 'a.txt']);
    act().sortBy('size');
    expect(state().names).toEqual(['docs', 'music', 'a.txt', 'b.txt']);
  });
});
