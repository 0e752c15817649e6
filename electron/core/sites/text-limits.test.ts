import { describe, expect, it } from 'vitest';
import { clampText } from './text-limits';

describe('fitting a name into a limit', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['eleven char', 10, 'eleven ch…'],
    // An emoji is two UTF-16 units: it is dropped whole, never cut in half.
    ['abcdefgh😀xyz', 10, 'abcdefgh…'],
    ['abcdefg😀xyz', 10, 'abcdefg😀…'],
  ])('%j within %i → %j', (text, max, expected) => {
    const clamped = clampText(text, max);
    expect(clamped).toBe(expected);
    expect(clamped.length).toBeLessThanOrEqual(max);
    // No lone surrogate: the text survives a UTF-8 round trip unchanged.
    expect(Buffer.from(clamped, 'utf8').toString('utf8')).toBe(clamped);
  });
});
