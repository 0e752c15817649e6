import fc from 'fast-check';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeOf, resolveInside } from './static-files';

const root = join(sep, 'srv', 'ferry', 'renderer');

describe('resolveInside', () => {
  it.each([
    ['/', 'index.html'],
    ['', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/app.js', join('assets', 'app.js')],
    ['/assets/../index.html', 'index.html'],
    ['//assets//app.js', join('assets', 'app.js')],
    ['/My%20Files/a.png', join('My Files', 'a.png')],
  ])('maps %j inside the folder', (path, relative) => {
    expect(resolveInside(root, path)).toBe(join(root, relative));
  });

  it.each([
    '/..',
    '/../package.json',
    '/../../etc/passwd',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/..%2f',
    '/.',
    '/%2e',
    '/index.html%00.png',
    '/index.html\0',
    '/%zz',
    '/%E0%A4%A',
  ])('refuses %j', (path) => {
    expect(resolveInside(root, path)).toBeUndefined();
  });

  it('works whether or not the folder is given with a trailing separator', () => {
    expect(resolveInside(root + sep, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveInside(root + sep, '/../x')).toBeUndefined();
  });

  it('never answers with a file outside the folder, whatever the path', () => {
    const piece = fc.constantFrom('..', '.', '%2e%2e', '%2E.', '%2f', '/', '\\', '%5c', 'a', '%00');
    const path = fc.array(piece, { maxLength: 12 }).map((parts) => `/${parts.join('')}`);
    fc.assert(
      fc.property(fc.oneof(path, fc.string({ unit: 'binary' })), (urlPath) => {
        const file = resolveInside(root, urlPath);
        expect(file === undefined || file.startsWith(root + sep)).toBe(true);
        expect(file?.includes('\0') ?? false).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('mimeTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['icon.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['notes.txt', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s is served as %s', (file, type) => {
    expect(mimeTypeOf(file)).toBe(type);
  });
});
