/**
 * The search store driven through the real core (createApp) against the real sshd, the
 * transport skipped (the bridge calls the handlers, as in tabsStore.integration.test.ts): hits
 * arrive in the tab's search, a new search replaces one still running (whose late events are
 * ignored), deleted results leave the list, and a closed tab's search goes with it.
 */
import { posix } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FerryApp } from '../../../electron/core/app';
import { sftpParams } from '../../../electron/core/remote/sftp-testing';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { coreBehindBridge } from '../../testing/core-bridge';
import { useTabs } from '../tabs/tabsStore';
import { pickedHits, searchActions, useSearch, type TabSearch } from './searchStore';
import { hitPath } from './searchWords';

let app: FerryApp;
let sessionId: string;
const harness = harnessForSuite(['sftp'], 'ferry-search-store-');

beforeAll(async () => {
  const f = harness.servers.fixtures;
  await f.writeFile('photos/one.jpg', 'one');
  await f.writeFile('photos/sub/two.jpg', 'two');
  for (let i = 0; i < 300; i++) await f.mkdir(`many/d${i}/inner`);
  app = coreBehindBridge(harness.scratch);
  ({ sessionId } = await app.handlers['remote.connect'](sftpParams(harness.servers)));
});
afterAll(async () => {
  await app?.dispose();
});

const tabId = () => useTabs.getState().tabs[0]?.id ?? '';
const search = () => useSearch.getState().byTab[tabId()] as TabSearch;
const at = (rel: string) => posix.join(harness.servers.root, rel);

async function ended(): Promise<TabSearch> {
  for (let waited = 0; waited < 10_000 && (search().running || !search().finished); waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return search();
}

it('fills the tab’s search with what the core finds; deleted results leave the list', async () => {
  searchActions.open(tabId(), at('photos'));
  expect(useSearch.getState().openTab).toBe(tabId());
  searchActions.setForm(tabId(), { name: '.JPG' });
  await searchActions.start(tabId(), sessionId);
  const done = await ended();
  expect(done.finished).toMatchObject({ outcome: 'done', found: 2 });
  expect(done.hits.map(hitPath).sort()).toEqual([at('photos/one.jpg'), at('photos/sub/two.jpg')]);

  searchActions.select(tabId(), at('photos/one.jpg'), false);
  expect(pickedHits(search()).map(hitPath)).toEqual([at('photos/one.jpg')]);
  searchActions.forget(tabId(), [at('photos/one.jpg')]);
  expect(search().hits.map(hitPath)).toEqual([at('photos/sub/two.jpg')]);
  expect(search().selected.size).toBe(0);
  // A deleted folder takes the results inside it along.
  searchActions.forget(tabId(), [at('photos/sub')]);
  expect(search().hits).toEqual([]);
});

it('a new search replaces one still running; the old one’s late events change nothing', async () => {
  searchActions.setForm(tabId(), { root: at('many'), name: 'inner' });
  await searchActions.start(tabId(), sessionId);
  searchActions.setForm(tabId(), { root: at('photos'), name: 'two' });
  await searchActions.start(tabId(), sessionId);
  const done = await ended();
  // Time for the first search's "stopped" to arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(search().finished).toMatchObject({ outcome: 'done', found: 1 });
  expect(search().hits.map(hitPath)).toEqual([at('photos/sub/two.jpg')]);
  expect(done.root).toBe(at('photos'));
});

it('refuses a form that does not make sense, saying where, without asking the core', async () => {
  searchActions.setForm(tabId(), { largerThan: 'lots' });
  await searchActions.start(tabId(), sessionId);
  expect(search().invalid).toMatchObject({ field: 'largerThan' });
  expect(search().running).toBe(false);
  searchActions.setForm(tabId(), { largerThan: '' });
  expect(search().invalid).toBeUndefined();
});

it('a closed tab’s search goes with it', async () => {
  const id = tabId();
  useTabs.setState((s) => ({ tabs: s.tabs.filter((tab) => tab.id !== id) }));
  expect(useSearch.getState().byTab[id]).toBeUndefined();
  expect(useSearch.getState().openTab).toBeNull();
});
