import { describe, expect, it } from 'vitest';
import { emptyForm, parseForm, startOfDay, type SearchForm } from './searchForm';

const form = (patch: Partial<SearchForm> = {}): SearchForm => ({
  ...emptyForm('/var/www'),
  ...patch,
});

describe('parseForm', () => {
  it('asks for the name as typed, trimmed, case-insensitive, folders too, 20 levels deep', () => {
    expect(parseForm(form({ name: '  report ' }))).toEqual({
      ok: true,
      root: '/var/www',
      depth: 20,
      criteria: { name: 'report', nameMode: 'contains', matchCase: false, includeFolders: true },
    });
  });

  it.each([
    ['1.5', 'MB', 1_500_000],
    ['1,5', 'kB', 1500],
    ['0', 'B', 0],
    ['2', 'GB', 2_000_000_000],
  ] as const)('larger than %s %s is %i bytes', (text, unit, bytes) => {
    const parsed = parseForm(form({ largerThan: text, largerUnit: unit }));
    expect(parsed.ok && parsed.criteria.largerThan).toBe(bytes);
  });

  it.each([
    [{ largerThan: 'big' }, 'largerThan'],
    [{ largerThan: '-1' }, 'largerThan'],
    [{ smallerThan: '0' }, 'smallerThan'],
    [{ root: 'var/www' }, 'root'],
    [{ depth: '2.5' }, 'depth'],
    [{ depth: '101' }, 'depth'],
    [{ modifiedFrom: '2025-06-10', modifiedBefore: '2025-06-10' }, 'modifiedBefore'],
  ])('%j is refused at %s, with words', (patch, field) => {
    const parsed = parseForm(form(patch));
    expect(parsed).toMatchObject({ ok: false, field });
    expect(parsed.ok || parsed.message.length > 10).toBe(true);
  });

  it('takes days as whole days of the local calendar', () => {
    const parsed = parseForm(form({ modifiedFrom: '2025-06-01', modifiedBefore: '2025-07-01' }));
    expect(parsed.ok && parsed.criteria.modifiedFrom).toBe(new Date(2025, 5, 1).getTime());
    expect(parsed.ok && parsed.criteria.modifiedBefore).toBe(new Date(2025, 6, 1).getTime());
    expect(startOfDay('')).toBeUndefined();
  });
});
