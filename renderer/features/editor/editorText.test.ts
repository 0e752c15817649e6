import { describe, expect, it } from 'vitest';
import { caretPosition, formatLabel } from './editorText';

describe('caretPosition', () => {
  it.each([
    ['the start', '', 0, 1, 1],
    ['inside the first line', 'abc\ndef', 2, 1, 3],
    ['the end of the first line', 'abc\ndef', 3, 1, 4],
    ['the start of the second line', 'abc\ndef', 4, 2, 1],
    ['after an empty line', 'a\n\nb', 3, 3, 1],
    ['after an emoji (one column, two UTF-16 units)', 'x😀y', 3, 1, 3],
  ])('%s', (_, text, offset, line, column) => {
    expect(caretPosition(text, offset)).toEqual({ line, column });
  });
});

describe('formatLabel', () => {
  it.each([
    [{ lineEnding: 'lf', bom: false }, 'LF (Linux, macOS), UTF-8'],
    [{ lineEnding: 'crlf', bom: true }, 'CRLF (Windows), UTF-8 with BOM'],
    [{ lineEnding: 'cr', bom: false }, 'CR (classic Mac), UTF-8'],
  ] as const)('%o', (format, label) => {
    expect(formatLabel(format)).toBe(label);
  });
});
