import { describe, expect, it } from 'vitest';
import { bitOf, parseOctal, toOctal } from './permissions';

describe('permission bits', () => {
  it.each([
    [0, 0, 0o400],
    [0, 2, 0o100],
    [1, 1, 0o020],
    [2, 0, 0o004],
    [2, 2, 0o001],
  ])('who %i, what %i is bit %o', (who, what, bit) => {
    expect(bitOf(who, what)).toBe(bit);
  });

  it.each([
    ['755', 0o755],
    ['0644', 0o644],
    [' 700 ', 0o700],
    ['800', undefined],
    ['75', undefined],
    ['7555', undefined],
    ['rwx', undefined],
  ])('parses %j', (text, mode) => {
    expect(parseOctal(text)).toBe(mode);
  });

  it('shows three octal digits, ignoring file-type bits', () => {
    expect(toOctal(0o100644)).toBe('644');
    expect(toOctal(0o7)).toBe('007');
  });
});
