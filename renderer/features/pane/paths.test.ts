import { describe, expect, it } from 'vitest';
import { breadcrumbs, expandTyped, joinPath, parentPath, pathStyleOf } from './paths';

describe('paths', () => {
  it.each([
    ['/', 'posix'],
    ['/home/me', 'posix'],
    ['C:\\Users\\me', 'windows'],
    ['c:/Users', 'windows'],
    ['D:', 'windows'],
    ['\\\\server\\share\\dir', 'windows'],
  ])('%s is %s', (path, style) => {
    expect(pathStyleOf(path)).toBe(style);
  });

  it.each([
    ['/', 'a', '/a'],
    ['/home/me', 'notes.txt', '/home/me/notes.txt'],
    ['/home/me/', 'x', '/home/me/x'],
    ['C:\\', 'Users', 'C:\\Users'],
    ['C:\\Users\\me', 'Docs', 'C:\\Users\\me\\Docs'],
    ['\\\\server\\share', 'dir', '\\\\server\\share\\dir'],
  ])('join(%s, %s) = %s', (folder, name, joined) => {
    expect(joinPath(folder, name)).toBe(joined);
  });

  it.each([
    ['/', null],
    ['/home', '/'],
    ['/home/me/', '/home'],
    ['C:\\', null],
    ['C:\\Users\\me', 'C:\\Users'],
    ['C:\\Users', 'C:\\'],
    ['\\\\server\\share\\dir', '\\\\server\\share\\'],
  ])('parent(%s) = %s', (path, parent) => {
    expect(parentPath(path)).toBe(parent);
  });

  it.each([
    ['/', [['/', '/']]],
    [
      '/home/me',
      [
        ['/', '/'],
        ['home', '/home'],
        ['me', '/home/me'],
      ],
    ],
    [
      'C:\\Users\\me',
      [
        ['C:\\', 'C:\\'],
        ['Users', 'C:\\Users'],
        ['me', 'C:\\Users\\me'],
      ],
    ],
  ])('breadcrumbs(%s)', (path, expected) => {
    expect(breadcrumbs(path).map((c) => [c.label, c.path])).toEqual(expected);
  });

  it.each([
    ['~', '/home/me'],
    ['~/Documents', '/home/me/Documents'],
    ['  /etc  ', '/etc'],
    ['relative', 'relative'],
    ['~other', '~other'],
  ])('expandTyped(%j) = %s', (typed, expanded) => {
    expect(expandTyped(typed, '/home/me')).toBe(expanded);
  });
});
