import fc from 'fast-check';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRemoteName, printableName, resolveInside, type UnsafeReason } from './safe-names';

const CASES: [name: string, expected: UnsafeReason | 'safe'][] = [
  ['report.pdf', 'safe'],
  ['with spaces.txt', 'safe'],
  ['.hidden', 'safe'],
  ['..double-dot-prefix', 'safe'],
  ['ünïcødé – ✓ 日本語.txt', 'safe'],
  ['emoji 🚢.bin', 'safe'],
  ['nul-not-reserved.txt', 'safe'],
  ['console.log', 'safe'],
  ['com10', 'safe'],
  ['', 'empty'],
  ['.', 'dot-name'],
  ['..', 'dot-name'],
  ['../escape', 'separator'],
  ['/abs', 'separator'],
  ['a/b', 'separator'],
  ['..\\win', 'separator'],
  ['C:\\Windows', 'separator'],
  ['\\\\server\\share', 'separator'],
  ['nul\0byte', 'control-character'],
  ['bell\u0007', 'control-character'],
  ['line\nbreak', 'control-character'],
  ['carriage\rreturn', 'control-character'],
  ['escape\u001b[31mred', 'control-character'],
  ['del\u007f', 'control-character'],
  ['c1\u0085', 'control-character'],
  ['C:', 'reserved-character'],
  ['C:evil', 'reserved-character'],
  ['what?.txt', 'reserved-character'],
  ['star*', 'reserved-character'],
  ['<tag>', 'reserved-character'],
  ['pipe|', 'reserved-character'],
  ['"quoted"', 'reserved-character'],
  ['nul', 'reserved-name'],
  ['NUL', 'reserved-name'],
  ['nul.txt', 'reserved-name'],
  ['con', 'reserved-name'],
  ['Con.tar.gz', 'reserved-name'],
  ['prn', 'reserved-name'],
  ['aux', 'reserved-name'],
  ['com1', 'reserved-name'],
  ['COM9.log', 'reserved-name'],
  ['lpt1', 'reserved-name'],
  ['com¹', 'reserved-name'],
  ['trailing.', 'trailing-dot-or-space'],
  ['trailing ', 'trailing-dot-or-space'],
  ['...', 'trailing-dot-or-space'],
  ['a'.repeat(255), 'safe'],
  ['a'.repeat(256), 'too-long'],
  ['é'.repeat(128), 'too-long'],
  // Ferry's temporary download names: a listing must not be able to name one.
  ['.report.pdf.ferry-part', 'part-file-name'],
  ['.report.pdf.3f9a1c0b7e2d.ferry-part', 'part-file-name'],
  ['anything.FERRY-PART', 'part-file-name'],
  ['.ferry-part', 'part-file-name'],
  ['report.ferry-part.txt', 'safe'],
  ['ferry-part', 'safe'],
];

describe('checkRemoteName', () => {
  it.each(CASES)('%j → %s', (name, expected) => {
    const check = checkRemoteName(name);
    expect(check.safe ? 'safe' : check.reason).toBe(expected);
  });

  it('never accepts a name that resolves outside the folder or onto the folder itself', () => {
    const root = resolve('/tmp/ferry-download-root');
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 12 }),
            fc.constantFrom('..', '.', '/', '\\', '../', '..\\', 'C:', '\0', '~'),
            fc.string({ unit: 'binary', maxLength: 12 }),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        (parts) => {
          const name = parts.join('');
          if (!checkRemoteName(name).safe) return;
          const path = join(root, name);
          const rel = relative(root, path);
          expect(rel).toBe(name);
          expect(resolveInside(root, [name])).toBe(path);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('resolveInside', () => {
  it('keeps nested checked names inside the root', () => {
    expect(resolveInside('/data/in', ['a', 'b c', 'd.txt'])).toBe('/data/in/a/b c/d.txt');
  });

  it('refuses anything that leaves the root or is the root', () => {
    expect(resolveInside('/data/in', ['..', 'x'])).toBeUndefined();
    expect(resolveInside('/data/in', ['/etc/passwd'])).toBeUndefined();
    expect(resolveInside('/data/in', ['a', '..', '..', 'x'])).toBeUndefined();
    expect(resolveInside('/data/in', ['.'])).toBeUndefined();
    expect(resolveInside('/data/in', ['..in-sibling'])).toBe('/data/in/..in-sibling');
  });
});

describe('printableName', () => {
  it('shows control characters as escapes instead of sending them to a terminal', () => {
    expect(printableName('evil\u001b[2Jname\n')).toBe('evil\\u001b[2Jname\\n');
  });

  it.each([
    ['a C1 escape sequence (CSI)', 'csi\u009b2J.txt', 'csi\\u009b2J.txt'],
    ['DEL', 'del\u007f.txt', 'del\\u007f.txt'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoice\\u202efdp.exe'],
    ['a bidirectional isolate', 'a\u2066b\u2069', 'a\\u2066b\\u2069'],
    ['a line separator', 'two\u2028lines', 'two\\u2028lines'],
    ['nothing to hide', 'ünïcødé 🚢 日本.txt', 'ünïcødé 🚢 日本.txt'],
  ])('shows %s escaped, as it would otherwise act on a terminal', (_, name, shown) => {
    expect(printableName(name)).toBe(shown);
  });
});
