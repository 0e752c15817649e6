import { describe, expect, it } from 'vitest';
import { exclusionProblem, exclusionsFromText, nameFilter, type NameFilter } from './name-filter';

function filterOf(...patterns: string[]): NameFilter {
  const filter = nameFilter(patterns);
  if (!filter) throw new Error('expected a filter');
  return filter;
}

describe('nameFilter', () => {
  it('leaves out exact names in any case, and says which pattern did it', () => {
    const filter = filterOf('.git', 'Thumbs.db');
    expect(filter.excludes('.git', true)).toBe('.git');
    expect(filter.excludes('thumbs.DB', false)).toBe('Thumbs.db');
    expect(filter.excludes('.gitignore', false)).toBeUndefined();
    expect(filter.excludes('my.git', false)).toBeUndefined();
  });

  it('matches * and ? against the whole name', () => {
    const filter = filterOf('*.tmp', 'backup-????.zip');
    expect(filter.excludes('report.TMP', false)).toBe('*.tmp');
    expect(filter.excludes('.tmp', false)).toBe('*.tmp');
    expect(filter.excludes('report.tmp.txt', false)).toBeUndefined();
    expect(filter.excludes('backup-2026.zip', false)).toBe('backup-????.zip');
    expect(filter.excludes('backup-26.zip', false)).toBeUndefined();
  });

  it('limits a pattern ending in / to folders', () => {
    const filter = filterOf('node_modules/', 'build/');
    expect(filter.excludes('node_modules', true)).toBe('node_modules/');
    expect(filter.excludes('node_modules', false)).toBeUndefined();
    expect(filter.excludes('build', false)).toBeUndefined();
  });

  it('matches a name however its letters are composed', () => {
    const filter = filterOf('Café*');
    expect(filter.excludes('cafe\u0301 menu.txt', false)).toBe('Café*');
  });

  it('takes regular-expression characters literally', () => {
    const filter = filterOf('a+b (1).[x]', '^$');
    expect(filter.excludes('a+b (1).[x]', false)).toBe('a+b (1).[x]');
    expect(filter.excludes('aab (1).x', false)).toBeUndefined();
    expect(filter.excludes('^$', false)).toBe('^$');
  });

  it('is absent when no usable pattern is given', () => {
    expect(nameFilter([])).toBeUndefined();
    expect(nameFilter(['', '*', 'a/b'])).toBeUndefined();
  });

  it('answers at once for a server-chosen name against many stars', () => {
    // A backtracking regular expression would run far past the test's timeout here.
    const filter = filterOf(`${'*a'.repeat(40)}*b`);
    expect(filter.excludes('a'.repeat(255), false)).toBeUndefined();
    expect(filter.excludes(`${'a'.repeat(254)}b`, false)).toBe(`${'*a'.repeat(40)}*b`);
  });
});

describe('exclusionProblem', () => {
  it('says what is wrong with a pattern in plain words', () => {
    expect(exclusionProblem('src/lib')).toMatch(/folder path.*one name/);
    expect(exclusionProblem('*')).toMatch(/leave out everything/);
    expect(exclusionProblem('*/')).toBeUndefined();
    expect(exclusionProblem(' x')).toMatch(/space/);
    expect(exclusionProblem('x'.repeat(201))).toMatch(/longer than 200/);
    expect(exclusionProblem('a\tb')).toMatch(/control character/);
    expect(exclusionProblem('node_modules/')).toBeUndefined();
  });
});

describe('exclusionsFromText', () => {
  it('takes one pattern per line, without blank lines or surrounding spaces', () => {
    expect(exclusionsFromText(' .git \r\n\n*.tmp\n  \nnode_modules/\n')).toEqual([
      '.git',
      '*.tmp',
      'node_modules/',
    ]);
  });
});
