import { describe, expect, it } from 'vitest';
import { shownName } from './shown-name';

describe('shownName', () => {
  it('writes out a byte that is not UTF-8 as \\xNN', () => {
    expect(shownName('caf\uDCE9.txt')).toBe('caf\\xE9.txt');
  });

  it('writes out characters that reorder the text, so a name cannot pass for another kind', () => {
    // Shown as is, this reads "invoiceexe.pdf".
    expect(shownName('invoice\u202Efdp.exe')).toBe('invoice\\u202Efdp.exe');
    expect(shownName('a\u2066b\u2069\u200F\u061C.txt')).toBe('a\\u2066b\\u2069\\u200F\\u061C.txt');
  });

  it('writes out control characters and line separators, so two names never look the same', () => {
    expect(shownName('new\nline.txt')).toBe('new\\u000Aline.txt');
    expect(shownName('tab\there\u0007\u001B[31m.txt')).toBe('tab\\u0009here\\u0007\\u001B[31m.txt');
    expect(shownName('a\u007F\u0085\u2028b')).toBe('a\\u007F\\u0085\\u2028b');
  });

  it('leaves other names as they are, right-to-left scripts too', () => {
    for (const name of ['report.pdf', 'שלום.txt', 'مرحبا.txt', '日本.txt', 'back\\slash']) {
      expect(shownName(name)).toBe(name);
    }
  });
});
