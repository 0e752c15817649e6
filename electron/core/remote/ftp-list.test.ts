import { FileInfo, FileType, parseList } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { parseListDate, parseMdtmReply, parseSizeReply, toFileEntry } from './ftp-list';

const NOW = new Date('2026-11-26T13:00:00Z');

describe('parseListDate', () => {
  it.each([
    // Recent entries carry a time and no year: the latest such date not in the future.
    ['Nov 26 12:34', '2026-11-26T12:34:00.000Z'],
    ['Nov 27 09:00', '2026-11-27T09:00:00.000Z'], // within a day of slack (zones)
    ['Dec 24 18:00', '2025-12-24T18:00:00.000Z'], // would be a month ahead: last year
    ['Jan  2 03:04', '2026-01-02T03:04:00.000Z'],
    ['feb 29 10:00', null], // no Feb 29 in the last year: ls would not print it so
    // Older entries carry a year and no time.
    ['Mar  5  2019', '2019-03-05T00:00:00.000Z'],
    ['Mar 5 2019', '2019-03-05T00:00:00.000Z'],
    ['2021-07-08 14:15', '2021-07-08T14:15:00.000Z'],
    // Anything else is unknown rather than wrong.
    ['Foo 12 12:00', null],
    ['Feb 31 2020', null],
    ['Nov 26 25:00', null],
    ['12月 3日 2020', null],
    ['', null],
  ])('%s -> %s', (raw, expected) => {
    const parsed = parseListDate(raw, NOW);
    expect(parsed === null ? null : new Date(parsed).toISOString()).toBe(expected);
  });
});

describe('parseMdtmReply', () => {
  it.each([
    ['213 20210304050607', '2021-03-04T05:06:07.000Z'],
    ['213 20210304050607.5', '2021-03-04T05:06:07.500Z'],
    ['213 20210304050607.123456', '2021-03-04T05:06:07.123Z'],
    ['213 20210304050607\r\n', '2021-03-04T05:06:07.000Z'],
    ['213 20210231050607', null], // Feb 31
    ['213 20210304250607', null],
    ['213 File modification time set.', null],
    ['550 Could not get file modification time.', null],
    ['213 2021030405060', null],
  ])('%s -> %s', (reply, expected) => {
    const parsed = parseMdtmReply(reply);
    expect(parsed === null ? null : new Date(parsed).toISOString()).toBe(expected);
  });
});

describe('parseSizeReply', () => {
  it.each([
    ['213 8192', 8192],
    ['213 0', 0],
    ['213 12 ', 12],
    ['213 99999999999999999999', undefined],
    ['213 12, some commentary', undefined],
    ['550 Could not get file size.', undefined],
  ])('%s -> %s', (reply, expected) => {
    expect(parseSizeReply(reply)).toBe(expected);
  });
});

describe('toFileEntry', () => {
  it('maps a vsftpd LIST listing: kinds, sizes, modes, owners, link targets, hidden names', () => {
    const listing = [
      'drwxr-xr-x    2 1002     1002         4096 Nov 26 12:00 with space',
      '-rw-r-----    1 1002     1002            0 Nov 26 12:01 zero.bin',
      'lrwxrwxrwx    1 1002     1002           10 Mar  5  2019 link to folder -> with space',
      '-rwsr-xr-x    1 0        0            123 Nov 26 12:02 .hidden tool',
      '-rw-r--r--    1 1002     1002            8 Nov 26 12:03  leading space.txt',
    ].join('\r\n');
    const entries = parseList(listing).map((info) => toFileEntry(info, NOW));
    expect(entries).toEqual([
      {
        name: 'with space',
        kind: 'folder',
        size: 0,
        modified: Date.parse('2026-11-26T12:00:00Z'),
        mode: 0o755,
        owner: '1002',
        group: '1002',
        hidden: false,
      },
      expect.objectContaining({ name: 'zero.bin', kind: 'file', size: 0, mode: 0o640 }),
      expect.objectContaining({
        name: 'link to folder',
        kind: 'symlink',
        target: 'with space',
        modified: Date.parse('2019-03-05T00:00:00Z'),
      }),
      expect.objectContaining({ name: '.hidden tool', hidden: true, mode: 0o755 }),
      expect.objectContaining({ name: ' leading space.txt', size: 8 }),
    ]);
  });

  it('prefers the exact MLSD time and reports unknown kinds as other', () => {
    const info = new FileInfo('socket');
    info.type = FileType.Unknown;
    info.modifiedAt = new Date('2020-01-02T03:04:05Z');
    expect(toFileEntry(info, NOW)).toMatchObject({
      kind: 'other',
      modified: Date.parse('2020-01-02T03:04:05Z'),
      mode: null,
    });
  });
});
