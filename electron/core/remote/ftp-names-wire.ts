/**
 * A site's file name encoding on an FTP connection (name-codec.ts does the characters). basic-ftp
 * only knows Node's Buffer encodings, so with a chosen encoding the control connection carries
 * raw bytes: every command is encoded here, byte-exact (a name the encoding cannot write is
 * refused in words, never sent as "?"), replies are decoded before basic-ftp reads them, and
 * listings arrive as Latin-1 text (one character per byte) that `namesFrom` decodes. Name
 * checks (server-names.ts) run on the decoded names: a Shift_JIS 0x5C trail byte is part of
 * its character there, never a backslash.
 */
import type { Client, FileInfo } from 'basic-ftp';
import { FerryError } from '../../../shared/errors';
import { type NameEncoding, describeNameEncoding } from '../../../shared/name-encodings';
import { type NameCodec, codecFor } from './name-codec';
import { hasEscapedBytes } from './utf8-names';

const codecs = new WeakMap<Client, NameCodec>();
const automatic = new WeakSet<Client>();
const CRLF = Buffer.from('\r\n');

/** The codec of a site's setting ("auto" reads UTF-8, keeping the bytes of other names). */
export function codecForSetting(encoding: NameEncoding | undefined): NameCodec {
  return encoding === undefined || encoding === 'auto' ? codecFor('utf-8') : codecFor(encoding);
}

export function isLegacyEncoding(encoding: NameEncoding | undefined): boolean {
  return encoding !== undefined && encoding !== 'auto' && encoding !== 'utf-8';
}

/** True for a site in "auto", whose listings say when names are not UTF-8. */
export function isAutomatic(client: Client): boolean {
  return automatic.has(client);
}

/** Puts `codec` between the client and the server (after login: the login stays as it was). */
export function installNameCodec(client: Client, codec: NameCodec, isAuto: boolean): void {
  const ftp = client.ftp;
  codecs.set(client, codec);
  if (isAuto) automatic.add(client);
  ftp.encoding = 'latin1';
  const replies = replyDecoder(codec);
  const readReply = Reflect.get(ftp, '_onControlSocketData') as (chunk: string) => void;
  Reflect.set(ftp, '_onControlSocketData', (chunk: string) => {
    const text = replies(Buffer.from(chunk, 'latin1'));
    if (text !== '') readReply.call(ftp, text);
  });
  ftp.send = (command: string): void => {
    if (/[\r\n\0]/.test(command)) throw new Error('Invalid command: contains control characters.');
    const bytes = encodeOrRefuse(codec, command);
    ftp.log(`> ${command.startsWith('PASS') ? 'PASS ###' : command}`);
    ftp.socket.write(Buffer.concat([bytes, CRLF]));
  };
}

/** Bytes of command lines written directly to the control socket (ftp-small-files.ts). */
export function commandBytes(client: Client, lines: string): Buffer {
  const codec = codecs.get(client);
  return codec ? encodeOrRefuse(codec, lines) : Buffer.from(lines, 'utf8');
}

/** Listed entries with their names (and link targets) decoded. */
export function namesFrom(client: Client, infos: FileInfo[]): FileInfo[] {
  const codec = codecs.get(client);
  if (!codec) return infos;
  for (const info of infos) {
    info.name = codec.decode(Buffer.from(info.name, 'latin1'));
    if (info.link) info.link = codec.decode(Buffer.from(info.link, 'latin1'));
  }
  return infos;
}

/** Refuses a path the connection's encoding cannot write, before anything is sent. */
export function checkEncodable(codec: NameCodec, path: string): void {
  encodeOrRefuse(codec, path);
}

function encodeOrRefuse(codec: NameCodec, text: string): Buffer {
  const bytes = codec.encode(text);
  if (bytes) return bytes;
  const character = codec.firstUnencodable(text) ?? '?';
  const name = text.split('/').find((part) => part.includes(character)) ?? text;
  throw new FerryError(
    'invalid_input',
    `"${name.replace(/^[A-Z]+ /, '')}" cannot be written in this server's file name encoding, ${describeNameEncoding(codec.encoding)}: it has no "${character}".`,
    "Rename it with characters that encoding has, or, if the server really uses another encoding, choose it in the site's settings (File name encoding).",
  );
}

/**
 * Replies as text, whole lines at a time: a character split between two reads waits for the
 * rest, and a path in a reply (PWD) keeps its bytes as the listing's names do.
 */
function replyDecoder(codec: NameCodec): (bytes: Buffer) => string {
  let pending = Buffer.alloc(0);
  return (bytes) => {
    const all = pending.length > 0 ? Buffer.concat([pending, bytes]) : bytes;
    const end = all.lastIndexOf(0x0a) + 1;
    pending = Buffer.from(all.subarray(end));
    return end > 0 ? codec.decode(all.subarray(0, end)) : '';
  };
}

/**
 * The hint for a listing in "auto" whose names are not UTF-8 (their odd bytes kept escaped, see
 * utf8-names.ts): said once per listing, not per file.
 */
export function undecodableNamesHint(names: readonly string[]): string | undefined {
  const count = names.filter(hasEscapedBytes).length;
  if (count === 0) return undefined;
  const subject = count === 1 ? '1 name in this folder is' : `${count} names in this folder are`;
  return `${subject} not UTF-8 (shown escaped, like "\\xE9"): this server may not use UTF-8. Choose its file name encoding in the site's settings.`;
}
