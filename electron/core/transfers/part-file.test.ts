import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLivePartPath, isPartNameOf, partPathFor, releasePartPath } from './part-file';

const target = join('/downloads', 'report.pdf');

describe('isPartNameOf: only the exact names Ferry gives a target’s part files', () => {
  it.each([
    ['.report.pdf.0123456789ab.ferry-part', true],
    ['.report.pdf.ffffffffffff.ferry-part', true],
    ['.report.pdf.ferry-part', false],
    ['.report.pdf.0123456789AB.ferry-part', false],
    ['.report.pdf.0123456789a.ferry-part', false],
    ['.report.pdf.0123456789abc.ferry-part', false],
    ['.report.pdf.zzzzzzzzzzzz.ferry-part', false],
    ['.report.pdf.0123456789ab.ferry-part.txt', false],
    ['report.pdf.0123456789ab.ferry-part', false],
    ['.other.pdf.0123456789ab.ferry-part', false],
    ['.x.report.pdf.0123456789ab.ferry-part', false],
    ['.report.pdf.01234/6789ab.ferry-part', false],
  ])('%s → %s', (name, expected) => {
    expect(isPartNameOf(target, name)).toBe(expected);
  });

  it('recognises the names it makes, short and too long for a plain part name', () => {
    for (const name of ['a.txt', `${'long name '.repeat(24)}.bin`]) {
      const file = join('/downloads', name);
      const part = partPathFor(file);
      expect(isPartNameOf(file, basename(part))).toBe(true);
      expect(isPartNameOf(join('/downloads', `${name}x`), basename(part))).toBe(false);
      // This process's job owns it until it lets go.
      expect(isLivePartPath(part)).toBe(true);
      releasePartPath(part);
      expect(isLivePartPath(part)).toBe(false);
    }
  });
});
