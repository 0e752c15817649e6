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
import { type NameCodec, codecFor, streamDecoder } from './name-codec';

const codecs = new WeakMap<Client, NameCodec>();
const CRLF = Buffer.from('\r\n');

/** The codec of a site's setting; undefined for "auto" (basic-ftp's UTF-8, as before). */
export function codecForSetting(encoding: NameEncoding | undefined): NameCodec | undefined {
  return encoding === undefined || encoding === 'auto' ? undefined : codecFor(encoding);
}

export function isLegacyEncoding(encoding: NameEncoding | undefined): boolean {
  return encoding !== undefined && encoding !== 'auto' && encoding !== 'utf-8';
}

/** True where basic-ftp reads names as UTF-8 itself ("auto"), bytes that are not shown as U+FFFD. */
export function readsNamesAsUtf8(client: Client): boolean {
  return !codecs.has(client);
}

/** Puts `codec` between the client and the server (after login: the login stays as it was). */
export function installNameCodec(client: Client, codec: NameCodec): void {
  const ftp = client.ftp;
  codecs.set(client, codec);
  ftp.encoding = 'latin1';
  const replies = replyDecoder(codec);
  const readReply = Reflect.get(ftp, '_onControlSocketData') as (chunk: string) => void;
  Reflect.set(ftp, '_onControlSocketData', (chunk: string) => {
    readReply.call(ftp, replies(Buffer.from(chunk, 'latin1')));
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
export function checkEncodable(codec: NameCodec | undefined, path: string): void {
  if (codec) encodeOrRefuse(codec, path);
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

/** Replies as text, a character split between two reads kept for the next one. */
function replyDecoder(codec: NameCodec): (bytes: Buffer) => string {
  const decoder =
    codec.encoding === 'utf-8' ? new TextDecoder('utf-8') : streamDecoder(codec.encoding);
  return (bytes) => decoder.decode(bytes, { stream: true });
}

/**
 * The hint for a listing in "auto" whose names are not UTF-8 (basic-ftp shows such bytes as
 * U+FFFD): said once per listing, not per file.
 */
export function undecodableNamesHint(names: readonly string[]): string | undefined {
  const count = names.filter((name) => name.includes('\uFFFD')).length;
  if (count === 0) return undefined;
  const subject = count === 1 ? '1 name in this folder is' : `${count} names in this folder are`;
  return `${subject} not UTF-8 (shown with "\uFFFD"): this server may not use UTF-8. Choose its file name encoding in the site's settings.`;
}
