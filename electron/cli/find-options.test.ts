import { describe, expect, it } from 'vitest';
import { parseSize, parseWhen } from './find-options';

describe('parseSize', () => {
  it.each([
    ['1500', 1500],
    ['10K', 10 * 1024],
    ['2.5M', 2.5 * 1024 ** 2],
    ['1G', 1024 ** 3],
    ['4KiB', 4096],
    ['3mb', 3 * 1024 ** 2],
  ])('%s is %d bytes', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(['', 'K', 'lots', '-5', '1T', '1e9'])('refuses "%s"', (text) =>
    expect(() => parseSize(text)).toThrow(/is not a size/),
  );
});

describe('parseWhen', () => {
  const now = Date.UTC(2026, 10, 27, 12);
  it('reads a day (its local start), an ISO time, or a time ago', () => {
    expect(parseWhen('2026-01-31')).toBe(new Date(2026, 0, 31).getTime());
    expect(parseWhen('2026-01-31T12:00:00Z')).toBe(Date.UTC(2026, 0, 31, 12));
    expect(parseWhen('7d', now)).toBe(now - 7 * 86_400_000);
    expect(parseWhen('12h', now)).toBe(now - 12 * 3_600_000);
  });

  it.each(['yesterday', '31/01/2026', '2026-13-45x', ''])('refuses "%s"', (text) =>
    expect(() => parseWhen(text)).toThrow(/is not a date/),
  );
});
