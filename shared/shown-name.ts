/**
 * A server name as the page shows it. Bytes of a name that is not UTF-8 travel as U+DC80–U+DCFF
 * (electron/core/remote/utf8-names.ts) so the name still reaches its file; on screen each is
 * written out as "\xE9", rather than a "�" that would hide which byte it was.
 *
 * Characters that reorder text (Unicode bidirectional controls, e.g. U+202E RIGHT-TO-LEFT
 * OVERRIDE) are written out as "\u202E" too: shown as they are, "invoice\u202Efdp.exe" reads
 * "invoiceexe.pdf" — a name could pass itself off as another kind of file. So are control
 * characters and line separators: "new\nline.txt" would look like "new line.txt", and a tab or
 * an escape shows as nothing or a box.
 */
export function shownName(name: string): string {
  return name
    .replace(
      /[\uDC80-\uDCFF]/gu,
      (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).toUpperCase()}`,
    )
    .replace(
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu,
      (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    );
}
