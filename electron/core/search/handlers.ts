import type { Handlers } from '../../../shared/contract';
import type { SearchManager } from './search-manager';

export type SearchHandlers = Pick<Handlers, 'search.start' | 'search.stop' | 'search.reattach'>;

/** The `search.*` methods of the contract, over one SearchManager. */
export function createSearchHandlers(searches: SearchManager): SearchHandlers {
  return {
    'search.start': async ({ pageId, sessionId, root, criteria, limits }) =>
      searches.start({ pageId, sessionId, root, criteria, limits }),
    'search.stop': async ({ searchId }) => searches.stop(searchId),
    'search.reattach': async ({ pageId }) => searches.reattach(pageId),
  };
}
