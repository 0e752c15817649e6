/**
 * File names in a legacy encoding, byte-exact both ways. Decoding uses TextDecoder (full ICU);
 * Node encodes only UTF-8 and Latin-1, so the way back is the decoder's table reversed, built
 * on first use: single-byte sets over 0..255, double-byte sets over their lead/trail ranges.
 * Names the server listed are remembered by their exact bytes when those differ from the
 * table's choice (a character with two codes), so a listed name always goes back as listed.
 */
import type { LegacyNameEncoding } from '../../../shared/name-encodings';
import { decodeUtf8Name, encodeUtf8Name } from './utf8-names';

export interface NameCodec {
  readonly encoding: LegacyNameEncoding | 'utf-8';
  /** The bytes of `text`, or undefined when some character has no code in this encoding. */
  encode(text: string): Buffer | undefined;
  decode(bytes: Buffer): string;
  /** The first character of `text` the encoding cannot write (for the refusal's words). */
  firstUnencodable(text: string): string | undefined;
}

const DOUBLE_BYTE = new Set<string>(['shift_jis', 'euc-jp', 'gbk', 'big5', 'euc-kr']);
/** Remembered listed names at most (their tables differ from the bytes only rarely). */
const REMEMBERED_MAX = 10_000;

type Table = Map<string, Buffer>;

/**
 * Windows-1252's 0x80–0x9F (WHATWG): Node 20's TextDecoder reads this label as Latin-1 and
 * would turn "€" (0x80) into U+0080.
 */
const WINDOWS_1252_80_9F = [
  ...'\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F',
  ...'\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178',
];
const tables = new Map<string, Table>();

/** Every character the encoding can write, with its bytes (the first code wins on duplicates). */
export function encodingTable(encoding: LegacyNameEncoding): Table {
  let table = tables.get(encoding);
  if (!table) {
    table = buildTable(encoding);
    tables.set(encoding, table);
  }
  return table;
}

function buildTable(encoding: LegacyNameEncoding): Table {
  const table: Table = new Map();
  const add = (bytes: number[], text: string): void => {
    if (text.includes('\uFFFD') || [...text].length !== 1 || table.has(text)) return;
    table.set(text, Buffer.from(bytes));
  };
  if (encoding === 'iso-8859-1') {
    // TextDecoder reads ISO-8859-1 as Windows-1252 (as browsers do); the real one is Latin-1.
    for (let byte = 0; byte < 256; byte++) add([byte], String.fromCharCode(byte));
    return table;
  }
  // Every one of these sets is ASCII below 0x80 (ICU's Shift_JIS swaps three control codes).
  for (let byte = 0; byte < 0x80; byte++) add([byte], String.fromCharCode(byte));
  const decoder = new TextDecoder(encoding);
  if (!DOUBLE_BYTE.has(encoding)) {
    for (let byte = 0x80; byte < 0x100; byte++) {
      const windows = encoding === 'windows-1252' ? WINDOWS_1252_80_9F[byte - 0x80] : undefined;
      add([byte], windows ?? decoder.decode(Uint8Array.of(byte)));
    }
  }
  if (encoding === 'shift_jis' || encoding === 'euc-jp') {
    // Half-width katakana: one byte in Shift_JIS, 0x8E + one byte in EUC-JP.
    for (let byte = 0xa1; byte <= 0xdf; byte++) {
      const bytes = encoding === 'shift_jis' ? [byte] : [0x8e, byte];
      add(bytes, decoder.decode(Uint8Array.from(bytes)));
    }
  }
  if (encoding === 'gbk') add([0x80], decoder.decode(Uint8Array.of(0x80)));
  if (!DOUBLE_BYTE.has(encoding)) return table;
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      add([lead, trail], decoder.decode(Uint8Array.of(lead, trail)));
    }
  }
  return table;
}

export function codecFor(encoding: LegacyNameEncoding | 'utf-8'): NameCodec {
  if (encoding === 'utf-8') return utf8Codec;
  return new TableCodec(encoding);
}

/** UTF-8 whose names that are not UTF-8 keep their bytes (utf8-names.ts). */
const utf8Codec: NameCodec = {
  encoding: 'utf-8',
  encode: encodeUtf8Name,
  decode: decodeUtf8Name,
  firstUnencodable: (text) => [...text].find((c) => encodeUtf8Name(c) === undefined),
};

class TableCodec implements NameCodec {
  private readonly decoder: BytesDecoder;
  private readonly listed = new Map<string, Buffer>();

  constructor(readonly encoding: LegacyNameEncoding) {
    this.decoder = DOUBLE_BYTE.has(encoding)
      ? new TextDecoder(encoding)
      : singleByteDecoder(encoding);
  }

  decode(bytes: Buffer): string {
    if (isAscii(bytes)) return bytes.toString('latin1');
    const text = this.decoder.decode(bytes);
    const again = this.encodeByTable(text);
    if ((!again || !again.equals(bytes)) && this.listed.size < REMEMBERED_MAX) {
      this.listed.set(text, Buffer.from(bytes));
    }
    return text;
  }

  encode(text: string): Buffer | undefined {
    if (isAsciiText(text)) return Buffer.from(text, 'latin1');
    // A path's parts may each be a listed name: "/dir/表.txt" goes part by part.
    const parts = text.split('/');
    const out: Buffer[] = [];
    for (const [index, part] of parts.entries()) {
      if (index > 0) out.push(SLASH);
      const bytes = this.listed.get(part) ?? this.encodeByTable(part);
      if (!bytes) return undefined;
      out.push(bytes);
    }
    return Buffer.concat(out);
  }

  firstUnencodable(text: string): string | undefined {
    const table = encodingTable(this.encoding);
    return [...text].find((c) => !table.has(c));
  }

  private encodeByTable(text: string): Buffer | undefined {
    const table = encodingTable(this.encoding);
    const out: Buffer[] = [];
    for (const character of text) {
      const bytes = table.get(character);
      if (!bytes) return undefined;
      out.push(bytes);
    }
    return Buffer.concat(out);
  }
}

const SLASH = Buffer.from('/');

interface BytesDecoder {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}

/** Single-byte sets by their table (one character per byte; never split). */
function singleByteDecoder(encoding: LegacyNameEncoding): BytesDecoder {
  const characters: string[] = new Array<string>(256).fill('\uFFFD');
  for (const [character, bytes] of encodingTable(encoding)) {
    if (characters[bytes[0]!] === '\uFFFD') characters[bytes[0]!] = character;
  }
  return {
    decode: (bytes) => {
      let text = '';
      for (const byte of bytes) text += characters[byte];
      return text;
    },
  };
}

function isAsciiText(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

function isAscii(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}
