/**
 * UTF-8 file names that keep the bytes of names which are not UTF-8: each byte that is not part
 * of a valid sequence becomes U+DC80–U+DCFF (the "surrogateescape" of PEP 383), which no valid
 * name contains, and goes back to that very byte. A server's stray Latin-1 name thus stays
 * addressable — downloaded, renamed, deleted — while the page shows it escaped ("caf\xE9.txt").
 */
const ESCAPE_BASE = 0xdc00;

/** The name's text; bytes that are not UTF-8 escaped one by one. */
export function decodeUtf8Name(bytes: Buffer): string {
  let text = '';
  let start = 0;
  let index = 0;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    if (length > 0) {
      index += length;
      continue;
    }
    text += bytes.toString('utf8', start, index) + String.fromCharCode(ESCAPE_BASE + bytes[index]!);
    index += 1;
    start = index;
  }
  return text + bytes.toString('utf8', start, index);
}

/** The bytes of a name; undefined when it holds a lone surrogate that is no escaped byte. */
export function encodeUtf8Name(text: string): Buffer | undefined {
  if (!/\p{Cs}/u.test(text)) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (const character of text) {
    const code = character.charCodeAt(0);
    if (character.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      if (code < ESCAPE_BASE + 0x80 || code > ESCAPE_BASE + 0xff) return undefined;
      parts.push(Buffer.of(code - ESCAPE_BASE));
    } else {
      parts.push(Buffer.from(character, 'utf8'));
    }
  }
  return Buffer.concat(parts);
}

/** True when a decoded name holds escaped bytes (it was not UTF-8 on the server). */
export function hasEscapedBytes(name: string): boolean {
  return /[\uDC80-\uDCFF]/u.test(name);
}

/** The length of the valid UTF-8 sequence at `index`, or 0 (RFC 3629: no overlongs, no surrogates). */
function sequenceLength(bytes: Buffer, index: number): number {
  const lead = bytes[index]!;
  if (lead < 0x80) return 1;
  const trail = (offset: number, low = 0x80, high = 0xbf): boolean => {
    const byte = bytes[index + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return trail(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const low = lead === 0xe0 ? 0xa0 : 0x80;
    const high = lead === 0xed ? 0x9f : 0xbf;
    return trail(1, low, high) && trail(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xf4 ? 0x8f : 0xbf;
    return trail(1, low, high) && trail(2) && trail(3) ? 4 : 0;
  }
  return 0;
}
