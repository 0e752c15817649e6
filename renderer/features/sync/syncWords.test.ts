import { describe, expect, it } from 'vitest';
import type { SyncItem } from '../../../shared/contract/sync';
import type { TransferJob } from '../../../shared/contract/transfers';
import { tallyRun } from './syncRunTally';
import { resultText, summaryText } from './syncWords';

const item = (action: SyncItem['action'], files: number, bytes: number): SyncItem => ({
  id: String(Math.random()),
  action,
  reason: 'onlyLocal',
  path: 'x',
  kind: files === 1 ? 'file' : 'folder',
  bytes,
  files,
});

describe('summaryText', () => {
  it.each([
    [[], 'Nothing ticked: nothing will change.'],
    [[item('upload', 1, 3000), item('upload', 11, 3_200_000)], '12 files to upload (3.2 MB).'],
    [
      [item('upload', 1, 10), item('deleteRemote', 1, 400), item('deleteRemote', 1, 600)],
      '1 file to upload (10 B), 2 files to delete on the server (1 kB).',
    ],
    [
      [item('download', 2, 2000), item('deleteLocal', 1, 5)],
      '2 files to download (2 kB), 1 file to delete on this computer (5 B).',
    ],
  ])('%#', (items, text) => expect(summaryText(items)).toBe(text));
});

describe('resultText', () => {
  it.each([
    [{ queued: 0, deleted: 0, failed: [], transferIds: [] }, 'Nothing to transfer.'],
    [
      { queued: 1, deleted: 2, failed: [], transferIds: ['a'] },
      '1 transfer queued (see the transfer list), 2 items deleted.',
    ],
    [
      {
        queued: 3,
        deleted: 0,
        failed: [{ path: 'a', error: { code: 'permission_denied' as const, message: 'No.' } }],
        transferIds: ['a', 'b', 'c'],
      },
      '3 transfers queued (see the transfer list), 1 deletion failed.',
    ],
  ])('%#', (result, text) => expect(resultText(result)).toBe(text));
});

const rowOf = (id: string, patch: Partial<TransferJob>): TransferJob => ({
  id,
  sessionId: 's',
  direction: 'upload',
  kind: 'file',
  name: id,
  source: `/here/${id}`,
  target: `/there/${id}`,
  state: 'done',
  bytes: 0,
  total: 0,
  speed: 0,
  eta: null,
  attempts: 1,
  ...patch,
});

describe("resultText with the run's transfer rows", () => {
  const result = { queued: 4, deleted: 1, failed: [], transferIds: ['a', 'b', 'c', 'site'] };
  const rows = (list: TransferJob[]) => new Map(list.map((r) => [r.id, r]));

  it('counts the files left alone during the run, in the folders too', () => {
    const tally = tallyRun(
      result.transferIds,
      rows([
        rowOf('a', {}),
        rowOf('b', { state: 'skipped', leftAlone: 'changed', note: 'Changed on the server…' }),
        rowOf('c', { state: 'skipped', leftAlone: 'link' }),
        rowOf('site', { kind: 'folder', state: 'failed' }),
        rowOf('x', { parentId: 'site' }),
        rowOf('y', { parentId: 'site', state: 'skipped', leftAlone: 'changed' }),
        rowOf('z', { parentId: 'site', state: 'failed' }),
        rowOf('other', { state: 'skipped', leftAlone: 'changed' }), // another transfer's row
      ]),
    );
    expect(resultText(result, tally)).toBe(
      '2 uploaded, 2 left alone because they changed since the preview, 1 left alone because ' +
        'a link took its place or its folder’s, 1 failed (the transfer list says why), 1 item deleted.',
    );
  });

  it('says how far the transfers are while they run (rows not listed yet count as to come)', () => {
    const tally = tallyRun(
      result.transferIds,
      rows([rowOf('a', {}), rowOf('b', { state: 'active' })]),
    );
    expect(resultText(result, tally)).toBe('Transferring: 1 of 4 files done, 1 item deleted.');
  });

  it('counts a subfolder that could not be made (a link in its place) as failed', () => {
    const tally = tallyRun(
      ['site'],
      rows([
        rowOf('site', { kind: 'folder', state: 'failed', direction: 'download' }),
        rowOf('x', { parentId: 'site', direction: 'download' }),
        rowOf('sub', { parentId: 'site', kind: 'folder', state: 'failed' }),
        rowOf('again', { parentId: 'site', kind: 'folder', state: 'done' }), // listed on a retry
      ]),
    );
    expect(resultText({ queued: 1, deleted: 0, failed: [], transferIds: ['site'] }, tally)).toBe(
      '1 downloaded, 1 failed (the transfer list says why).',
    );
  });

  it('is not done while a folder is still being listed, though its files so far are', () => {
    const walking = { total: 1, done: 1, failed: 0, skipped: 0, walking: true };
    const tally = tallyRun(
      ['site'],
      rows([
        rowOf('site', { kind: 'folder', state: 'active', files: walking }),
        rowOf('x', { parentId: 'site' }),
      ]),
    );
    expect(resultText({ queued: 1, deleted: 0, failed: [], transferIds: ['site'] }, tally)).toBe(
      'Transferring: 1 of 2 files done.',
    );
  });

  it('one file left alone, downloaded', () => {
    const tally = tallyRun(
      ['a', 'b'],
      rows([
        rowOf('a', { direction: 'download' }),
        rowOf('b', { direction: 'download', state: 'skipped', leftAlone: 'changed' }),
      ]),
    );
    expect(resultText({ queued: 2, deleted: 0, failed: [], transferIds: ['a', 'b'] }, tally)).toBe(
      '1 downloaded, 1 left alone because it changed since the preview (the transfer list says why).',
    );
  });
});
