import { describe, expect, it } from 'vitest';
import { decodeFileZillaPath } from './filezilla-path';

describe("FileZilla's coded remote paths", () => {
  const table: [coded: string, expected: { path?: string; noted: boolean }][] = [
    ['1 0 4 home 6 debian', { path: '/home/debian', noted: false }],
    ['1 0', { path: '/', noted: false }],
    ['0 0 3 srv', { path: '/srv', noted: false }],
    ['1 0 8 My files 4 2024', { path: '/My files/2024', noted: false }],
    ['1 0 5 dépôt 3 été', { path: '/dépôt/été', noted: false }],
    ['9 0 4 cygd', { path: '/cygd', noted: false }],
    ['', { noted: false }],
    ['   ', { noted: false }],
    // Windows server with a drive prefix: not a slash path Ferry can open.
    ['3 2 C: 5 Users', { noted: true }],
    ['2 0 3 SYS', { noted: true }],
    // Broken codes: lengths that overrun, words where numbers belong, slashes in a segment.
    ['1 0 10 home', { noted: true }],
    ['x 0 4 home', { noted: true }],
    ['1 0 4 homeX6 debian', { noted: true }],
    ['1 0 3 a/b', { noted: true }],
    ['1 0 0 ', { noted: true }],
  ];
  it.each(table)('%j', (coded, expected) => {
    const result = decodeFileZillaPath(coded);
    expect(result.path).toBe(expected.path);
    expect(result.note !== undefined).toBe(expected.noted);
  });
});
