/**
 * The last check before `sites.json` is written: a change that the file's own schema would refuse
 * on the next read is refused now, so valid-looking input can never make the file unreadable.
 */
import type { z } from 'zod';
import { FerryError } from '../../../shared/errors';
import { sitesDocument, type SitesDocument } from './document';
import { clampText, fieldProblem } from './text-limits';

/** The document as the file will hold it; throws `invalid_input` when it would not read back. */
export function checkedDocument(document: SitesDocument): SitesDocument {
  const parsed = sitesDocument.safeParse(document);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const what = issue
    ? `in ${recordOf(document, issue)}, the ${fieldProblem(issue)}`
    : 'a value does not fit';
  throw new FerryError(
    'invalid_input',
    `Your change was not saved: ${what}.`,
    'Your saved sites are unchanged. Shorten or correct that value, then try again.',
  );
}

function recordOf(document: SitesDocument, issue: z.core.$ZodIssue): string {
  const [list, index] = issue.path;
  const at = typeof index === 'number' ? index : -1;
  const quoted = (name: string | undefined) => (name ? ` “${clampText(name, 60)}”` : '');
  if (list === 'sites') return `the site${quoted(document.sites[at]?.name)}`;
  if (list === 'folders') return `the folder${quoted(document.folders[at]?.name)}`;
  if (list === 'recent') return 'a recent connection';
  return 'the sites file';
}
