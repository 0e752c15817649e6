/**
 * A server name as the page shows it. Bytes of a name that is not UTF-8 travel as U+DC80–U+DCFF
 * (electron/core/remote/utf8-names.ts) so the name still reaches its file; on screen each is
 * written out as "\xE9", rather than a "�" that would hide which byte it was.
 */
export function shownName(name: string): string {
  return name.replace(
    /[\uDC80-\uDCFF]/gu,
    (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).toUpperCase()}`,
  );
}
