import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shownName } from '../../../shared/shown-name';
import { refusedFtpNameReason } from './server-names';
import { decodeUtf8Name, encodeUtf8Name, hasEscapedBytes } from './utf8-names';

describe('UTF-8 names that keep the bytes of names that are not UTF-8', () => {
  it('gives any bytes back exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const name = decodeUtf8Name(Buffer.from(bytes));
        expect(encodeUtf8Name(name)).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('reads valid UTF-8 as ever, with nothing escaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const name = decodeUtf8Name(Buffer.from(text, 'utf8'));
        expect(name).toBe(text);
        expect(hasEscapedBytes(name)).toBe(false);
      }),
    );
  });

  it('escapes a Latin-1 byte, shows it as \\xE9, and never makes a separator of one', () => {
    const name = decodeUtf8Name(Buffer.from('caf\xe9.txt', 'latin1'));
    expect(name).toBe('caf\uDCE9.txt');
    expect(shownName(name)).toBe('caf\\xE9.txt');
    expect(shownName('\u{10080}.txt')).toBe('\u{10080}.txt'); // its low surrogate is DC80
    expect(refusedFtpNameReason(name)).toBeUndefined();
    // Overlong "/" (C0 AF) and an encoded surrogate (ED A0 80) stay bytes, never characters.
    expect(decodeUtf8Name(Buffer.from([0x61, 0xc0, 0xaf]))).toBe('a\uDCC0\uDCAF');
    expect(decodeUtf8Name(Buffer.from([0xed, 0xa0, 0x80]))).toBe('\uDCED\uDCA0\uDC80');
  });

  it('refuses a lone surrogate that stands for no byte', () => {
    expect(encodeUtf8Name('a\uD800b')).toBeUndefined();
    expect(encodeUtf8Name('a\uDC41')).toBeUndefined();
    expect(encodeUtf8Name('😀')).toEqual(Buffer.from('😀'));
  });
});
