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

  it('leaves other names as they are, right-to-left scripts too', () => {
    for (const name of ['report.pdf', 'שלום.txt', 'مرحبا.txt', '日本.txt', 'back\\slash']) {
      expect(shownName(name)).toBe(name);
    }
  });
});
