import { describe, expect, it } from 'vitest';
import { bytesPerSecond, formatLimit, limitProblem, parseRate } from './speed-limit';

describe('parseRate (ferry --limit-rate)', () => {
  it.each([
    ['512K', 512 * 1024],
    ['512k', 512 * 1024],
    ['2M', 2 * 1024 ** 2],
    ['1.5M', 1.5 * 1024 ** 2],
    ['1G', 1024 ** 3],
    ['500KiB/s', 500 * 1024],
    ['2 MB/s', 2 * 1024 ** 2],
    ['4096', 4096],
  ])('reads %s as %d bytes per second', (text, bytes) => {
    expect(parseRate(text)).toEqual({ bytesPerSecond: bytes });
  });

  it.each(['', 'fast', '0', '0K', '-5K', '100', '1T', '5 KB per hour', '11G', 'NaN', '1e3K'])(
    'refuses %j with words that say why',
    (text) => {
      const result = parseRate(text);
      expect(result).toHaveProperty('problem');
      expect((result as { problem: string }).problem).toMatch(/speed|slow|fast/);
    },
  );
});

describe('settings limits', () => {
  it('converts and shows a limit as typed', () => {
    expect(bytesPerSecond({ value: 1, unit: 'MiB/s' })).toBe(1024 ** 2);
    expect(bytesPerSecond({ value: 512, unit: 'KiB/s' })).toBe(512 * 1024);
    expect(formatLimit({ value: 1, unit: 'MiB/s' })).toBe('1 MiB/s');
    expect(formatLimit({ value: 1.5, unit: 'MiB/s' })).toBe('1.5 MiB/s');
    expect(formatLimit({ value: 2048, unit: 'KiB/s' })).toBe('2,048 KiB/s');
  });

  it('explains what is wrong with a limit', () => {
    expect(limitProblem(0, 'KiB/s')).toMatch(/above 0/);
    expect(limitProblem(Number.NaN, 'MiB/s')).toMatch(/above 0/);
    expect(limitProblem(0.5, 'KiB/s')).toMatch(/slowest/);
    expect(limitProblem(20_000, 'MiB/s')).toMatch(/fastest/);
    expect(limitProblem(1, 'KiB/s')).toBeUndefined();
  });
});
