import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPartFileName } from './part-file';
import { uploadTempPathFor } from './upload-temp';

describe('uploadTempPathFor', () => {
  it.each([
    ['/srv/site/index.html', '/srv/site', /^\.index\.html\.[0-9a-f]{12}\.ferry-part$/],
    ['/report 2024 (final).pdf', '/', /^\.report 2024 \(final\)\.pdf\.[0-9a-f]{12}\.ferry-part$/],
    ['/home/ü/Grüße.txt', '/home/ü', /^\.Grüße\.txt\.[0-9a-f]{12}\.ferry-part$/],
    ['/a/.hidden', '/a', /^\.\.hidden\.[0-9a-f]{12}\.ferry-part$/],
  ])('puts a hidden, Ferry-recognisable name for %s beside it', (target, folder, name) => {
    const temp = uploadTempPathFor(target);
    expect(posix.dirname(temp)).toBe(folder);
    expect(posix.basename(temp)).toMatch(name);
    expect(isPartFileName(posix.basename(temp))).toBe(true);
  });

  it('keeps a name that would pass 255 bytes short (a digest of it)', () => {
    const long = `${'é'.repeat(120)}.txt`; // 244 bytes: fine itself, too long with the token
    const temp = posix.basename(uploadTempPathFor(`/x/${long}`));
    expect(Buffer.byteLength(temp, 'utf8')).toBeLessThanOrEqual(255);
    expect(temp).toMatch(/^\.ferry-[0-9a-f]{32}\.[0-9a-f]{12}\.ferry-part$/);
  });

  it('never hands out the same name twice', () => {
    const names = new Set(Array.from({ length: 1000 }, () => uploadTempPathFor('/f/a.bin')));
    expect(names.size).toBe(1000);
  });

  it('refuses to build a name FTP could not carry', () => {
    expect(() => uploadTempPathFor('/f/bad\r\nDELE x')).toThrowError(
      expect.objectContaining({ code: 'unsafe_name' }),
    );
  });
});
