/**
 * A server search across a page reload. The core stops a page's searches when the page goes
 * (a reload too: its results were the page's alone), so the reloaded page must not stay silent
 * about one: while a search runs, this page keeps in its sessionStorage which search it is, on
 * which connection, and the form as typed (no password is ever in it). After the reload, that
 * tab's search dialog opens again with the form filled in and says the search stopped, so
 * Search looks again.
 */
import type { ErrorInfo } from '../../../shared/errors';
import { call } from '../../api';
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
  message: 'The search stopped when the page reloaded; what it had found is not kept.',
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

/**
 * After a reload, once the tabs are back: the searches that were running. Each is stopped in
 * the core (the desktop window's reload closes no socket, so it would run on unseen) and handed
 * to `show` with its tab, for the dialog to say so.
 */
export function interruptedSearches(
  tabOfSession: (sessionId: string) => string | undefined,
  show: (tabId: string, form: SearchForm) => void,
): void {
  const searches = kept();
  if (searches.length === 0) return;
  saveForPage(KEY, []);
  for (const { searchId, sessionId, form } of searches) {
    void call('search.stop', { searchId }).catch(() => undefined);
    const tabId = tabOfSession(sessionId);
    if (tabId !== undefined) show(tabId, form);
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
