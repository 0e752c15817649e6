/**
 * A pane after a page reload, against the real local handlers and real temp folders: it opens
 * the folder it showed, with its sort, filter and history; when that folder was deleted
 * meanwhile, the nearest one above it that exists, saying so in plain words.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalHandlers } from '../../../electron/core/local/local-fs';
import { installSessionStorage, reloadPage } from '../../testing/page-reload';
import type { PaneSource } from './source';

const storage = installSessionStorage();
const handlers = createLocalHandlers({ deleteMode: 'permanent' });
let root: string;
const source: PaneSource = {
  home: async () => root,
  list: (path) => handlers['local.list']({ path }),
  mkdir: (parent, name) => handlers['local.mkdir']({ parent, name }),
  rename: (path, newName) => handlers['local.rename']({ path, newName }),
  delete: (paths) => handlers['local.delete']({ paths }),
  deleteMode: async () => 'permanent',
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-pane-view-'));
  await mkdir(join(root, 'work', 'drafts', 'old'), { recursive: true });
  await writeFile(join(root, 'work', 'drafts', 'big.txt'), 'x'.repeat(300));
  await writeFile(join(root, 'work', 'drafts', 'small.txt'), 'x');
  await writeFile(join(root, 'work', 'drafts', 'notes.md'), 'xx');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  Reflect.deleteProperty(globalThis, 'sessionStorage');
});

const KEY = 'ferry.test-pane';

/** A page with one pane, as LocalPane sets it up. */
async function openPage() {
  const { createPaneStore } = await import('./paneStore');
  const { keepView, savedView } = await import('./keptView');
  const store = createPaneStore(source);
  const view = savedView(KEY);
  await store.getState().actions.init(view?.path, view ? { view, fallback: 'nearest' } : {});
  keepView(store, KEY);
  return store;
}

describe('a pane after a reload', () => {
  it('shows its folder again with its sort, filter and history; a deleted folder gives way to the nearest above', async () => {
    let store = await openPage();
    expect(store.getState().path).toBe(root);
    await store.getState().actions.open('work');
    await store.getState().actions.open('drafts');
    await store.getState().actions.open('old');
    await store.getState().actions.back();
    store.getState().actions.sortBy('size'); // largest first
    store.getState().actions.setFilter('.txt');
    expect(store.getState().names).toEqual(['big.txt', 'small.txt']);

    reloadPage(storage);
    store = await openPage();
    const drafts = join(root, 'work', 'drafts');
    expect(store.getState().path).toBe(drafts);
    expect(store.getState().sort).toEqual({ key: 'size', direction: 'descending' });
    expect(store.getState().filter).toBe('.txt');
    expect(store.getState().names).toEqual(['big.txt', 'small.txt']);
    expect(store.getState().error).toBeNull();
    expect(await store.getState().actions.forward()).toBe(true);
    expect(store.getState().path).toBe(join(drafts, 'old'));
    expect(await store.getState().actions.back()).toBe(true);
    expect(await store.getState().actions.back()).toBe(true);
    expect(store.getState().path).toBe(join(root, 'work'));

    // Shown again, then deleted while the page reloads.
    await store.getState().actions.navigate(join(drafts, 'old'));
    await rm(drafts, { recursive: true });
    reloadPage(storage);
    store = await openPage();
    expect(store.getState().path).toBe(join(root, 'work'));
    expect(store.getState().error).toEqual({
      code: 'not_found',
      message: `The folder ${join(drafts, 'old')} no longer exists.`,
      hint: `Showing ${join(root, 'work')}, the nearest folder above it.`,
    });
    // The sort stays; the filter belonged to the folder that is gone.
    expect(store.getState().sort).toEqual({ key: 'size', direction: 'descending' });
    expect(store.getState().filter).toBe('');
    expect(await store.getState().actions.back()).toBe(true);
  });
});
