/**
 * A search running when the page reloads, which the core no longer has: the reloaded page finds
 * it in its sessionStorage and shows that tab's dialog again with the form as typed, saying it
 * stopped — once; storage that was damaged or edited gives nothing, or the form's own defaults
 * for a field that is not what it must be. (The core giving a search back: e2e/search.spec.ts.)
 */
import { afterAll, expect, it } from 'vitest';
import { installSessionStorage, reloadPage } from '../../testing/page-reload';
import type { SearchForm } from './searchForm';

const storage = installSessionStorage();
afterAll(() => Reflect.deleteProperty(globalThis, 'sessionStorage'));

/** The module as a freshly loaded page has it. */
const fresh = () => import('./searchReload');
const shownAfterReload = async (tabOfSession: (sessionId: string) => string | undefined) => {
  reloadPage(storage);
  const shown: [string, SearchForm][] = [];
  // No core here: it has none of them any more (as after a page away too long).
  await (
    await fresh()
  ).reattachSearches(tabOfSession, {
    again: () => expect.unreachable('no core here to give a search back'),
    stopped: (tabId, form) => void shown.push([tabId, form]),
  });
  return shown;
};

it('a running search comes back in its tab, as typed, once; a finished one does not', async () => {
  const { rememberRunning, forgetRunning } = await fresh();
  const { emptyForm } = await import('./searchForm');
  const form = { ...emptyForm('/var/www'), name: '*.log', nameMode: 'pattern' as const };
  rememberRunning({ searchId: 'search-1', sessionId: 'session-a', form });
  rememberRunning({ searchId: 'search-2', sessionId: 'session-b', form: emptyForm('/srv') });
  forgetRunning('search-2'); // it finished before the reload

  const tabs: Record<string, string> = { 'session-a': 'tab-7' };
  expect(await shownAfterReload((id) => tabs[id])).toEqual([['tab-7', form]]);
  expect(await shownAfterReload((id) => tabs[id])).toEqual([]);
  expect(storage.dump()).not.toContain('session-a');
});

it('damaged or edited storage: nothing, or the defaults where a field is wrong', async () => {
  const { saveForPage } = await import('../../transport/pageStorage');
  saveForPage('ferry.searches', [
    'not a search',
    { searchId: 'search-3', sessionId: 'session-c' },
    {
      searchId: 'search-4',
      sessionId: 'session-d',
      form: { root: '/home', name: 42, nameMode: 'regex', largerUnit: 'TB', matchCase: true },
    },
  ]);
  const shown = await shownAfterReload(() => 'tab-1');
  expect(shown).toHaveLength(1);
  expect(shown[0]?.[1]).toMatchObject({
    root: '/home',
    name: '',
    nameMode: 'contains',
    largerUnit: 'MB',
    matchCase: true,
  });
});
