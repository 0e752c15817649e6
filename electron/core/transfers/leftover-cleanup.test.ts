/**
 * When a discarded upload's new file may be deleted: only while the server shows exactly the
 * size and time it gave when Ferry closed; anything else is said in words.
 */
import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../shared/types';
import { sameServer, whyNotOurs } from './leftover-cleanup';
import type { SavedJob } from './saved-queue-format';

const closedAt = 1_700_000_000_000;
const job = (created: SavedJob['created']): SavedJob => ({
  direction: 'upload',
  source: '/home/me/new.bin',
  folder: '/srv',
  path: ['new.bin'],
  size: 100,
  created,
});
const file = (
  size: number,
  modified: number | null,
  kind: FileEntry['kind'] = 'file',
): FileEntry => ({ name: 'new.bin', kind, size, modified, mode: 0o644, hidden: false });

describe('whyNotOurs', () => {
  const noted = job({ size: 40, modified: closedAt });
  it.each([
    ['still as Ferry left it', file(40, closedAt), undefined],
    ['gone already', null, 'gone'],
  ])('%s', (_, now, answer) => expect(whyNotOurs(noted, now)).toBe(answer));

  it.each([
    [
      'grown',
      noted,
      file(41, closedAt),
      /^its size changed since Ferry closed \(41 bytes now, 40 then\)/,
    ],
    ['newer', noted, file(40, closedAt + 1000), /^it was changed after Ferry closed/],
    // Another copy of the same size that kept an older time (a preserving upload) is not Ferry's.
    [
      'older',
      noted,
      file(40, closedAt - 1000),
      /^its time changed since Ferry closed \(set back\)/,
    ],
    ['a folder now', noted, file(0, closedAt, 'folder'), /^it is no longer a file/],
    ['no time from the server', noted, file(40, null), /does not say when it was last changed/],
    ['nothing noted at close', job({}), file(40, closedAt), /could not note its size and time/],
    [
      'only a size noted',
      job({ size: 40 }),
      file(40, closedAt),
      /could not note its size and time/,
    ],
  ])('%s: left, saying why', (_, saved, now, why) => {
    expect(whyNotOurs(saved, now)).toMatch(why);
  });
});

describe('sameServer', () => {
  const inner = { protocol: 'sftp', host: '10.0.0.5', port: 22, user: 'me' } as const;
  it('the same address behind another jump host, or none, is another server', () => {
    const viaA = { ...inner, jump: 'SSH jump host me@a.example:22' };
    expect(sameServer(viaA, { ...inner, jump: 'SSH jump host me@a.example:22' })).toBe(true);
    expect(sameServer(viaA, { ...inner, jump: 'SSH jump host me@b.example:22' })).toBe(false);
    expect(sameServer(viaA, inner)).toBe(false);
    expect(sameServer(inner, { ...inner })).toBe(true);
  });
});
