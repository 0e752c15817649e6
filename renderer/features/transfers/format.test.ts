import { describe, expect, it } from 'vitest';
import type { TransferJob } from '../../../shared/contract/transfers';
import {
  folderCounts,
  formatBytesOf,
  formatEta,
  formatSpeed,
  inFilter,
  percentDone,
  stateLabel,
} from './format';

describe('transfer panel words', () => {
  it.each<[number, string]>([
    [0, ''],
    [-5, ''],
    [Number.NaN, ''],
    [999, '999 B/s'],
    [1_200_000, '1.2 MB/s'],
    [125_400_000, '125 MB/s'],
  ])('speed %d → %j', (speed, text) => expect(formatSpeed(speed)).toBe(text));

  it.each<[number | null, string]>([
    [null, ''],
    [-1, ''],
    [Infinity, ''],
    [0.2, '1 s left'],
    [59, '59 s left'],
    [61, '1 min left'],
    [3599, '1 h left'],
    [3540, '59 min left'],
    [3600, '1 h left'],
    [3900, '1 h 5 min left'],
  ])('ETA %s → %j', (eta, text) => expect(formatEta(eta)).toBe(text));

  it.each<[number, number | null, number | null]>([
    [0, null, null],
    [0, 0, 100],
    [5, 10, 50],
    [999, 1000, 99],
    [20, 10, 100],
  ])('percent of %d / %s → %s', (bytes, total, pct) => expect(percentDone(bytes, total)).toBe(pct));

  it('says bytes of total', () => {
    expect(formatBytesOf(4_200_000, 10_000_000)).toBe('4.2 MB of 10 MB');
    expect(formatBytesOf(1500, null)).toBe('1.5 kB');
  });

  it('counts a folder’s files', () => {
    expect(folderCounts({ total: 1, done: 0, failed: 0, skipped: 0, walking: false })).toBe(
      '0 of 1 file',
    );
    expect(folderCounts({ total: 200, done: 12, failed: 1, skipped: 2, walking: true })).toBe(
      '12 of 200 files, 1 failed, 2 skipped, still listing',
    );
  });

  it('says a folder is being listed', () => {
    const files = { total: 3, done: 0, failed: 0, skipped: 0, walking: true };
    expect(stateLabel({ state: 'active', kind: 'folder', files })).toBe('Listing');
    expect(stateLabel({ state: 'active', kind: 'file' })).toBe('Moving');
    expect(stateLabel({ state: 'queued', kind: 'file' })).toBe('Waiting');
  });
});

describe('transfer tabs', () => {
  const row = (patch: Partial<TransferJob>): TransferJob => ({
    id: 'j',
    sessionId: 's',
    direction: 'upload',
    kind: 'file',
    name: 'a',
    source: '/a',
    target: '/b/a',
    state: 'queued',
    bytes: 0,
    total: 1,
    speed: 0,
    eta: null,
    attempts: 1,
    ...patch,
  });
  const unsafe = { code: 'unsafe_name' as const, message: 'no' };

  it.each<[Partial<TransferJob>, string[]]>([
    [{ state: 'queued' }, ['current']],
    [{ state: 'active' }, ['current']],
    [{ state: 'done' }, ['finished']],
    [{ state: 'cancelled' }, ['finished']],
    [{ state: 'skipped' }, ['finished']],
    [{ state: 'skipped', error: unsafe }, ['failed', 'finished']],
    [{ state: 'failed' }, ['failed']],
    // A folder's files show only where each needs a word of its own: when they fail.
    [{ state: 'active', parentId: 'f' }, []],
    [{ state: 'done', parentId: 'f' }, []],
    [{ state: 'failed', parentId: 'f' }, ['failed']],
    [{ state: 'skipped', parentId: 'f', error: unsafe }, ['failed']],
  ])('%j shows in %j', (patch, tabs) => {
    const job = row(patch);
    const shown = (['current', 'failed', 'finished'] as const).filter((f) => inFilter(job, f));
    expect(shown).toEqual(tabs);
  });
});
