/** Wildcard matching of names, shared by the server search and the exclusion list. */

/**
 * `*` any run of characters (none too), `?` exactly one, anything else itself; the whole name
 * must match, in O(pattern × name) at worst (a regular expression of many `*` could take
 * exponential time on a long name, and servers choose names). Works on code points, so `?` is one emoji or one accented letter.
 */
export function wildcardMatch(pattern: readonly string[], name: readonly string[]): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    const wanted = pattern[p];
    if (wanted !== undefined && wanted !== '*' && (wanted === '?' || wanted === name[n])) {
      p++;
      n++;
    } else if (wanted === '*') {
      star = p++;
      resume = n;
    } else if (star !== -1) {
      // The last star takes one more character, and the rest is tried again from there.
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
