/**
 * FileZilla's coded server paths: `<type> <prefix length> [prefix] (<length> <segment>)…`, where
 * lengths are in characters so segments may contain spaces. `1 0 4 home 6 debian` is
 * /home/debian. Types 0 (default) 1 (Unix) and 9 (Cygwin) are slash paths Ferry can use.
 */
const SLASH_TYPES = new Set([0, 1, 9]);

export function decodeFileZillaPath(coded: string): { path?: string; note?: string } {
  if (coded.trim() === '') return {};
  const unreadable = { note: `The start folder "${coded}" could not be read and was left out.` };
  let i = 0;
  const readNumber = (): number | undefined => {
    const match = /^(\d+)( |$)/.exec(coded.slice(i));
    if (!match?.[1]) return undefined;
    i += match[0].length;
    return Number(match[1]);
  };
  const readChars = (count: number): string | undefined => {
    // Counted in characters (FileZilla writes wide strings), not bytes.
    const chars = Array.from(coded.slice(i));
    if (chars.length < count) return undefined;
    const value = chars.slice(0, count).join('');
    i += value.length;
    if (i < coded.length) {
      if (coded[i] !== ' ') return undefined;
      i += 1;
    }
    return value;
  };
  const type = readNumber();
  const prefixLength = readNumber();
  if (type === undefined || prefixLength === undefined) return unreadable;
  const prefix = prefixLength > 0 ? readChars(prefixLength) : '';
  if (prefix === undefined) return unreadable;
  const segments: string[] = [];
  while (i < coded.length) {
    const length = readNumber();
    const segment = length === undefined ? undefined : readChars(length);
    if (segment === undefined || segment === '' || segment.includes('/')) return unreadable;
    segments.push(segment);
  }
  if (!SLASH_TYPES.has(type) || prefix !== '') {
    return { note: 'The start folder is on a non-Unix server type and was left out.' };
  }
  return { path: `/${segments.join('/')}` };
}
