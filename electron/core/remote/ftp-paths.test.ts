import { describe, expect, it } from 'vitest';
import { classifyGreeting } from './ftp-probe';
import { childPath, remotePath } from './ftp-paths';

describe('remotePath', () => {
  it.each([
    ['/', '/'],
    ['/a/b/', '/a/b'],
    ['/a//b/./c/../d', '/a/b/d'],
    ['/../..', '/'],
    ['/with space/ünï', '/with space/ünï'],
  ])('%s -> %s', (input, expected) => {
    expect(remotePath(input)).toBe(expected);
  });

  it.each([
    ['relative/path', 'invalid_input'],
    ['/evil\r\nDELE /x', 'unsafe_name'],
    ['/nul\0', 'unsafe_name'],
  ])('refuses %j (%s)', (input, code) => {
    expect(() => remotePath(input)).toThrow(expect.objectContaining({ code }) as Error);
  });
});

describe('childPath', () => {
  it.each([
    ['/', 'a', '/a'],
    ['/x', 'b c', '/x/b c'],
    ['/x', '..hidden', '/x/..hidden'],
  ])('%s + %s -> %s', (folder, name, expected) => {
    expect(childPath(folder, name)).toBe(expected);
  });

  it.each(['', '.', '..', 'a/b', '../../etc', 'x\ny'])(
    'refuses the server-supplied name %j',
    (name) => {
      expect(() => childPath('/x', name)).toThrow(
        expect.objectContaining({ code: 'unsafe_name' }) as Error,
      );
    },
  );
});

describe('classifyGreeting', () => {
  it.each([
    ['SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n', 'ssh'],
    ['220 (vsFTPd 3.0.3)\r\n', 'ftp'],
    ['220-Welcome\r\n', 'ftp'],
    ['\x16\x03\x01', 'other'],
    ['HTTP/1.1 400 Bad Request', 'other'],
  ])('%j -> %s', (text, expected) => {
    expect(classifyGreeting(text)).toBe(expected);
  });
});
