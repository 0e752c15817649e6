import { describe, expect, it } from 'vitest';
import type { MovedItem } from '../../../shared/contract/move';
import { isAbsoluteFolder, moveSummary, nameOf } from './moveWords';

const moved = (from: string): MovedItem => ({
  from,
  outcome: 'moved',
  to: `/dest/${nameOf(from)}`,
});
const denied = (from: string): MovedItem => ({
  from,
  outcome: 'failed',
  error: {
    code: 'permission_denied',
    message: `The server does not allow you to move "${nameOf(from)}".`,
    hint: 'Ask the administrator.',
  },
});

describe('moveSummary', () => {
  it('says nothing when everything moved or was skipped by choice', () => {
    expect(moveSummary([moved('/a'), { from: '/b', outcome: 'clash', to: '/dest/b' }])).toBeNull();
    expect(moveSummary([{ from: '/dest/c', outcome: 'unchanged' }])).toBeNull();
  });

  it('names the one item that did not move, with its reason and hint', () => {
    expect(moveSummary([denied('/x/a.txt')])).toEqual({
      code: 'permission_denied',
      message: '"a.txt" was not moved: The server does not allow you to move "a.txt".',
      hint: 'Ask the administrator.',
    });
  });

  it('counts what did not move among several, and says the others moved', () => {
    const summary = moveSummary([
      moved('/a'),
      denied('/b'),
      moved('/c'),
      denied('/d'),
      moved('/e'),
    ]);
    expect(summary?.message).toBe(
      '2 of 5 not moved: "b": The server does not allow you to move "b". "d": The server does not allow you to move "d".',
    );
    expect(summary?.hint).toBe('The others were moved. Ask the administrator.');
  });

  it('shows three reasons and counts the rest', () => {
    const summary = moveSummary(['/a', '/b', '/c', '/d', '/e'].map(denied));
    expect(summary?.message).toMatch(/^5 of 5 not moved: .* and 2 more\.$/);
    expect(summary?.hint).toBe('Ask the administrator.');
  });

  it('passes on a moved item’s note (an old copy the server kept)', () => {
    const item: MovedItem = { from: '/a', outcome: 'moved', to: '/d/a', note: 'Left as .x.' };
    expect(moveSummary([item])?.message).toBe('Moved. Left as .x.');
  });

  it('says a Stop once, with how many items had moved before it', () => {
    const stopped = (from: string): MovedItem => ({
      from,
      outcome: 'failed',
      error: { code: 'cancelled', message: `The move was stopped; "${nameOf(from)}" stays.` },
    });
    expect(moveSummary([moved('/a'), stopped('/b'), stopped('/c')])).toEqual({
      code: 'cancelled',
      message: 'The move was stopped after 1 of 3 items.',
      hint: 'The rest stay where they were; no partial copy was left behind.',
    });
    expect(moveSummary([stopped('/b')])?.message).toBe('The move was stopped: nothing was moved.');
  });
});

describe('paths', () => {
  it.each([
    ['/srv/www/', 'www'],
    ['C:\\Users\\me\\file.txt', 'file.txt'],
    ['/a b', 'a b'],
  ])('nameOf(%s) is %s', (path, name) => expect(nameOf(path)).toBe(name));

  it.each([
    ['/srv', true],
    ['C:\\x', true],
    ['sub/folder', false],
    ['../up', false],
  ])('isAbsoluteFolder(%s) is %s', (text, absolute) =>
    expect(isAbsoluteFolder(text)).toBe(absolute),
  );
});
