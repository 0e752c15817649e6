import { describe, expect, it } from 'vitest';
import { isSelfOrParent, refusedFtpNameReason, refusedNameReason } from './server-names';

describe('refusedNameReason', () => {
  it.each([
    ['plain.txt', undefined],
    ['with space', undefined],
    ['..\\win', undefined], // a backslash is a name character on the server; the engine judges it
    ['line\nbreak', undefined], // SFTP carries it; FTP cannot (below)
    ['', /empty/],
    ['a/b', /slash/],
    ['/abs', /slash/],
    ['../escape', /slash/],
    ['nul\0byte', /NUL/],
  ])('%j', (name, expected) => {
    const reason = refusedNameReason(name);
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toMatch(expected);
  });
});

describe('refusedFtpNameReason', () => {
  it('also refuses line breaks, which end an FTP command', () => {
    expect(refusedFtpNameReason('line\nbreak')).toMatch(/line break/);
    expect(refusedFtpNameReason('carriage\rreturn')).toMatch(/line break/);
    expect(refusedFtpNameReason('a/b')).toMatch(/slash/);
    expect(refusedFtpNameReason('fine')).toBeUndefined();
  });
});

describe('isSelfOrParent', () => {
  it.each([
    ['.', true],
    ['..', true],
    ['...', false],
    ['.hidden', false],
  ])('%j', (name, expected) => {
    expect(isSelfOrParent(name)).toBe(expected);
  });
});
