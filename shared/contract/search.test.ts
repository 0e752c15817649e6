import { describe, expect, it } from 'vitest';
import { searchMethods } from './search';

const input = searchMethods['search.start'].input;
const valid = {
  pageId: 'page-1234',
  sessionId: 's1',
  root: '/var/www',
  criteria: { name: '*.jpg', nameMode: 'pattern', matchCase: false, includeFolders: true },
};

describe('search.start input', () => {
  it('takes a search below an absolute folder, limits optional', () => {
    expect(input.safeParse(valid).success).toBe(true);
    expect(input.safeParse({ ...valid, limits: { depth: 0, results: 10_000 } }).success).toBe(true);
  });

  it.each([
    ['a relative folder', { ...valid, root: 'var/www' }],
    ['no page', { ...valid, pageId: undefined }],
    ['a depth beyond 100', { ...valid, limits: { depth: 101 } }],
    ['more than 10,000 results', { ...valid, limits: { results: 10_001 } }],
    ['a negative size', { ...valid, criteria: { ...valid.criteria, largerThan: -1 } }],
    ['an unknown match mode', { ...valid, criteria: { ...valid.criteria, nameMode: 'regex' } }],
    ['a criterion it does not know', { ...valid, criteria: { ...valid.criteria, regex: '.*' } }],
    [
      'a name of more than 1024 characters',
      { ...valid, criteria: { ...valid.criteria, name: 'x'.repeat(1025) } },
    ],
  ])('refuses %s', (_what, value) => {
    expect(input.safeParse(value).success).toBe(false);
  });
});
