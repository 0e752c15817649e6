/**
 * Names that come from a server are data, not paths (DESIGN.md): a listed name that cannot be
 * addressed as one entry of its folder is left out of a listing's entries and reported in its
 * `skipped` list instead. `.` and `..` (the folder itself and its parent) are no entries at all;
 * callers leave them out silently.
 */

/** Why `name` cannot be one entry of a folder over any protocol; undefined when it can. */
export function refusedNameReason(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name.includes('/')) return 'it contains a slash (/), which separates folders';
  if (name.includes('\0')) return 'it contains a NUL character';
  return undefined;
}

/** The same for FTP, whose commands end at a line break. */
export function refusedFtpNameReason(name: string): string | undefined {
  const reason = refusedNameReason(name);
  if (reason !== undefined) return reason;
  if (/[\r\n]/.test(name)) return 'it contains a line break, which FTP commands cannot carry';
  return undefined;
}

/** The folder itself and its parent, which every listing may name. */
export function isSelfOrParent(name: string): boolean {
  return name === '.' || name === '..';
}
