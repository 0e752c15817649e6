/**
 * The proxy handshakes' parsers against hostile and broken replies: short, garbage, lengths
 * that point past the end, another protocol. They never throw, never read past what arrived,
 * and hand back exactly the bytes after the reply (the server's first words).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProxySettings } from '../../../../shared/proxy';
import { connectRequest as httpRequest, parseConnectReply as parseHttp } from './http-connect';
import {
  connectRequest as socksRequest,
  loginRequest,
  parseConnectReply as parseSocks,
  parseLoginReply,
  parseMethodChoice,
} from './socks5';

const socks: ProxySettings = { kind: 'socks5', host: '127.0.0.1', port: 1080 };
const http: ProxySettings = { kind: 'http', host: '127.0.0.1', port: 8080 };
const target = { host: 'files.example', port: 22 };
const bytes = (...values: number[]): Buffer => Buffer.from(values);

describe('SOCKS5 replies', () => {
  it('waits for a whole reply, then hands back what follows it', () => {
    expect(parseMethodChoice(bytes(5), socks)).toEqual({ kind: 'more' });
    expect(parseMethodChoice(bytes(5, 0), socks)).toEqual({ kind: 'done', value: 0, used: 2 });
    const reply = bytes(5, 0, 0, 1, 127, 0, 0, 1, 0, 22);
    for (let cut = 0; cut < reply.length; cut++) {
      expect(parseSocks(reply.subarray(0, cut), socks, target).kind).toBe('more');
    }
    const withBanner = Buffer.concat([reply, Buffer.from('SSH-2.0-x\r\n')]);
    expect(parseSocks(withBanner, socks, target)).toEqual({ kind: 'done', value: true, used: 10 });
  });

  it('reads a bound name of the length it gives, and IPv6', () => {
    const named = bytes(5, 0, 0, 3, 4, 0x61, 0x62, 0x63, 0x64, 0, 80);
    expect(parseSocks(named, socks, target)).toMatchObject({ kind: 'done', used: 11 });
    expect(parseSocks(named.subarray(0, 10), socks, target).kind).toBe('more');
    const v6 = Buffer.concat([bytes(5, 0, 0, 4), Buffer.alloc(16), bytes(0, 1)]);
    expect(parseSocks(v6, socks, target)).toMatchObject({ kind: 'done', used: 22 });
  });

  it('maps each refusal to words, and refuses an unknown address type', () => {
    const refusal = (code: number) => parseSocks(bytes(5, code), socks, target);
    expect(refusal(2)).toMatchObject({
      kind: 'bad',
      error: { message: expect.stringContaining('does not allow connections to files.example:22') },
    });
    expect(refusal(4)).toMatchObject({ error: { code: 'host_not_found' } });
    expect(refusal(5)).toMatchObject({ error: { code: 'connection_refused' } });
    expect(refusal(6)).toMatchObject({ error: { code: 'timeout' } });
    expect(refusal(0x7f)).toMatchObject({ error: { code: 'connection_refused' } });
    expect(parseSocks(bytes(5, 0, 0, 9, 0, 0), socks, target)).toMatchObject({
      error: { code: 'protocol_mismatch' },
    });
  });

  it('says an HTTP proxy answered when one did', () => {
    const answer = parseMethodChoice(Buffer.from('HTTP/1.1 400 Bad Request\r\n'), socks);
    expect(answer).toMatchObject({
      kind: 'bad',
      error: { code: 'protocol_mismatch', message: expect.stringContaining('like an HTTP proxy') },
    });
  });

  it('never throws on any bytes and never uses more than arrived', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (raw) => {
        const buffer = Buffer.from(raw);
        for (const parsed of [
          parseMethodChoice(buffer, socks),
          parseLoginReply(buffer, socks),
          parseSocks(buffer, socks, target),
          parseHttp(buffer, http),
        ]) {
          if (parsed.kind === 'done') expect(parsed.used).toBeLessThanOrEqual(buffer.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('sends names as names (the proxy resolves them) and addresses as addresses', () => {
    expect(socksRequest(target)).toEqual(
      Buffer.concat([bytes(5, 1, 0, 3, 13), Buffer.from('files.example'), bytes(0, 22)]),
    );
    expect(socksRequest({ host: '10.1.2.3', port: 21 })).toEqual(
      bytes(5, 1, 0, 1, 10, 1, 2, 3, 0, 21),
    );
    expect(socksRequest({ host: '::1', port: 21 })).toEqual(
      Buffer.concat([bytes(5, 1, 0, 4), Buffer.alloc(15), bytes(1, 0, 21)]),
    );
    expect(() => loginRequest('x'.repeat(256), 'p')).toThrow(/1 to 255 bytes/);
  });
});

describe('HTTP CONNECT replies', () => {
  it('waits for the blank line, then hands back what follows it', () => {
    const head = 'HTTP/1.1 200 Connection established\r\nProxy-Agent: x\r\n\r\n';
    expect(parseHttp(Buffer.from(head.slice(0, -1)), http).kind).toBe('more');
    expect(parseHttp(Buffer.from(`${head}220 hello\r\n`), http)).toEqual({
      kind: 'done',
      value: { status: 200, reason: 'Connection established' },
      used: head.length,
    });
  });

  it('refuses garbage, a SOCKS answer, an endless head and a bad status line', () => {
    expect(parseHttp(bytes(5, 0), http)).toMatchObject({
      error: { code: 'protocol_mismatch', message: expect.stringContaining('like a SOCKS5 proxy') },
    });
    expect(parseHttp(Buffer.from('HTTP/1.1 '.padEnd(20_000, 'x')), http)).toMatchObject({
      kind: 'bad',
    });
    expect(parseHttp(Buffer.from('HTTP/1.1 2000 OK\r\n\r\n'), http)).toMatchObject({ kind: 'bad' });
    expect(parseHttp(Buffer.from('HTTP/'), http).kind).toBe('more');
  });

  it('keeps header injection out of the request', () => {
    expect(() => httpRequest(http, { host: 'a\r\nX-Evil: 1', port: 21 })).toThrow();
    expect(() => httpRequest({ ...http, user: 'a:b', password: 'c' }, target)).toThrow(/colon/);
    const request = httpRequest({ ...http, user: 'me', password: 'sécret' }, target).toString(
      'latin1',
    );
    expect(request).toBe(
      `CONNECT files.example:22 HTTP/1.1\r\nHost: files.example:22\r\nProxy-Authorization: Basic ${Buffer.from('me:sécret').toString('base64')}\r\n\r\n`,
    );
  });
});
