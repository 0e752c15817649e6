import { describe, expect, it } from 'vitest';
import type { SyncOptions } from '../../../shared/contract/sync';
import type { FileEntry } from '../../../shared/types';
import { planPair } from './plan-rules';

const T = Date.UTC(2026, 10, 26, 12, 0, 0);
const file = (name: string, size: number, minutes = 0): FileEntry => ({
  name,
  kind: 'file',
  size,
  modified: T + minutes * 60_000,
  mode: null,
  hidden: false,
});
const folder = (name: string): FileEntry => ({
  name,
  kind: 'folder',
  size: 0,
  modified: T,
  mode: null,
  hidden: false,
});

const LOCAL = [
  file('same', 1),
  file('newer', 2, 5),
  file('older', 3),
  file('size', 4),
  file('here', 5),
  folder('d'),
  folder('x'),
  file('clash', 1),
];
const REMOTE = [
  file('same', 1),
  file('newer', 2),
  file('older', 3, 5),
  file('size', 9),
  file('there', 6),
  folder('d'),
  folder('y'),
  folder('clash'),
];
const options = (o: Partial<SyncOptions>): SyncOptions => ({
  direction: 'upload',
  deleteExtra: false,
  compareBy: 'timeAndSize',
  recursive: true,
  ...o,
});
const run = (o: Partial<SyncOptions>) => {
  const plan = planPair(
    { local: LOCAL, remote: REMOTE, remotePrecision: 'exact', serverTimeOffsetMinutes: 0 },
    options(o),
  );
  return {
    actions: plan.entries.map((e) => `${e.action} ${e.name} (${e.reason})`).sort(),
    alone: plan.leftAlone.map((a) => `${a.name}: ${a.why}`).sort(),
    folders: plan.bothFolders,
  };
};

describe('planPair', () => {
  it.each([
    [
      {},
      [
        'upload here (onlyLocal)',
        'upload newer (newerLocal)',
        'upload size (sizeDiffers)',
        'upload x (onlyLocal)',
      ],
      ['clash: kind', 'older: newerThere'],
    ],
    [
      { deleteExtra: true },
      [
        'deleteRemote there (onlyRemote)',
        'deleteRemote y (onlyRemote)',
        'upload here (onlyLocal)',
        'upload newer (newerLocal)',
        'upload size (sizeDiffers)',
        'upload x (onlyLocal)',
      ],
      ['clash: kind', 'older: newerThere'],
    ],
    [
      { direction: 'download', deleteExtra: true },
      [
        'deleteLocal here (onlyLocal)',
        'deleteLocal x (onlyLocal)',
        'download older (newerRemote)',
        'download size (sizeDiffers)',
        'download there (onlyRemote)',
        'download y (onlyRemote)',
      ],
      ['clash: kind', 'newer: newerThere'],
    ],
    [
      { direction: 'both', deleteExtra: true },
      [
        'download older (newerRemote)',
        'download there (onlyRemote)',
        'download y (onlyRemote)',
        'upload here (onlyLocal)',
        'upload newer (newerLocal)',
        'upload x (onlyLocal)',
      ],
      ['clash: kind', 'size: bothChanged'],
    ],
    [
      // Mirror: the newer copy on the server is replaced by the older one here; nothing kept.
      { mirror: true },
      [
        'upload here (onlyLocal)',
        'upload newer (newerLocal)',
        'upload older (replacesNewerRemote)',
        'upload size (sizeDiffers)',
        'upload x (onlyLocal)',
      ],
      ['clash: kind'],
    ],
    [
      { direction: 'download', mirror: true },
      [
        'download newer (replacesNewerLocal)',
        'download older (newerRemote)',
        'download size (sizeDiffers)',
        'download there (onlyRemote)',
        'download y (onlyRemote)',
      ],
      ['clash: kind'],
    ],
    [
      // Both ways has no side made to match: mirror means nothing there.
      { direction: 'both', mirror: true },
      [
        'download older (newerRemote)',
        'download there (onlyRemote)',
        'download y (onlyRemote)',
        'upload here (onlyLocal)',
        'upload newer (newerLocal)',
        'upload x (onlyLocal)',
      ],
      ['clash: kind', 'size: bothChanged'],
    ],
    [
      { compareBy: 'sizeOnly' },
      ['upload here (onlyLocal)', 'upload size (sizeDiffers)', 'upload x (onlyLocal)'],
      ['clash: kind'],
    ],
    [
      { recursive: false, deleteExtra: true },
      [
        'deleteRemote there (onlyRemote)',
        'upload here (onlyLocal)',
        'upload newer (newerLocal)',
        'upload size (sizeDiffers)',
      ],
      ['clash: kind', 'older: newerThere'],
    ],
  ] as const)('%o', (o, actions, alone) => {
    const result = run(o);
    expect(result.actions).toEqual(actions);
    expect(result.alone).toEqual(alone);
    expect(result.folders).toEqual(['d']);
  });
});
