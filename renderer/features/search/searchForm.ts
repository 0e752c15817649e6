/**
 * The search form as typed (text fields) and what it asks the core for. Pure, so the rules are
 * table-tested: sizes in the units the panes show (decimal kB, MB, GB), dates as whole days of
 * the user's calendar ("modified on or after" a day starts at its midnight; "before" a day ends
 * at the midnight that starts it).
 */
import { SEARCH_CAPS, SEARCH_DEFAULTS, type SearchCriteria } from '../../../shared/contract/search';

export const SIZE_UNITS = { B: 1, kB: 1000, MB: 1000 ** 2, GB: 1000 ** 3 } as const;
export type SizeUnit = keyof typeof SIZE_UNITS;

export interface SearchForm {
  name: string;
  nameMode: 'contains' | 'pattern';
  matchCase: boolean;
  includeFolders: boolean;
  largerThan: string;
  largerUnit: SizeUnit;
  smallerThan: string;
  smallerUnit: SizeUnit;
  /** yyyy-mm-dd, as a date field gives it, or empty. */
  modifiedFrom: string;
  modifiedBefore: string;
  /** The server folder to search below. */
  root: string;
  depth: string;
}

export function emptyForm(root: string): SearchForm {
  return {
    name: '',
    nameMode: 'contains',
    matchCase: false,
    includeFolders: true,
    largerThan: '',
    largerUnit: 'MB',
    smallerThan: '',
    smallerUnit: 'MB',
    modifiedFrom: '',
    modifiedBefore: '',
    root,
    depth: String(SEARCH_DEFAULTS.depth),
  };
}

export type FormField = 'root' | 'largerThan' | 'smallerThan' | 'modifiedBefore' | 'depth';

export type ParsedForm =
  | { ok: true; root: string; criteria: SearchCriteria; depth: number }
  | { ok: false; field: FormField; message: string };

export function parseForm(form: SearchForm): ParsedForm {
  const root = form.root.trim();
  if (!root.startsWith('/')) {
    return { ok: false, field: 'root', message: 'Type a server folder starting with /.' };
  }
  const criteria: SearchCriteria = {
    name: form.name.trim(),
    nameMode: form.nameMode,
    matchCase: form.matchCase,
    includeFolders: form.includeFolders,
  };
  const larger = sizeOf(form.largerThan, form.largerUnit);
  if (larger === null) return badSize('largerThan');
  if (larger !== undefined) criteria.largerThan = larger;
  const smaller = sizeOf(form.smallerThan, form.smallerUnit);
  if (smaller === null || smaller === 0) return badSize('smallerThan');
  if (smaller !== undefined) criteria.smallerThan = smaller;
  const from = startOfDay(form.modifiedFrom);
  if (from !== undefined) criteria.modifiedFrom = from;
  const before = startOfDay(form.modifiedBefore);
  if (before !== undefined) criteria.modifiedBefore = before;
  if (from !== undefined && before !== undefined && before <= from) {
    return {
      ok: false,
      field: 'modifiedBefore',
      message: 'The “before” day must come after the “on or after” day.',
    };
  }
  const depth = Number(form.depth.trim());
  if (!Number.isInteger(depth) || depth < 0 || depth > SEARCH_CAPS.depth) {
    return {
      ok: false,
      field: 'depth',
      message: `Levels of subfolders: a whole number from 0 to ${SEARCH_CAPS.depth}.`,
    };
  }
  return { ok: true, root, criteria, depth };
}

/** Bytes; undefined for an empty field, null for one that is not a size. */
function sizeOf(text: string, unit: SizeUnit): number | undefined | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0) return null;
  const bytes = Math.round(value * SIZE_UNITS[unit]);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

function badSize(field: 'largerThan' | 'smallerThan'): ParsedForm {
  return {
    ok: false,
    field,
    message:
      field === 'largerThan'
        ? 'Larger than: a number, like 1.5 (in the unit beside it).'
        : 'Smaller than: a number above 0, like 200 (in the unit beside it).',
  };
}

/** Local midnight at the start of a yyyy-mm-dd day (epoch ms), or undefined when empty. */
export function startOfDay(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}
