/**
 * An HTTP/1.1 CONNECT client handshake (RFC 9110 §9.3.6), with Basic auth (RFC 7617) when a
 * proxy user is set. The reply's head is read up to its blank line, at most MAX_HEAD_BYTES;
 * whatever follows it is the server's.
 */
import type { Socket } from 'node:net';
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
} from './proxy-errors';

const MAX_HEAD_BYTES = 16 * 1024;

export interface HttpReply {
  status: number;
  reason: string;
}

/** The request; refuses names and credentials that would break out of their header line. */
export function connectRequest(proxy: ProxySettings, target: ProxyTarget): Buffer {
  if (/[\s/@]/.test(target.host) || hasControl(target.host) || target.host === '') {
    throw new FerryError(
      'invalid_input',
      `"${target.host}" cannot be sent to an HTTP proxy as a host name.`,
      'Check the host: it may contain spaces or other characters no host name has.',
    );
  }
  const authority = `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  if (proxy.user !== undefined) {
    if (proxy.user.includes(':') || hasControl(proxy.user + (proxy.password ?? ''))) {
      throw new FerryError(
        'invalid_input',
        'An HTTP proxy user name cannot contain a colon, and neither it nor the password control characters.',
        'Check the proxy user name and password in the proxy settings.',
      );
    }
    const token = Buffer.from(`${proxy.user}:${proxy.password ?? ''}`, 'utf8').toString('base64');
    lines.push(`Proxy-Authorization: Basic ${token}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** Reads the reply's status line once the head (up to its blank line) is here. */
export function parseConnectReply(bytes: Buffer, proxy: ProxySettings): Parsed<HttpReply> {
  const start = bytes.subarray(0, 5).toString('latin1');
  if (!'HTTP/'.startsWith(start)) {
    return { kind: 'bad', error: proxySpokeOtherProtocol(proxy, soundsLike(bytes)) };
  }
  const end = bytes.indexOf('\r\n\r\n');
  const bareEnd = end === -1 ? bytes.indexOf('\n\n') : -1;
  if (end === -1 && bareEnd === -1) {
    if (bytes.length > MAX_HEAD_BYTES)
      return { kind: 'bad', error: proxySpokeOtherProtocol(proxy) };
    return { kind: 'more' };
  }
  const used = end !== -1 ? end + 4 : bareEnd + 2;
  const statusLine = bytes.subarray(0, bytes.indexOf('\n')).toString('latin1').replace(/\r$/, '');
  const match = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!match) return { kind: 'bad', error: proxySpokeOtherProtocol(proxy) };
  const reason = (match[2] ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 120);
  return { kind: 'done', value: { status: Number(match[1]), reason }, used };
}

/** What a status other than 2xx means for the user. */
export function replyError(
  reply: HttpReply,
  proxy: ProxySettings,
  target: ProxyTarget,
): FerryError {
  const said = `${reply.status}${reply.reason ? ` ${reply.reason}` : ''}`;
  // 407 is the standard; some proxies (tinyproxy) answer wrong credentials with 401.
  if (reply.status === 407 || reply.status === 401) {
    return proxy.user === undefined ? proxyNeedsCredentials(proxy) : proxyDeniedCredentials(proxy);
  }
  return proxyRefusedTarget(proxy, target, refusalFor(reply.status), said);
}

function refusalFor(status: number): RefusalReason {
  if (status === 403 || status === 405) return 'not-allowed';
  if (status === 504 || status === 408) return 'timeout';
  if (status === 501) return 'unsupported';
  return 'general';
}

/** Asks an HTTP proxy, on `socket` (connected to it), for a tunnel to `target`. */
export async function httpConnectHandshake(
  socket: Socket,
  proxy: ProxySettings,
  target: ProxyTarget,
): Promise<void> {
  const reply = await exchange(socket, {
    send: connectRequest(proxy, target),
    parse: (bytes) => parseConnectReply(bytes, proxy),
    // An HTTP proxy answers CONNECT, if only with an error; a SOCKS proxy hangs up on it.
    closed: (bytes) => proxySpokeOtherProtocol(proxy, soundsLike(bytes)),
    // No silence limit: the proxy answers only once it has reached the server (or given up).
  });
  if (reply.status < 200 || reply.status > 299) throw replyError(reply, proxy, target);
}

function soundsLike(bytes: Buffer): string | undefined {
  if (bytes[0] === 0x05) return 'a SOCKS5 proxy';
  const text = bytes.subarray(0, 8).toString('latin1');
  if (text.startsWith('SSH-')) return 'an SSH server';
  if (/^\d\d\d[ -]/.test(text)) return 'an FTP server';
  return undefined;
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
