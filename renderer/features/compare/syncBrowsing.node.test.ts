/**
 * Synchronized browsing between two pane stores on real folders (the local handlers; a server
 * pane behaves the same through its own source, as the e2e spec shows).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPaneStore, type PaneStore } from '../pane/paneStore';
import { followEachOther } from './syncBrowsing';
import { localCoreSource } from '../../testing/local-source';

const source = localCoreSource();

let root: string;
let left: PaneStore;
let right: PaneStore;
let stop: () => void;
const stopped = vi.fn<(reason: string) => void>();

/** Waits until both panes have settled. */
async function settled() {
  await vi.waitFor(() => {
    expect(left.getState().loading || right.getState().loading).toBe(false);
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-sync-'));
  await mkdir(join(root, 'here', 'site', 'css'), { recursive: true });
  await mkdir(join(root, 'here', 'only-here'));
  await mkdir(join(root, 'there', 'site', 'css'), { recursive: true });
  left = createPaneStore(source);
  right = createPaneStore(source);
  await left.getState().actions.init(join(root, 'here'));
  await right.getState().actions.init(join(root, 'there'));
  stopped.mockClear();
  stop = followEachOther({ local: left, remote: right }, stopped);
});
afterEach(async () => {
  stop();
  await rm(root, { recursive: true, force: true });
});

describe('synchronized browsing', () => {
  it('follows into subfolders and up, whichever pane moves', async () => {
    await left.getState().actions.open('site');
    await settled();
    expect(right.getState().path).toBe(join(root, 'there', 'site'));

    await right.getState().actions.open('css');
    await settled();
    expect(left.getState().path).toBe(join(root, 'here', 'site', 'css'));

    await left.getState().actions.up();
    await settled();
    expect(right.getState().path).toBe(join(root, 'there', 'site'));
    // A breadcrumb two levels up: the other pane goes up two as well.
    await right.getState().actions.navigate(root);
    await settled();
    expect(left.getState().path).toBe(root);
    expect(stopped).not.toHaveBeenCalled();
  });

  it('two quick moves are repeated one after the other', async () => {
    // The second move comes while the other pane is still opening the first folder.
    await left.getState().actions.open('site');
    expect(right.getState().loading).toBe(true);
    await left.getState().actions.open('css');
    await vi.waitFor(() => expect(right.getState().path).toBe(join(root, 'there', 'site', 'css')));
    await settled();
    expect(stopped).not.toHaveBeenCalled();
  });

  it('a folder the other side lacks: says so, stops, and moves nothing', async () => {
    await left.getState().actions.open('only-here');
    await settled();
    expect(stopped).toHaveBeenCalledWith(
      `Synchronized browsing is off: the server has no folder “only-here” in ${join(root, 'there')}.`,
    );
    expect(right.getState().path).toBe(join(root, 'there'));
    expect(right.getState().error).toBeNull();
    // Off now: the next move is not followed.
    await left.getState().actions.up();
    await settled();
    expect(right.getState().path).toBe(join(root, 'there'));
  });

  it('a deeper jump the other side cannot open: says why, and the pane keeps its folder', async () => {
    await mkdir(join(root, 'here', 'site', 'css', 'deep'));
    await left.getState().actions.navigate(join(root, 'here', 'site', 'css', 'deep'));
    await settled();
    expect(stopped).toHaveBeenCalledTimes(1);
    expect(stopped.mock.calls[0]?.[0]).toMatch(
      /^Synchronized browsing is off: the server could not open .*there\/site\/css\/deep: /,
    );
    expect(right.getState().path).toBe(join(root, 'there'));
    expect(right.getState().error).toBeNull();
  });
});
