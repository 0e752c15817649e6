import { describe, expect, it } from 'vitest';
import type { KeepUpState } from '../../../shared/contract/keepup';
import { clockTime, detailText, runningText, stoppedText } from './keepUpWords';

const state: KeepUpState = {
  keepId: 'k',
  sessionId: 's',
  localRoot: '/home/me/site',
  remoteRoot: '/var/www',
  deleteOnServer: false,
  running: true,
  uploaded: 3,
  foldersMade: 0,
  madeFolders: [],
  deleted: 0,
  failed: 0,
  waiting: 0,
  lastAt: Date.UTC(2026, 10, 27, 12, 1),
  lastPath: 'index.html',
  leftOut: 0,
  polling: false,
};

describe('keep up to date words', () => {
  it.each<[Partial<KeepUpState>, string]>([
    [{}, `3 uploaded, last ${clockTime(state.lastAt ?? 0)}`],
    [{ uploaded: 0, lastAt: null }, '0 uploaded'],
    [
      { uploaded: 0, lastAt: null, waiting: 2, failed: 1 },
      '0 uploaded, 2 waiting, 1 failed (see the transfers and the log)',
    ],
    [{ deleted: 4, lastAt: null }, '3 uploaded, 4 deleted there'],
  ])('running %o', (change, tail) => {
    expect(runningText({ ...state, ...change })).toBe(
      `Keeping /var/www up to date with /home/me/site — ${tail}`,
    );
  });

  it('says plainly whether the server loses files', () => {
    expect(detailText(state)).toBe('Nothing is deleted on the server.');
    expect(detailText({ ...state, deleteOnServer: true, polling: true })).toMatch(
      /^Files deleted here are deleted on the server too\. .*every few seconds/u,
    );
  });

  it.each<[Partial<KeepUpState>, string]>([
    [
      { stoppedBecause: 'folderGone' },
      'the folder on this computer is gone (deleted, moved or replaced by another)',
    ],
    [{ stoppedBecause: 'disconnected' }, 'the connection to the server closed'],
    [
      { stoppedBecause: 'failed', error: { code: 'internal', message: 'Boom.' } },
      'something went wrong (Boom.)',
    ],
  ])('stopped %o', (change, why) => {
    expect(stoppedText({ ...state, running: false, ...change })).toBe(
      `Stopped keeping /var/www up to date: ${why}. 3 files uploaded.`,
    );
  });
});
