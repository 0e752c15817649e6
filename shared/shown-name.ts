/**
 * A server name as the page shows it. Bytes of a name that is not UTF-8 travel as U+DC80–U+DCFF
 * (electron/core/remote/utf8-names.ts) so the name still reaches its file; on screen each is
 * written out as "\xE9", rather than a "�" that would hide which byte it was.
 *
 * Characters that reorder text (Unicode bidirectional controls, e.g. U+202E RIGHT-TO-LEFT
 * OVERRIDE) are written out as "\u202E" too: shown as they are, "invoice\u202Efdp.exe" reads
 * "invoiceexe.pdf" — a name could pass itself off as another kind of file.
 */
export function shownName(name: string): string {
  return name
    .replace(
      /[\uDC80-\uDCFF]/gu,
      (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16).toUpperCase()}`,
    )
    .replace(
      /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu,
      (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    );
}
