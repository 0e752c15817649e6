/**
 * A SOCKS5 client handshake (RFC 1928) with user name and password (RFC 1929). The server's
 * name goes to the proxy as a name (ATYP 3): the proxy looks it up, so names only it can resolve
 * work ("remote DNS"). The parsers take whatever bytes arrived and never trust a length.
 */
import { isIP, type Socket } from 'node:net';
import { FerryError } from '../../../../shared/errors';
import type { ProxySettings } from '../../../../shared/proxy';
import { exchange, type Parsed } from './proxy-exchange';
import {
  type ProxyTarget,
  type RefusalReason,
  proxyDeniedCredentials,
  proxyNeedsCredentials,
  proxyRefusedTarget,
  proxySpokeOtherProtocol,
  proxyUnreachable,
} from './proxy-errors';

const VERSION = 0x05;
const NO_AUTH = 0x00;
const USER_PASSWORD = 0x02;
const NO_ACCEPTABLE = 0xff;
/** How long a proxy may stay silent after our greeting before we say it is no SOCKS5 proxy. */
const GREETING_SILENCE_MS = 5000;

/** The proxy's answer to our greeting: the login method it chose (0xff: none of ours). */
export function parseMethodChoice(bytes: Buffer, proxy: ProxySettings): Parsed<number> {
  if (bytes.length >= 1 && bytes[0] !== VERSION) {
    return { kind: 'bad', error: proxySpokeOtherProtocol(proxy, soundsLike(bytes)) };
  }
  if (bytes.length < 2) return { kind: 'more' };
  return { kind: 'done', value: bytes[1] ?? NO_ACCEPTABLE, used: 2 };
}

/** RFC 1929's answer: version 1, then 0 for accepted. */
export function parseLoginReply(bytes: Buffer, proxy: ProxySettings): Parsed<boolean> {
  if (bytes.length >= 1 && bytes[0] !== 0x01 && bytes[0] !== VERSION) {
    return { kind: 'bad', error: proxySpokeOtherProtocol(proxy) };
  }
  if (bytes.length < 2) return { kind: 'more' };
  return { kind: 'done', value: bytes[1] === 0x00, used: 2 };
}

/** The answer to CONNECT: VER REP RSV ATYP BND.ADDR BND.PORT; its length follows ATYP. */
export function parseConnectReply(
  bytes: Buffer,
  proxy: ProxySettings,
  target: ProxyTarget,
): Parsed<true> {
  if (bytes.length >= 1 && bytes[0] !== VERSION) {
    return { kind: 'bad', error: proxySpokeOtherProtocol(proxy) };
  }
  if (bytes.length < 2) return { kind: 'more' };
  const reply = bytes[1] ?? 0xff;
  if (reply !== 0x00) {
    // A refusal's bound address means nothing: stop reading here.
    return { kind: 'bad', error: proxyRefusedTarget(proxy, target, REFUSALS[reply] ?? 'general') };
  }
  if (bytes.length < 5) return { kind: 'more' };
  const addressType = bytes[3];
  let addressLength: number;
  if (addressType === 0x01) addressLength = 4;
  else if (addressType === 0x04) addressLength = 16;
  else if (addressType === 0x03) addressLength = 1 + (bytes[4] ?? 0);
  else return { kind: 'bad', error: proxySpokeOtherProtocol(proxy) };
  const length = 4 + addressLength + 2;
  if (bytes.length < length) return { kind: 'more' };
  return { kind: 'done', value: true, used: length };
}

/** RFC 1928 §6 reply codes. */
const REFUSALS: Record<number, RefusalReason> = {
  0x01: 'general',
  0x02: 'not-allowed',
  0x03: 'network-unreachable',
  0x04: 'host-unreachable',
  0x05: 'connection-refused',
  0x06: 'timeout',
  0x07: 'unsupported',
  0x08: 'unsupported',
};

/** Our greeting: the login methods we can do. */
export function greeting(proxy: ProxySettings): Buffer {
  const methods = proxy.user !== undefined ? [NO_AUTH, USER_PASSWORD] : [NO_AUTH];
  return Buffer.from([VERSION, methods.length, ...methods]);
}

export function loginRequest(user: string, password: string): Buffer {
  const name = Buffer.from(user, 'utf8');
  const secret = Buffer.from(password, 'utf8');
  if (name.length < 1 || name.length > 255 || secret.length > 255) {
    throw new FerryError(
      'invalid_input',
      'A SOCKS5 proxy user name must be 1 to 255 bytes long, and its password at most 255.',
      'Shorten the proxy user name or password in the proxy settings.',
    );
  }
  return Buffer.concat([
    Buffer.from([0x01, name.length]),
    name,
    Buffer.from([secret.length]),
    secret,
  ]);
}

export function connectRequest(target: ProxyTarget): Buffer {
  const port = Buffer.alloc(2);
  port.writeUInt16BE(target.port);
  const head = Buffer.from([VERSION, 0x01, 0x00]);
  const family = isIP(target.host);
  if (family === 4) {
    const octets = target.host.split('.').map(Number);
    return Buffer.concat([head, Buffer.from([0x01, ...octets]), port]);
  }
  if (family === 6) return Buffer.concat([head, Buffer.from([0x04]), ipv6Bytes(target.host), port]);
  const name = Buffer.from(target.host, 'utf8');
  if (name.length > 255) {
    throw new FerryError(
      'invalid_input',
      'A host name sent to a SOCKS5 proxy can be at most 255 bytes long.',
      'Use a shorter host name or the server’s IP address.',
    );
  }
  return Buffer.concat([head, Buffer.from([0x03, name.length]), name, port]);
}

/** Asks a SOCKS5 proxy, on `socket` (connected to it), for a connection to `target`. */
export async function socks5Handshake(
  socket: Socket,
  proxy: ProxySettings,
  target: ProxyTarget,
): Promise<void> {
  const closedEarly = (bytes: Buffer): FerryError =>
    bytes.length > 0
      ? proxySpokeOtherProtocol(proxy, soundsLike(bytes))
      : proxyUnreachable(proxy, undefined);
  const method = await exchange(socket, {
    send: greeting(proxy),
    parse: (bytes) => parseMethodChoice(bytes, proxy),
    closed: closedEarly,
    silenceMs: GREETING_SILENCE_MS,
    silent: () => proxySpokeOtherProtocol(proxy),
  });
  if (method === USER_PASSWORD && proxy.user !== undefined) {
    const accepted = await exchange(socket, {
      send: loginRequest(proxy.user, proxy.password ?? ''),
      parse: (bytes) => parseLoginReply(bytes, proxy),
      closed: () => proxyDeniedCredentials(proxy),
    });
    if (!accepted) throw proxyDeniedCredentials(proxy);
  } else if (method === USER_PASSWORD || method === NO_ACCEPTABLE) {
    throw proxy.user === undefined ? proxyNeedsCredentials(proxy) : proxyDeniedCredentials(proxy);
  } else if (method !== NO_AUTH) {
    throw proxySpokeOtherProtocol(proxy);
  }
  await exchange(socket, {
    send: connectRequest(target),
    parse: (bytes) => parseConnectReply(bytes, proxy, target),
    // Some proxies (OpenSSH's -D) hang up rather than answer when they cannot reach the server.
    closed: () => proxyRefusedTarget(proxy, target, 'general'),
  });
}

/** What a reply that is not SOCKS5 looks like, for the message. */
function soundsLike(bytes: Buffer): string | undefined {
  const text = bytes.subarray(0, 8).toString('latin1');
  if (text.startsWith('HTTP/')) return 'an HTTP proxy';
  if (bytes[0] === 0x04 || bytes[0] === 0x00) return 'a SOCKS4 proxy';
  if (/^\d\d\d[ -]/.test(text)) return 'an FTP server';
  if (text.startsWith('SSH-')) return 'an SSH server';
  return undefined;
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail] = address.split('::');
  const groups = (part: string | undefined): string[] => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<string>(missing).fill('0'), ...right];
  const bytes = Buffer.alloc(16);
  all.forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16) || 0, index * 2));
  return bytes;
}
