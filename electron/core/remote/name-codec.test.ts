import { describe, expect, it } from 'vitest';
import { LEGACY_NAME_ENCODINGS } from '../../../shared/name-encodings';
import { codecFor, encodingTable } from './name-codec';
import { refusedFtpNameReason } from './server-names';

describe('file name codecs', () => {
  it.each(LEGACY_NAME_ENCODINGS)(
    '%s: every character of its table goes back to its bytes',
    (name) => {
      const codec = codecFor(name);
      const table = encodingTable(name);
      expect(table.size).toBeGreaterThan(127);
      for (const [character, bytes] of table) {
        if (bytes.length > 1 || bytes[0]! >= 0x20) expect(codec.decode(bytes)).toBe(character);
        expect(codec.encode(character)?.equals(bytes)).toBe(true);
      }
    },
  );

  it.each(LEGACY_NAME_ENCODINGS)(
    '%s: no code above ASCII decodes to a separator or control',
    (name) => {
      for (const [character, bytes] of encodingTable(name)) {
        if (bytes.length === 1 && bytes[0]! < 0x80) continue;
        expect([...character].some((c) => c.charCodeAt(0) < 0x20 || '/\\'.includes(c))).toBe(false);
      }
    },
  );

  it('reads Windows-1252 and Shift_JIS names as people wrote them', () => {
    expect(codecFor('windows-1252').decode(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('café');
    expect(codecFor('windows-1252').encode('café')).toEqual(Buffer.from('636166e9', 'hex'));
    expect(codecFor('windows-1252').decode(Buffer.from([0x80, 0x9f]))).toBe('€Ÿ');
    expect(codecFor('iso-8859-15').encode('€')).toEqual(Buffer.from([0xa4]));
    expect(codecFor('iso-8859-1').decode(Buffer.from([0x80]))).toBe('\u0080');
    expect(codecFor('windows-1251').encode('файл')).toEqual(Buffer.from('f4e0e9eb', 'hex'));
  });

  it('keeps the 0x5C trail byte of Shift_JIS inside its character, never a backslash', () => {
    const codec = codecFor('shift_jis');
    const bytes = Buffer.from([0x95, 0x5c, 0x2e, 0x74, 0x78, 0x74]); // 表.txt
    const name = codec.decode(bytes);
    expect(name).toBe('表.txt');
    expect(refusedFtpNameReason(name)).toBeUndefined();
    expect(codec.encode(`/docs/${name}`)).toEqual(Buffer.concat([Buffer.from('/docs/'), bytes]));
  });

  it('sends a listed name back as its exact bytes, also where a character has two codes', () => {
    const codec = codecFor('shift_jis');
    // ∵ is 0x81E6 in the table, and 0x879A (NEC row 13) is the same sign.
    const listed = Buffer.from([0x87, 0x9a]);
    const name = codec.decode(listed);
    expect(name).toBe('∵');
    expect(encodingTable('shift_jis').get('∵')).toEqual(Buffer.from([0x81, 0xe6]));
    expect(codec.encode(name)).toEqual(listed);
    expect(codec.encode(`/a/${name}`)).toEqual(Buffer.concat([Buffer.from('/a/'), listed]));
  });

  it('says which character an encoding cannot write', () => {
    const codec = codecFor('windows-1252');
    expect(codec.encode('日本.txt')).toBeUndefined();
    expect(codec.firstUnencodable('a日本.txt')).toBe('日');
    expect(codecFor('utf-8').encode('日本.txt')).toEqual(Buffer.from('日本.txt'));
  });

  it('builds the largest table quickly enough for a first listing', () => {
    const started = performance.now();
    encodingTable('big5');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
