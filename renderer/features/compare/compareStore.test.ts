import { describe, expect, it } from 'vitest';
import { compareActions, compareOf } from './compareStore';

describe('compare switches', () => {
  it('are off in a new tab, and each tab keeps its own', () => {
    expect(compareOf('tab-a')).toEqual({ comparing: false, syncing: false });
    compareActions.toggleComparing('tab-a');
    compareActions.toggleSyncing('tab-b');
    expect(compareOf('tab-a')).toEqual({ comparing: true, syncing: false });
    expect(compareOf('tab-b')).toEqual({ comparing: false, syncing: true });
  });

  it('synchronized browsing that stops says why until dismissed or switched on again', () => {
    compareActions.toggleSyncing('tab-c');
    compareActions.stopSyncing('tab-c', 'Synchronized browsing is off: because.');
    expect(compareOf('tab-c')).toEqual({
      comparing: false,
      syncing: false,
      notice: 'Synchronized browsing is off: because.',
    });
    compareActions.dismissNotice('tab-c');
    expect(compareOf('tab-c').notice).toBeUndefined();
    compareActions.stopSyncing('tab-c', 'again');
    compareActions.toggleSyncing('tab-c');
    expect(compareOf('tab-c')).toEqual({ comparing: false, syncing: true });
  });
});
