/**
 * A server search across a page reload. The core keeps a page's searches running while the page
 * reloads and gives them back with every hit sent so far (`search.reattach`); what the user had
 * typed is the page's own, so while a search runs this page keeps in its sessionStorage which
 * search it is, on which connection, and the form as typed (never a password). After the
 * reload, that tab's search dialog opens again as it was. A search the core no longer has (the
 * page was away longer than a reload takes) is said to have stopped, the form filled in, so
 * Search looks again.
 */
import type { SearchReattached } from '../../../shared/contract/search';
import type { ErrorInfo } from '../../../shared/errors';
import { call } from '../../api';
import { pageId } from '../../transport/pageId';
import { loadForPage, saveForPage } from '../../transport/pageStorage';
import { emptyForm, SIZE_UNITS, type SearchForm } from './searchForm';

const KEY = 'ferry.searches';

interface RunningSearch {
  searchId: string;
  sessionId: string;
  form: SearchForm;
}

export const STOPPED_BY_RELOAD: ErrorInfo = {
  code: 'cancelled',
  message: 'The search stopped while the page reloaded; what it had found is not kept.',
  hint: 'Press Search to look again.',
};

export function rememberRunning(search: RunningSearch): void {
  // A tab runs one search at a time, and only its open dialog's: a few at most.
  const others = kept().filter((s) => s.sessionId !== search.sessionId);
  saveForPage(KEY, [...others, search].slice(-8));
}

export function forgetRunning(searchId: string): void {
  const all = kept();
  const left = all.filter((s) => s.searchId !== searchId);
  if (left.length !== all.length) saveForPage(KEY, left);
}

export interface ShowSearch {
  /** The search goes on (or ended meanwhile): the dialog as it was, with every hit so far. */
  again(tabId: string, form: SearchForm, search: SearchReattached): void;
  /** The core no longer has it: the dialog as typed, saying it stopped. */
  stopped(tabId: string, form: SearchForm): void;
}

/** After a reload, once the tabs are back: the searches that were running, shown again. */
export async function reattachSearches(
  tabOfSession: (sessionId: string) => string | undefined,
  show: ShowSearch,
): Promise<void> {
  const searches = kept();
  if (searches.length === 0) return;
  const back = await call('search.reattach', { pageId: pageId() }).catch(() => []);
  for (const { searchId, sessionId, form } of searches) {
    const search = back.find((b) => b.searchId === searchId);
    const running = search !== undefined && search.finished === undefined;
    const tabId = tabOfSession(sessionId);
    if (tabId === undefined) {
      // Its tab did not come back (its connection closed meanwhile): nobody would see it.
      if (running) void call('search.stop', { searchId }).catch(() => undefined);
    } else if (search) show.again(tabId, form, search);
    else show.stopped(tabId, form);
    // One still running stays kept, for the next reload.
    if (!running || tabId === undefined) forgetRunning(searchId);
  }
}

function kept(): RunningSearch[] {
  const saved = loadForPage(KEY);
  if (!Array.isArray(saved)) return [];
  return saved.flatMap((value: unknown) => {
    if (typeof value !== 'object' || value === null) return [];
    const { searchId, sessionId, form } = value as Record<string, unknown>;
    if (typeof searchId !== 'string' || typeof sessionId !== 'string') return [];
    const checked = formFrom(form);
    return checked ? [{ searchId, sessionId, form: checked }] : [];
  });
}

/** The form as saved, each field only when it has the type it must (storage may be edited). */
function formFrom(value: unknown): SearchForm | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const saved = value as Record<string, unknown>;
  if (typeof saved.root !== 'string') return undefined;
  const form: Record<string, unknown> = { ...emptyForm(saved.root) };
  for (const [field, fallback] of Object.entries(form)) {
    if (typeof saved[field] === typeof fallback) form[field] = saved[field];
  }
  const checked = form as unknown as SearchForm;
  const fresh = emptyForm(checked.root);
  if (!['contains', 'pattern'].includes(checked.nameMode)) checked.nameMode = fresh.nameMode;
  if (!(checked.largerUnit in SIZE_UNITS)) checked.largerUnit = fresh.largerUnit;
  if (!(checked.smallerUnit in SIZE_UNITS)) checked.smallerUnit = fresh.smallerUnit;
  return checked;
}
