/** Formatters for what a file table shows. Pure, so they are tested table-driven. */
import type { FileEntry } from '../../../shared/types';

const UNITS = ['kB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

/**
 * Sizes in decimal units, as macOS and most Linux file managers show them:
 * "999 B", "1 kB", "1.2 MB", "12.3 MB", "123 MB".
 */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit: string = 'B';
  for (const next of UNITS) {
    if (value < 1000) break;
    value /= 1000;
    unit = next;
  }
  // Rounding 999.96 up to "1000" would read wrong: move up a unit instead.
  if (Number(value.toFixed(value < 100 ? 1 : 0)) >= 1000 && unit !== 'EB') {
    value /= 1000;
    unit = UNITS[UNITS.indexOf(unit as (typeof UNITS)[number]) + 1] ?? unit;
  }
  const text = value < 100 ? value.toFixed(1).replace(/\.0$/, '') : value.toFixed(0);
  return `${text} ${unit}`;
}

/** "rwxr-xr-x", with s/S and t/T for setuid, setgid and sticky; "" when unknown. */
export function formatPermissions(mode: number | null): string {
  if (mode === null) return '';
  const triplet = (bits: number, special: boolean, specialChar: string) => {
    const r = bits & 4 ? 'r' : '-';
    const w = bits & 2 ? 'w' : '-';
    const executable = (bits & 1) !== 0;
    const x = special
      ? executable
        ? specialChar
        : specialChar.toUpperCase()
      : executable
        ? 'x'
        : '-';
    return r + w + x;
  };
  return (
    triplet((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    triplet((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    triplet(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date and time in the user's locale; "" when unknown. Formatters are cached: lists are long. */
export function formatModified(millis: number | null, locale?: string, timeZone?: string): string {
  if (millis === null || !Number.isFinite(millis)) return '';
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
    dateFormats.set(key, format);
  }
  return format.format(millis);
}

/** Folders and links that lead to folders open on double-click or Enter (rule kept in shared/). */
export { opensAsFolder } from '../../../shared/compare/compare-folders';

/** A file, or a link to one: what the built-in editor can open. */
export function editable(entry: FileEntry): boolean {
  return entry.kind === 'file' || (entry.kind === 'symlink' && entry.targetKind === 'file');
}

/** What the Type column says: "Folder", "PDF file", "Link to folder", "File". */
export function kindLabel(entry: FileEntry): string {
  switch (entry.kind) {
    case 'folder':
      return 'Folder';
    case 'symlink':
      if (entry.targetKind === 'folder') return 'Link to folder';
      if (entry.targetKind === undefined) return 'Broken link';
      return 'Link';
    case 'other':
      return 'Other';
    case 'file': {
      const dot = entry.name.lastIndexOf('.');
      // ".bashrc" has no extension; "archive.tar.gz" is a GZ file.
      if (dot <= 0 || dot === entry.name.length - 1) return 'File';
      return `${entry.name.slice(dot + 1).toUpperCase()} file`;
    }
  }
}

/** The question a delete confirmation asks; its wording says whether it can be undone. */
export function deleteQuestion(count: number, mode: 'trash' | 'permanent'): string {
  const items = count === 1 ? '1 item' : `${count.toLocaleString()} items`;
  return mode === 'trash'
    ? `Move ${items} to the trash?`
    : `Delete ${items} permanently? This cannot be undone.`;
}
