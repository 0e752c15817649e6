import { describe, expect, it } from 'vitest';
import { maskCredentials } from '../../shared/protocols';
import { formatBytes, forTerminal } from './output';

describe('what the CLI prints', () => {
  it.each([
    ['plain name.txt', 'plain name.txt'],
    ['two\nlines\tand tab', 'two\nlines\tand tab'],
    ['evil\u001b]0;pwned\u0007.txt', 'evil\\u001b]0;pwned\\u0007.txt'],
    ['csi\u009b2J', 'csi\\u009b2J'],
    ['del\u007f', 'del\\u007f'],
    ['invoice\u202Efdp.exe', 'invoice\\u202efdp.exe'],
    ['a\u2066b\u2069 \u200fc', 'a\\u2066b\\u2069 \\u200fc'],
    ['two\u2028lines', 'two\\u2028lines'],
    ['ünïcødé 🚢 日本.txt', 'ünïcødé 🚢 日本.txt'],
  ])('%j is shown as %j', (input, shown) => {
    expect(forTerminal(input)).toBe(shown);
  });

  it.each([
    ['alice:pw@host:/x', 'alice:****@host:/x'],
    ['sftp://alice:s3cret@host/x', 'sftp://alice:****@host/x'],
    ['sftp://alice@host/x', 'sftp://alice@host/x'],
    ['host:/x', 'host:/x'],
  ])('an address %j is echoed as %j', (input, shown) => {
    expect(maskCredentials(input)).toBe(shown);
  });
});

describe('formatBytes', () => {
  it('shows whole bytes below 1 KiB (a slow speed is a fraction of a byte per second)', () => {
    expect(formatBytes(721.1949829968011)).toBe('721 B');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(256 * 1024 * 1024)).toBe('256.0 MiB');
  });
});
