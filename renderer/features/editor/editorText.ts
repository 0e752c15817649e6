/** Small pure helpers of the editor's status line. */
import type { LineEnding } from '../../../shared/text-file';

/** Line and column (both from 1) of `offset` in `text`, whose lines end in "\n". */
export function caretPosition(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let at = before.indexOf('\n'); at !== -1; at = before.indexOf('\n', at + 1)) line++;
  // Columns count characters as people see them: an emoji is one, not two UTF-16 units.
  return { line, column: [...before.slice(lineStart)].length + 1 };
}

const ENDING_NAMES: Record<LineEnding, string> = {
  lf: 'LF (Linux, macOS)',
  crlf: 'CRLF (Windows)',
  cr: 'CR (classic Mac)',
};

export function endingName(lineEnding: LineEnding): string {
  return ENDING_NAMES[lineEnding];
}

/** "CRLF (Windows), UTF-8" — what the file is saved as. */
export function formatLabel(format: { lineEnding: LineEnding; bom: boolean }): string {
  return `${endingName(format.lineEnding)}, UTF-8${format.bom ? ' with BOM' : ''}`;
}
