import { describe, expect, it } from 'vitest';
import { excludedSkip } from './walk-remote';

describe('a row the exclusion list left out', () => {
  it.each([
    ['node_modules', 'node_modules'],
    ['src/\u202Egnp.exe', 'src/\\u202egnp.exe'],
  ])('shows %j as %j, with the pattern that matched', (relative, shown) => {
    const skip = excludedSkip(relative, `/home/me/${relative}`, '*.exe');
    expect(skip).toMatchObject({ name: shown, relative: shown, excludedBy: '*.exe' });
    expect(skip.note).toBe('Left out: matches "*.exe" in the exclusion list.');
  });
});
