import type { PermissionsCounts } from '../../../shared/contract/permissions';
import type { ErrorInfo } from '../../../shared/errors';
import { noChangesYet, RWX_BITS, type PermissionScope } from '../../../shared/permission-change';
import { chmodTree } from '../../core/permissions/chmod-tree';
import { printableName } from '../../core/transfers/safe-names';
import { connect } from '../connect';
import { EXIT, usageError, type ExitCode } from '../exit-codes';
import type { ConnectionOptions, Output } from '../options';

export interface ChmodOptions extends ConnectionOptions {
  recursive?: boolean;
  filesOnly?: boolean;
  foldersOnly?: boolean;
  addX?: boolean;
}

/** Failures named in the summary; the rest are counted. */
const NAMED_FAILURES = 10;

/** "644", "0755" (three or four octal digits; set-id bits are kept as each item has them). */
export function parseMode(text: string): number {
  if (!/^0?[0-7]{3}$/.test(text)) {
    throw usageError(
      `"${text}" is not a mode Ferry takes.`,
      'Write the permission bits as three octal digits, like 644 or 755 (u+x and the like are not supported).',
    );
  }
  return Number.parseInt(text, 8);
}

/**
 * `ferry chmod [-R] MODE URL`: the app's permissions change (the same walk: links never followed
 * nor changed, unreadable folders and unusable names counted), with a summary on stderr. Exit 1
 * when some items could not be changed.
 */
export async function chmod(
  modeText: string,
  url: string,
  options: ChmodOptions,
  out: Output,
): Promise<ExitCode> {
  const mode = parseMode(modeText);
  if (options.filesOnly && options.foldersOnly) {
    throw usageError('--files-only and --folders-only leave nothing to change together.');
  }
  const scope: PermissionScope = options.filesOnly
    ? 'files'
    : options.foldersOnly
      ? 'folders'
      : 'all';
  const connection = await connect(url, options, out);
  const counts = noChangesYet();
  const failures: { path: string; error: ErrorInfo }[] = [];
  const unreadable: string[] = [];
  try {
    const fs = connection.first;
    await chmodTree({
      fs,
      paths: [connection.target.path],
      change: { mode, mask: RWX_BITS, addX: options.addX === true },
      recursive: options.recursive === true,
      scope,
      parallel: fs.protocol === 'sftp' ? 4 : 1,
      signal: new AbortController().signal,
      counts,
      report: {
        at: () => undefined,
        failed: (path, error) => void failures.push({ path, error }),
        unreadable: (path) => void unreadable.push(path),
      },
    });
  } finally {
    await connection.first.close();
  }
  if (out.json) {
    out.result(JSON.stringify({ ok: counts.failed === 0, ...counts, failures, unreadable }));
  } else {
    for (const line of summary(counts, failures, unreadable)) out.info(line);
  }
  return counts.failed === 0 ? EXIT.ok : EXIT.transfer;
}

function summary(
  counts: PermissionsCounts,
  failures: { path: string; error: ErrorInfo }[],
  unreadable: string[],
): string[] {
  const n = (count: number, word: string) =>
    `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;
  const lines = [`Changed ${n(counts.changed, 'item')}.`];
  for (const failure of failures.slice(0, NAMED_FAILURES)) {
    lines.push(`failed: ${printableName(failure.path)}: ${failure.error.message}`);
  }
  if (failures.length > NAMED_FAILURES) {
    lines.push(`… and ${n(failures.length - NAMED_FAILURES, 'more failure')}.`);
  }
  if (counts.unreadable > 0) {
    const shown = unreadable.slice(0, 5).map(printableName).join(', ');
    lines.push(
      `${n(counts.unreadable, 'folder')} could not be read, and what is inside stays as it was (${shown}).`,
    );
  }
  if (counts.links > 0) {
    lines.push(`${n(counts.links, 'link')} left as they are (a change never goes through a link).`);
  }
  if (counts.refusedNames > 0) {
    lines.push(
      `${n(counts.refusedNames, 'name')} the server listed are not valid names: left out.`,
    );
  }
  return lines;
}
