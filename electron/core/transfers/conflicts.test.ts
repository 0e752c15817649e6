import { describe, expect, it } from 'vitest';
import type { ConflictAction } from '../../../shared/contract/settings';
import { applyConflictAction } from './conflicts';
import { freeName, numberedName } from './free-name';

const facts = (size: number, modified: number | null) => ({ size, modified, mode: 0o644 });
const HOUR = 3_600_000;

describe('applyConflictAction', () => {
  const cases: [string, ConflictAction, number, number | null, number, number | null, string][] = [
    // label, action, source size, source date, target size, target date, expected
    ['overwrite always writes from 0', 'overwrite', 10, 0, 99, HOUR, 'write@0'],
    ['newer source replaces', 'overwrite-if-newer', 10, HOUR, 10, 0, 'write@0'],
    ['older source is skipped', 'overwrite-if-newer', 10, 0, 10, HOUR, 'skip'],
    ['same date is skipped', 'overwrite-if-newer', 10, HOUR, 10, HOUR, 'skip'],
    [
      'a second newer is not newer (listings are coarse)',
      'overwrite-if-newer',
      10,
      HOUR + 1000,
      10,
      HOUR,
      'skip',
    ],
    ['unknown dates replace', 'overwrite-if-newer', 10, null, 10, HOUR, 'write@0'],
    ['resume continues after the target', 'resume', 100, 0, 40, 0, 'write@40'],
    ['resume of a complete file skips', 'resume', 100, 0, 100, 0, 'skip'],
    ['resume onto a bigger file replaces', 'resume', 100, 0, 140, 0, 'write@0'],
    ['rename renames', 'rename', 1, 0, 1, 0, 'rename'],
    ['skip skips', 'skip', 1, 0, 1, 0, 'skip'],
  ];
  it.each(cases)('%s', (_label, action, sSize, sDate, tSize, tDate, expected) => {
    const outcome = applyConflictAction(action, facts(sSize, sDate), facts(tSize, tDate));
    const shown = outcome.kind === 'write' ? `write@${outcome.offset}` : outcome.kind;
    expect(shown).toBe(expected);
  });
});

describe('free names', () => {
  it.each([
    ['report.pdf', 'report (1).pdf'],
    ['archive.tar.gz', 'archive (1).tar.gz'],
    ['.bashrc', '.bashrc (1)'],
    ['Makefile', 'Makefile (1)'],
    ['photo.final.jpg', 'photo.final (1).jpg'],
  ])('%s → %s', (name, expected) => {
    expect(numberedName(name, 1)).toBe(expected);
  });

  it('takes the first number not in use', async () => {
    const taken = new Set(['a (1).txt', 'a (2).txt']);
    expect(await freeName('a.txt', (candidate) => taken.has(candidate))).toBe('a (3).txt');
  });
});
