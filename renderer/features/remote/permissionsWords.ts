/** What a permissions change did, in plain words for the summary and the progress line. */
import type {
  PermissionsCounts,
  PermissionsFailure,
  PermissionsFinished,
} from '../../../shared/contract/permissions';

const SHOWN_NAMES = 3;

const count = (n: number) => n.toLocaleString('en-US');
const items = (n: number) => `${count(n)} ${n === 1 ? 'item' : 'items'}`;

/** The last part of a server path, as the user sees it in the list. */
function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

function reasonOf(failure: PermissionsFailure): string {
  switch (failure.error.code) {
    case 'permission_denied':
      return 'permission denied';
    case 'not_found':
      return 'no longer there';
    case 'not_supported':
      return 'its permissions are unknown';
    default:
      return failure.error.message;
  }
}

/** "a.txt, b (permission denied)": names with one reason, the reason said once per run. */
function failedNames(failures: readonly PermissionsFailure[], total: number): string {
  const shown = failures.slice(0, SHOWN_NAMES);
  const parts: string[] = [];
  shown.forEach((failure, i) => {
    const reason = reasonOf(failure);
    const next = shown[i + 1];
    const sameAsNext = next !== undefined && reasonOf(next) === reason;
    parts.push(sameAsNext ? nameOf(failure.path) : `${nameOf(failure.path)} (${reason})`);
  });
  const more = total - shown.length;
  return parts.join(', ') + (more > 0 ? ` and ${count(more)} more` : '');
}

/** "120 changed, in /site/css" while it runs. */
export function progressLine(counts: PermissionsCounts, current: string): string {
  const failed = counts.failed > 0 ? `, ${count(counts.failed)} could not be changed` : '';
  return `${items(counts.changed)} changed${failed} — now in ${current}`;
}

/** The summary's sentences, the main one first. */
export function summaryLines(end: PermissionsFinished): string[] {
  const lines: string[] = [];
  const failed =
    end.failed > 0
      ? `; ${count(end.failed)} could not be changed: ${failedNames(end.failures, end.failed)}`
      : '';
  if (end.outcome === 'stopped') {
    lines.push(
      `Stopped after changing ${items(end.changed)}${failed}. The rest were left as they were.`,
    );
  } else if (end.outcome === 'failed') {
    const why = end.error ? ` ${end.error.message}` : '';
    const hint = end.error?.hint ? ` ${end.error.hint}` : '';
    lines.push(`Changed ${items(end.changed)}, then the change could not go on.${why}${hint}`);
  } else {
    lines.push(`Changed ${items(end.changed)}${failed}.`);
  }
  if (end.unreadable > 0) {
    const where = end.unreadablePaths.slice(0, SHOWN_NAMES).join(', ');
    lines.push(
      `${count(end.unreadable)} ${end.unreadable === 1 ? 'folder' : 'folders'} could not be opened, so what is inside was left as it is: ${where}${end.unreadable > SHOWN_NAMES ? ', …' : ''}.`,
    );
  }
  if (end.links > 0) {
    lines.push(
      `${count(end.links)} ${end.links === 1 ? 'link was left as it is' : 'links were left as they are'} (a change never goes through a link).`,
    );
  }
  if (end.refusedNames > 0) {
    lines.push(
      `${count(end.refusedNames)} ${end.refusedNames === 1 ? 'name' : 'names'} the server listed could not be used safely and ${end.refusedNames === 1 ? 'was' : 'were'} left out.`,
    );
  }
  if (end.sharedConnection) {
    lines.push('The server allowed no second connection, so browsing waited for the change.');
  }
  return lines;
}

/** Whether a change that was not recursive needs a summary at all (something was not changed). */
export function worthTelling(end: PermissionsFinished): boolean {
  return end.outcome !== 'done' || end.failed > 0 || end.links > 0 || end.unreadable > 0;
}
