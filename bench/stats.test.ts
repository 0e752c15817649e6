import { describe, expect, it } from 'vitest';
import { median, rate, ratio, summarize } from './stats';

describe('median', () => {
  it.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 1000], 10], // one outlier run does not move it
  ])('of %j is %d', (samples, expected) => {
    expect(median(samples)).toBe(expected);
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses an empty list instead of inventing a number', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('gives median, range and the spread relative to the median', () => {
    expect(summarize([90, 100, 110])).toEqual({
      n: 3,
      median: 100,
      min: 90,
      max: 110,
      spread: 0.2,
    });
  });

  it('ignores runs without a number (failed runs) and says so in n', () => {
    expect(summarize([Number.NaN, 50, 70])).toMatchObject({ n: 2, median: 60 });
  });

  it('is undefined when every run failed', () => {
    expect(summarize([])).toBeUndefined();
    expect(summarize([Number.NaN])).toBeUndefined();
  });
});

describe('rate and ratio', () => {
  it('turns an amount and a duration into a per-second rate', () => {
    expect(rate(256, 2)).toBe(128);
    expect(() => rate(1, 0)).toThrow(RangeError);
  });

  it('compares Ferry with the best peer, and has no answer without both', () => {
    expect(ratio(300, 100)).toBe(3);
    expect(ratio(undefined, 100)).toBeUndefined();
    expect(ratio(100, undefined)).toBeUndefined();
    expect(ratio(100, 0)).toBeUndefined();
  });
});
