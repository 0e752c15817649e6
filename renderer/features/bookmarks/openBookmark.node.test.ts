/**
 * Opening a bookmark with two pane stores on real folders (the local handlers stand for both
 * sides; the server side behaves the same through its own source, as e2e/bookmarks.spec.ts shows).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bookmark } from '../../../shared/contract/bookmarks';
import { createPaneStore, type PaneStore } from '../pane/paneStore';
import { openBookmark } from './openBookmark';
import { localCoreSource } from '../../testing/local-source';

const source = localCoreSource();

let root: string;
let local: PaneStore;
let remote: PaneStore;
let syncing: boolean[];
const panes = () => ({ local, remote, setSyncing: (on: boolean) => void syncing.push(on) });
const bookmark = (fields: Partial<Bookmark>): Bookmark => ({
  id: 'b1',
  name: 'Docs',
  remoteDir: join(root, 'server', 'docs'),
  localDir: join(root, 'mine', 'docs'),
  syncBrowsing: false,
  ...fields,
});

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-bookmark-'));
  for (const dir of ['server/docs', 'mine/docs', 'mine/start', 'server/start'])
    await mkdir(join(root, dir), { recursive: true });
  local = createPaneStore(source);
  remote = createPaneStore(source);
  await local.getState().actions.init(join(root, 'mine', 'start'));
  await remote.getState().actions.init(join(root, 'server', 'start'));
  syncing = [];
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('opening a bookmark', () => {
  it('takes both panes to its folders and switches synchronized browsing on when asked', async () => {
    const outcome = await openBookmark(bookmark({ syncBrowsing: true }), panes());
    expect(outcome).toEqual({ problems: [], syncing: true });
    expect(remote.getState().path).toBe(join(root, 'server', 'docs'));
    expect(local.getState().path).toBe(join(root, 'mine', 'docs'));
    // Off while both panes move (so neither move is repeated in the other pane), then on.
    expect(syncing).toEqual([false, true]);
  });

  it('says plainly that a folder is gone, opens the other, and leaves synchronized browsing off', async () => {
    await rm(join(root, 'server', 'docs'), { recursive: true });
    const outcome = await openBookmark(bookmark({ syncBrowsing: true }), panes());
    expect(outcome.syncing).toBe(false);
    expect(outcome.problems).toEqual([
      `The folder ${join(root, 'server', 'docs')} no longer exists on the server. Bookmark “Docs” is kept: rename or delete it under Bookmarks if it is no longer needed.`,
    ]);
    expect(remote.getState().path).toBe(join(root, 'server', 'start'));
    // The notice says it once; the pane does not repeat it.
    expect(remote.getState().error).toBeNull();
    expect(local.getState().path).toBe(join(root, 'mine', 'docs'));
    expect(syncing).toEqual([false]);
  });

  it('without a local folder, this computer’s pane stays put, even where the server’s path exists here', async () => {
    // The remote path is a real local folder too: it must still never reach the local pane.
    const outcome = await openBookmark(bookmark({ localDir: '' }), panes());
    expect(outcome.problems).toEqual([]);
    expect(remote.getState().path).toBe(join(root, 'server', 'docs'));
    expect(local.getState().path).toBe(join(root, 'mine', 'start'));
  });
});
