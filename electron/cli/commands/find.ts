import { posix } from 'node:path';
import type { SearchCounts, SearchCriteria, SearchHit } from '../../../shared/contract/search';
import { compileMatcher } from '../../core/search/matcher';
import { searchTree, type TreeOutcome } from '../../core/search/search-tree';
import { printableName } from '../../core/transfers/safe-names';
import { connect } from '../connect';
import { EXIT, type ExitCode } from '../exit-codes';
import type { ConnectionOptions, Output } from '../options';

export interface FindOptions extends ConnectionOptions {
  name?: string;
  matchCase?: boolean;
  /** Bytes; files larger than this. */
  larger?: number;
  /** Bytes; files smaller than this. */
  smaller?: number;
  /** Epoch ms: modified at or after. */
  newer?: number;
  /** Epoch ms: modified before. */
  older?: number;
  folders?: boolean;
  depth: number;
  maxResults: number;
}

/** Folders listed at most: past this the walk ends, saying so, as the app's search does. */
const MAX_FOLDERS = 100_000;

/**
 * `ferry find URL`: what matches below a server folder, one server path per line as it is found
 * (control characters in names shown escaped, never printed raw), then a summary on stderr. The
 * app's search engine: links are not followed into folders, unreadable folders are counted.
 */
export async function find(url: string, options: FindOptions, out: Output): Promise<ExitCode> {
  const connection = await connect(url, options, out);
  const counts: SearchCounts = { folders: 0, found: 0, unreadable: 0, tooDeep: 0, refusedNames: 0 };
  const hits: SearchHit[] = [];
  const unreadable: string[] = [];
  let outcome: TreeOutcome;
  try {
    const fs = connection.first;
    outcome = await searchTree({
      fs,
      root: connection.target.path,
      matches: compileMatcher(criteriaOf(options)),
      limits: { depth: options.depth, folders: MAX_FOLDERS, results: options.maxResults },
      parallel: fs.protocol === 'sftp' ? 4 : 1,
      signal: new AbortController().signal,
      counts,
      report: {
        listing: () => undefined,
        hit: (hit) => {
          if (out.json) hits.push(hit);
          else out.result(printableName(posix.join(hit.folder, hit.name)));
        },
        unreadable: (path) => void unreadable.push(path),
      },
    });
  } finally {
    await connection.first.close();
  }
  if (out.json) {
    out.result(JSON.stringify({ ok: true, ...outcome, ...counts, hits, unreadable }));
    return EXIT.ok;
  }
  for (const line of summary(outcome, counts, unreadable, options)) out.info(line);
  return EXIT.ok;
}

function criteriaOf(options: FindOptions): SearchCriteria {
  const criteria: SearchCriteria = {
    name: options.name ?? '',
    nameMode: 'pattern',
    matchCase: options.matchCase === true,
    includeFolders: options.folders === true,
  };
  if (options.larger !== undefined) criteria.largerThan = options.larger;
  if (options.smaller !== undefined) criteria.smallerThan = options.smaller;
  if (options.newer !== undefined) criteria.modifiedFrom = options.newer;
  if (options.older !== undefined) criteria.modifiedBefore = options.older;
  return criteria;
}

function summary(
  outcome: TreeOutcome,
  counts: SearchCounts,
  unreadable: string[],
  options: FindOptions,
): string[] {
  const plural = (n: number, word: string) =>
    `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `Found ${counts.found.toLocaleString('en')} in ${plural(counts.folders, 'folder')}.`,
  ];
  if (outcome.outcome === 'limit') {
    lines.push(
      outcome.limit === 'results'
        ? `Stopped at ${options.maxResults.toLocaleString('en')} results: narrow the name, or raise --max-results.`
        : `Stopped after ${MAX_FOLDERS.toLocaleString('en')} folders: start deeper in the tree.`,
    );
  }
  if (counts.unreadable > 0) {
    const shown = unreadable.slice(0, 5).map(printableName).join(', ');
    lines.push(`${plural(counts.unreadable, 'folder')} could not be read (${shown}).`);
  }
  if (counts.tooDeep > 0) {
    lines.push(
      `${plural(counts.tooDeep, 'folder')} deeper than --depth ${options.depth} not searched.`,
    );
  }
  if (counts.refusedNames > 0) {
    lines.push(
      `${plural(counts.refusedNames, 'name')} the server listed are not valid names: left out.`,
    );
  }
  return lines;
}
