import { describe, expect, it } from 'vitest';
import { permissionsMethods } from './permissions';

const input = permissionsMethods['permissions.start'].input;
const valid = { pageId: 'page-1234', sessionId: 's1', paths: ['/var/www/site'], mode: 0o644 };

describe('permissions.start input', () => {
  it('takes absolute paths and a mode; the rest has defaults (all bits, one level, all kinds)', () => {
    const parsed = input.parse(valid);
    expect(parsed).toMatchObject({ mask: 0o777, addX: false, recursive: false, scope: 'all' });
    const full = {
      ...valid,
      mode: 0o7777,
      mask: 0o022,
      addX: true,
      recursive: true,
      scope: 'files',
    };
    expect(input.safeParse(full).success).toBe(true);
  });

  it.each([
    ['no path', { ...valid, paths: [] }],
    ['a relative path', { ...valid, paths: ['www/site'] }],
    [
      'more than 10,000 paths',
      { ...valid, paths: Array.from({ length: 10_001 }, (_, i) => `/f${i}`) },
    ],
    ['a mode above 7777 (octal)', { ...valid, mode: 0o10000 }],
    ['a negative mode', { ...valid, mode: -1 }],
    ['a fractional mode', { ...valid, mode: 6.5 }],
    ['a mask above 7777 (octal)', { ...valid, mask: 0o10000 }],
    ['an unknown scope', { ...valid, scope: 'links' }],
    ['a field it does not know', { ...valid, followLinks: true }],
    ['no page', { ...valid, pageId: undefined }],
  ])('refuses %s', (_what, value) => {
    expect(input.safeParse(value).success).toBe(false);
  });
});
