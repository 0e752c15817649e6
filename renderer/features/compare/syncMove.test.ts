import { describe, expect, it } from 'vitest';
import { applyMove, folderMove } from './syncMove';

describe('folderMove', () => {
  it.each([
    ['/home/me', '/home/me/site', { up: 0, into: ['site'] }],
    ['/home/me', '/home/me/site/css', { up: 0, into: ['site', 'css'] }],
    ['/home/me/site', '/home/me', { up: 1, into: [] }],
    ['/home/me/site/css', '/home', { up: 3, into: [] }],
    ['/home/me/a', '/home/me/b', { up: 1, into: ['b'] }],
    ['/', '/srv', { up: 0, into: ['srv'] }],
    ['/home/me', '/home/me', { up: 0, into: [] }],
    ['C:\\Users\\me', 'C:\\Users\\me\\Docs', { up: 0, into: ['Docs'] }],
  ])('%s → %s', (before, after, move) => {
    expect(folderMove(before, after)).toEqual(move);
  });

  it('has no move between drives', () => {
    expect(folderMove('C:\\Users', 'D:\\Data')).toBeNull();
  });

  it('matches folder names case-sensitively', () => {
    expect(folderMove('/srv/Site', '/srv/site')).toEqual({ up: 1, into: ['site'] });
  });
});

describe('applyMove', () => {
  it.each([
    ['/var/www', { up: 0, into: ['site'] }, '/var/www/site'],
    ['/var/www/site', { up: 1, into: [] }, '/var/www'],
    ['/var/www/a', { up: 1, into: ['b'] }, '/var/www/b'],
    ['/var', { up: 1, into: [] }, '/'],
    ['C:\\Users\\me', { up: 0, into: ['Docs', 'x'] }, 'C:\\Users\\me\\Docs\\x'],
    ['C:\\Users\\me', { up: 2, into: [] }, 'C:\\'],
  ])('%s, %o → %s', (path, move, target) => {
    expect(applyMove(path, move)).toBe(target);
  });

  it('cannot go above the top', () => {
    expect(applyMove('/', { up: 1, into: [] })).toBeNull();
    expect(applyMove('/var', { up: 2, into: ['x'] })).toBeNull();
  });

  it('repeats a move made on a local Windows folder on a server folder', () => {
    const move = folderMove('C:\\Users\\me\\site', 'C:\\Users\\me\\site\\img');
    expect(move && applyMove('/var/www', move)).toBe('/var/www/img');
  });
});
