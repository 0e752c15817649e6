import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeTextFile, encodeTextFile } from './text-file';

const bytes = (text: string) => new TextEncoder().encode(text);
const BOM = '\uFEFF';

describe('decodeTextFile', () => {
  it.each([
    ['LF with a final newline', 'a\nb\n', 'a\nb\n', 'lf', false],
    ['LF without a final newline', 'a\nb', 'a\nb', 'lf', false],
    ['CRLF', 'a\r\nb\r\n', 'a\nb\n', 'crlf', false],
    ['CRLF without a final newline', 'a\r\nb', 'a\nb', 'crlf', false],
    ['old Mac CR', 'a\rb\r', 'a\nb\n', 'cr', false],
    ['no line break at all', 'one line', 'one line', 'lf', false],
    ['the empty file', '', '', 'lf', false],
    ['mostly CRLF with one LF', 'a\r\nb\r\nc\n', 'a\nb\nc\n', 'crlf', true],
    ['a lone CR inside a CRLF file', 'a\r\nb\rc\r\n', 'a\nb\nc\n', 'crlf', true],
    ['non-ASCII text', 'grüße 日本\n', 'grüße 日本\n', 'lf', false],
  ])('%s', (_, input, text, lineEnding, mixed) => {
    expect(decodeTextFile(bytes(input))).toEqual({
      text,
      lineEnding,
      mixedLineEndings: mixed,
      bom: false,
    });
  });

  it('notes a UTF-8 byte order mark and keeps it out of the text', () => {
    expect(decodeTextFile(bytes(`${BOM}x\r\n`))).toEqual({
      text: 'x\n',
      lineEnding: 'crlf',
      mixedLineEndings: false,
      bom: true,
    });
  });

  it.each([
    ['a NUL byte', Uint8Array.from([0x61, 0x00, 0x62]), 'binary'],
    [
      'a PNG header',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
      'binary',
    ],
    ['Latin-1 text', Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'not_utf8'],
    ['a cut multi-byte character', Uint8Array.from([0x61, 0xe6, 0x97]), 'not_utf8'],
    ['UTF-16 with its mark', Uint8Array.from([0xff, 0xfe, 0x61, 0x00]), 'binary'],
  ])('refuses %s', (_, input, refusal) => {
    expect(decodeTextFile(input)).toBe(refusal);
  });
});

describe('encodeTextFile', () => {
  it.each([
    ['lf', 'a\nb', 'a\nb'],
    ['crlf', 'a\nb\n', 'a\r\nb\r\n'],
    ['cr', 'a\nb\n', 'a\rb\r'],
  ] as const)('writes %s endings', (lineEnding, text, expected) => {
    expect(encodeTextFile(text, { lineEnding, bom: false })).toEqual(bytes(expected));
  });

  it('gives pasted CRLF and CR lines the file ending', () => {
    expect(encodeTextFile('a\r\nb\rc\n', { lineEnding: 'crlf', bom: false })).toEqual(
      bytes('a\r\nb\r\nc\r\n'),
    );
  });

  it('puts the byte order mark back', () => {
    expect(encodeTextFile('x\n', { lineEnding: 'lf', bom: true })).toEqual(bytes(`${BOM}x\n`));
  });

  it('gives back the same bytes for any unchanged file with one kind of line ending', () => {
    const line = fc.string({ unit: 'grapheme' }).map((s) => s.replace(/[\r\n\0\uFEFF]/g, ''));
    const file = fc.record({
      lines: fc.array(line, { maxLength: 8 }),
      ending: fc.constantFrom('\n', '\r\n', '\r'),
      finalNewline: fc.boolean(),
      bom: fc.boolean(),
    });
    fc.assert(
      fc.property(file, ({ lines, ending, finalNewline, bom }) => {
        const body = lines.join(ending) + (finalNewline && lines.length > 0 ? ending : '');
        const original = bytes((bom ? BOM : '') + body);
        const decoded = decodeTextFile(original);
        if (typeof decoded === 'string') throw new Error(`refused: ${decoded}`);
        expect(decoded.mixedLineEndings).toBe(false);
        expect(encodeTextFile(decoded.text, decoded)).toEqual(original);
      }),
    );
  });
});
