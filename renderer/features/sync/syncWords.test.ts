import { describe, expect, it } from 'vitest';
import type { SyncItem } from '../../../shared/contract/sync';
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
    [{ queued: 0, deleted: 0, failed: [] }, 'Nothing to transfer.'],
    [
      { queued: 1, deleted: 2, failed: [] },
      '1 transfer queued (see the transfer list), 2 items deleted.',
    ],
    [
      {
        queued: 3,
        deleted: 0,
        failed: [{ path: 'a', error: { code: 'permission_denied' as const, message: 'No.' } }],
      },
      '3 transfers queued (see the transfer list), 1 deletion failed.',
    ],
  ])('%#', (result, text) => expect(resultText(result)).toBe(text));
});
