/**
 * The browser edition's front door, attacked the way a web page or a local process could:
 * a real server on a free loopback port, a real WebSocket client, raw HTTP where needed.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createApp } from '../core/app';
import { CONTENT_SECURITY_POLICY } from '../window/security';
import { startWebServer, type WebServer } from './http';

const SECRET = 'the contents of a file outside the static folder';
let root: string;
let server: WebServer;
let origin: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-http-'));
  const staticDir = join(root, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log("ferry")');
  await writeFile(join(root, 'secret.txt'), SECRET);
  await writeFile(join(root, 'package.json'), SECRET);
  server = await startWebServer({
    port: 0,
    staticDir,
    createHandlers: (emit) =>
      createApp({ edition: 'browser', dataDir: join(root, 'data'), version: '9.9.9', emit })
        .handlers,
  });
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function httpGet(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method, headers, setHost: !headers.Host },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Sends bytes as they are (no client-side URL clean-up) and returns the raw reply. */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
    socket.setTimeout(3000, () => socket.destroy(new Error('no reply')));
  });
}

interface SocketAttempt {
  protocols?: string[];
  origin?: string | null;
  headers?: Record<string, string>;
  path?: string;
}
type SocketOutcome = { open: WebSocket } | { status: number } | { error: string };

function openSocket(attempt: SocketAttempt = {}): Promise<SocketOutcome> {
  const protocols = attempt.protocols ?? ['ferry', `token.${server.token}`];
  const sentOrigin = attempt.origin === undefined ? origin : attempt.origin;
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${attempt.path ?? '/ws'}`, protocols, {
      ...(sentOrigin === null ? {} : { origin: sentOrigin }),
      headers: attempt.headers ?? {},
      handshakeTimeout: 3000,
    });
    ws.once('open', () => resolve({ open: ws }));
    ws.once('unexpected-response', (req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      req.destroy();
    });
    ws.once('error', (error) => resolve({ error: error.message }));
  });
}

function call(ws: WebSocket, id: number, method: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(String(data)) as { type: string; id?: number; result?: unknown };
      if (message.type === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

describe('browser edition: who may use the WebSocket', () => {
  it('lets the page holding this launch’s token call the core', async () => {
    const outcome = await openSocket();
    if (!('open' in outcome)) throw new Error(`refused: ${JSON.stringify(outcome)}`);
    const ws = outcome.open;
    expect(ws.protocol).toBe('ferry');
    await expect(call(ws, 1, 'app.info', {})).resolves.toMatchObject({
      ok: true,
      value: { edition: 'browser', version: '9.9.9', deleteMode: 'permanent' },
    });
    await expect(call(ws, 2, 'files.steal', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    await expect(call(ws, 3, 'local.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    ws.close();
  });

  it('works under the name localhost too', async () => {
    const outcome = await openSocket({
      origin: `http://localhost:${server.port}`,
      headers: { Host: `localhost:${server.port}` },
    });
    expect(outcome).toHaveProperty('open');
    if ('open' in outcome) outcome.open.close();
  });

  it('sends core events to the page', async () => {
    const outcome = await openSocket();
    if (!('open' in outcome)) throw new Error('refused');
    const heard = new Promise((resolve) => outcome.open.once('message', (d) => resolve(String(d))));
    server.emit('session.closed', { sessionId: 's1', reason: 'The server hung up.' });
    expect(JSON.parse((await heard) as string)).toEqual({
      type: 'event',
      event: 'session.closed',
      payload: { sessionId: 's1', reason: 'The server hung up.' },
    });
    outcome.open.close();
  });

  it('ignores malformed messages and keeps serving', async () => {
    const outcome = await openSocket();
    if (!('open' in outcome)) throw new Error('refused');
    const ws = outcome.open;
    for (const junk of ['not json', 'null', '[]', '42', '"text"', '{"id":"1"}', '{}'])
      ws.send(junk);
    await expect(call(ws, 7, 'app.info', {})).resolves.toMatchObject({ ok: true });
    ws.close();
  });

  const wrongToken = () => `token.${'A'.repeat(server.token.length)}`;
  it.each<[string, () => SocketAttempt]>([
    ['without a token', () => ({ protocols: ['ferry'] })],
    ['with a wrong token of the same length', () => ({ protocols: ['ferry', wrongToken()] })],
    ['with a truncated token', () => ({ protocols: ['ferry', `token.${server.token.slice(1)}`] })],
    ['with the token and more', () => ({ protocols: ['ferry', `token.${server.token}A`] })],
    ['from a foreign page', () => ({ origin: 'http://evil.example' })],
    ['from a foreign page on loopback', () => ({ origin: 'http://127.0.0.1:1' })],
    ['from an https look-alike', () => ({ origin: `https://127.0.0.1:${server.port}` })],
    ['from an opaque origin', () => ({ origin: 'null' })],
    ['without an Origin', () => ({ origin: null })],
    ['through a rebound DNS name', () => ({ headers: { Host: `attacker.com:${server.port}` } })],
    ['naming another port', () => ({ headers: { Host: '127.0.0.1:1' } })],
    ['on another path', () => ({ path: '/socket' })],
  ])('refuses a socket %s', async (_why, attempt) => {
    const outcome = await openSocket(attempt());
    if ('open' in outcome) outcome.open.close();
    expect(outcome).toEqual({ status: 403 });
  });
});

describe('browser edition: the static files', () => {
  it('serves the page with the CSP and nosniff headers', async () => {
    const page = await httpGet('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Ferry</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    const script = await httpGet('/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('puts the security headers on refusals too', async () => {
    for (const answer of [
      await httpGet('/missing'),
      await httpGet('/', { Host: 'evil.example' }),
    ]) {
      expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it.each([
    `attacker.com:PORT`,
    'attacker.com',
    '127.0.0.1',
    '127.0.0.1:1',
    '[::1]:PORT',
    '0.0.0.0:PORT',
  ])('refuses Host %s with 403 (DNS rebinding)', async (host) => {
    const answer = await httpGet('/', { Host: host.replace('PORT', String(server.port)) });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('<title>Ferry</title>');
  });

  it('refuses a request that names no Host', async () => {
    const reply = await rawRequest('GET / HTTP/1.0\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.[01] 403/);
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/index.html%00',
    '/index.html%00/../../secret.txt',
    '//..//..//secret.txt',
  ])('never serves a file outside the static folder for %s', async (path) => {
    const reply = await rawRequest(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(reply).not.toContain(SECRET);
    expect(reply).toMatch(/^HTTP\/1\.1 (400|403|404)/);
  });

  it('never serves a file outside the static folder for a raw NUL byte', async () => {
    const reply = await rawRequest(
      `GET /index.html\0/../../secret.txt HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`,
    );
    expect(reply).not.toContain(SECRET);
  });

  it('accepts only GET and HEAD', async () => {
    expect((await httpGet('/', {}, 'POST')).status).toBe(405);
    const head = await httpGet('/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('browser edition: the launch', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(server.url.startsWith(`http://127.0.0.1:${server.port}/`)).toBe(true);
    const reachable = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = connect(server.port, host, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
    expect(await reachable('127.0.0.1')).toBe(true);
    // Another loopback address and IPv6 loopback: a server on 0.0.0.0 or :: would answer.
    expect(await reachable('127.0.0.2')).toBe(false);
    expect(await reachable('::1')).toBe(false);
  });

  it('makes a 256-bit random token per launch, handed over in the URL fragment only', async () => {
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const url = new URL(server.url);
    expect(url.hash).toBe(`#token=${server.token}`);
    expect(url.pathname + url.search).not.toContain(server.token);

    const second = await startWebServer({
      staticDir: root,
      createHandlers: (emit) =>
        createApp({ edition: 'browser', dataDir: join(root, 'data2'), version: '1', emit })
          .handlers,
    });
    try {
      expect(second.token).not.toBe(server.token);
      expect(second.port).not.toBe(server.port);
      // The first launch's token opens nothing on the second.
      const ws = new WebSocket(
        `ws://127.0.0.1:${second.port}/ws`,
        ['ferry', `token.${server.token}`],
        {
          origin: `http://127.0.0.1:${second.port}`,
        },
      );
      const opened = await new Promise<boolean>((resolve) => {
        ws.once('open', () => resolve(true));
        ws.once('error', () => resolve(false));
      });
      ws.terminate();
      expect(opened).toBe(false);
    } finally {
      await second.close();
    }
  });
});
