import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../shared/types';
import {
  deleteQuestion,
  formatModified,
  formatPermissions,
  formatSize,
  kindLabel,
  opensAsFolder,
} from './format';

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '1 kB'],
    [1234, '1.2 kB'],
    [1_200_000, '1.2 MB'],
    [12_345_678, '12.3 MB'],
    [123_456_789, '123 MB'],
    [999_950, '1 MB'],
    [999_999_999, '1 GB'],
    [5_000_000_000_000, '5 TB'],
    [-1, ''],
    [Number.NaN, ''],
  ])('%d bytes → "%s"', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});

describe('formatPermissions', () => {
  it.each([
    [0o755, 'rwxr-xr-x'],
    [0o644, 'rw-r--r--'],
    [0o000, '---------'],
    [0o777, 'rwxrwxrwx'],
    [0o4755, 'rwsr-xr-x'],
    [0o4644, 'rwSr--r--'],
    [0o2750, 'rwxr-s---'],
    [0o1777, 'rwxrwxrwt'],
    [0o1776, 'rwxrwxrwT'],
    [null, ''],
  ])('%o → "%s"', (mode, text) => {
    expect(formatPermissions(mode)).toBe(text);
  });
});

describe('formatModified', () => {
  it('shows date and time in the given locale', () => {
    expect(formatModified(Date.UTC(2024, 2, 5, 14, 7), 'en-GB', 'UTC')).toBe('5 Mar 2024, 14:07');
    expect(formatModified(Date.UTC(2024, 2, 5, 14, 7), 'en-US', 'UTC')).toMatch(
      /^Mar 5, 2024,? 2:07\sPM$/,
    );
  });
  it('is blank when unknown', () => {
    expect(formatModified(null)).toBe('');
  });
});

const entry = (over: Partial<FileEntry>): FileEntry => ({
  name: 'x',
  kind: 'file',
  size: 0,
  modified: null,
  mode: null,
  hidden: false,
  ...over,
});

describe('kindLabel and opensAsFolder', () => {
  it.each<[Partial<FileEntry>, string, boolean]>([
    [{ kind: 'folder' }, 'Folder', true],
    [{ name: 'report.pdf' }, 'PDF file', false],
    [{ name: 'archive.tar.gz' }, 'GZ file', false],
    [{ name: '.bashrc' }, 'File', false],
    [{ name: 'trailing.' }, 'File', false],
    [{ name: 'README' }, 'File', false],
    [{ kind: 'symlink', targetKind: 'folder' }, 'Link to folder', true],
    [{ kind: 'symlink', targetKind: 'file' }, 'Link', false],
    [{ kind: 'symlink' }, 'Broken link', false],
    [{ kind: 'other' }, 'Other', false],
  ])('%o → %s', (over, label, opens) => {
    expect(kindLabel(entry(over))).toBe(label);
    expect(opensAsFolder(entry(over))).toBe(opens);
  });
});

describe('deleteQuestion', () => {
  it.each<[number, 'trash' | 'permanent', string]>([
    [1, 'trash', 'Move 1 item to the trash?'],
    [3, 'trash', 'Move 3 items to the trash?'],
    [1, 'permanent', 'Delete 1 item permanently? This cannot be undone.'],
    [2, 'permanent', 'Delete 2 items permanently? This cannot be undone.'],
  ])('%d, %s → %s', (count, mode, question) => {
    expect(deleteQuestion(count, mode)).toBe(question);
  });
});
