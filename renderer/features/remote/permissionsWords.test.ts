import { describe, expect, it } from 'vitest';
import type { PermissionsFinished } from '../../../shared/contract/permissions';
import { nextState } from './TriStateBox';
import { progressLine, summaryLines, worthTelling } from './permissionsWords';

const base: PermissionsFinished = {
  jobId: 'j',
  outcome: 'done',
  changed: 0,
  failed: 0,
  folders: 0,
  links: 0,
  unreadable: 0,
  refusedNames: 0,
  failures: [],
  unreadablePaths: [],
};
const denied = (path: string) => ({
  path,
  error: { code: 'permission_denied' as const, message: 'The server does not allow it.' },
});

describe('summaryLines', () => {
  it('says how many changed, and names the first few that could not be, with why', () => {
    const [main] = summaryLines({
      ...base,
      changed: 1204,
      failed: 5,
      failures: [
        denied('/s/a.txt'),
        denied('/s/b.txt'),
        { path: '/s/gone', error: { code: 'not_found', message: 'x' } },
      ],
    });
    expect(main).toBe(
      'Changed 1,204 items; 5 could not be changed: a.txt, b.txt (permission denied), gone (no longer there) and 2 more.',
    );
  });

  it('one item, all well', () => {
    expect(summaryLines({ ...base, changed: 1 })).toEqual(['Changed 1 item.']);
  });

  it('says what was left out: locked folders, links, unusable names, a shared connection', () => {
    const lines = summaryLines({
      ...base,
      changed: 3,
      unreadable: 1,
      unreadablePaths: ['/site/locked'],
      links: 2,
      refusedNames: 1,
      sharedConnection: true,
    });
    expect(lines).toEqual([
      'Changed 3 items.',
      '1 folder could not be opened, so what is inside was left as it is: /site/locked.',
      '2 links were left as they are (a change never goes through a link).',
      '1 name the server listed could not be used safely and was left out.',
      'The server allowed no second connection, so browsing waited for the change.',
    ]);
  });

  it('a stop, and a server that cannot change permissions', () => {
    expect(summaryLines({ ...base, outcome: 'stopped', changed: 50 })[0]).toBe(
      'Stopped after changing 50 items. The rest were left as they were.',
    );
    const [failed] = summaryLines({
      ...base,
      outcome: 'failed',
      error: { code: 'not_supported', message: 'No SITE CHMOD here.', hint: 'Use SFTP.' },
    });
    expect(failed).toBe(
      'Changed 0 items, then the change could not go on. No SITE CHMOD here. Use SFTP.',
    );
  });
});

describe('worthTelling and progressLine', () => {
  it('a plain change that went as asked needs no summary', () => {
    expect(worthTelling({ ...base, changed: 2 })).toBe(false);
    expect(worthTelling({ ...base, changed: 1, links: 1 })).toBe(true);
    expect(worthTelling({ ...base, outcome: 'stopped' })).toBe(true);
  });

  it('progress says how many and where', () => {
    expect(progressLine({ ...base, changed: 1500, failed: 2 }, '/site/css')).toBe(
      '1,500 items changed, 2 could not be changed — now in /site/css',
    );
  });
});

describe('nextState', () => {
  it('a box that started mixed cycles through mixed again; others only on and off', () => {
    expect(nextState('mixed', true)).toBe(true);
    expect(nextState(true, true)).toBe(false);
    expect(nextState(false, true)).toBe('mixed');
    expect(nextState(false, false)).toBe(true);
    expect(nextState(true, false)).toBe(false);
  });
});
