/**
 * The browser edition: the built renderer over HTTP on 127.0.0.1, and the contract over a
 * WebSocket. Only a page holding this launch's token may use the WebSocket, and requests
 * naming another Host or Origin are refused (DNS-rebinding defence).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EmitEvent, Handlers } from '../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../window/security';
import { dispatch } from './dispatch';
import { createEventQueue } from './event-queue';
import { createUploadEndpoint, UPLOAD_PATH, type UploadStagingOptions } from './http-upload';
import { mimeTypeOf, resolveInside } from './static-files';

export interface WebServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  staticDir: string;
  /** The contract's handlers; built once the emitter exists (they need it for events). */
  createHandlers: (emit: EmitEvent) => Handlers;
  onInternalError?: (method: string, error: unknown) => void;
  /** Accepts files dropped into the page (POST /upload); absent: no upload door. */
  uploads?: UploadStagingOptions;
  /** Told when a page (`/ws?page=<id>`, one browser tab across reloads) connects and goes. */
  pages?: { opened(pageId: string): void; closed(pageId: string): void };
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  emit: EmitEvent;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Host must name us; Origin, when sent, must be our own page. */
export function isAllowedRequest(
  headers: IncomingMessage['headers'],
  port: number,
  requireOrigin: boolean,
): boolean {
  const hosts = allowedHosts(port);
  if (!headers.host || !hosts.includes(headers.host.toLowerCase())) return false;
  const origin = headers.origin;
  if (origin === undefined) return !requireOrigin;
  return hosts.some((host) => origin.toLowerCase() === `http://${host}`);
}

export function tokenFromProtocols(header: string | undefined): string | undefined {
  const offered = (header ?? '').split(',').map((p) => p.trim());
  return offered.find((p) => p.startsWith('token.'))?.slice('token.'.length);
}

/**
 * A request that names a page (claiming or reattaching sessions) speaks for the page whose
 * socket it came over: the socket's `?page=` is what the core's presence tracking knows, so the
 * two cannot disagree. A socket that named no page leaves the input as it is.
 */
export function speakingFor(input: unknown, pageId: string | undefined): unknown {
  if (pageId === undefined || typeof input !== 'object' || input === null) return input;
  return 'pageId' in input ? { ...input, pageId } : input;
}

/** The page id a WebSocket names in its address (`?page=`), when it names a valid one. */
export function pageIdFromUrl(url: string | undefined): string | undefined {
  const page = new URL(url ?? '/', 'http://x').searchParams.get('page') ?? '';
  return /^[A-Za-z0-9-]{8,64}$/.test(page) ? page : undefined;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end(text);
}

async function serveStatic(staticDir: string, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const file = resolveInside(staticDir, path);
  const info = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) return refuse(res, 404, 'Not found');
  res.writeHead(200, {
    'Content-Type': mimeTypeOf(file),
    'Content-Length': info.size,
    'Cache-Control': file.endsWith('.html') ? 'no-store' : 'public, max-age=3600',
    ...SECURITY_HEADERS,
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(32).toString('base64url');
  const clients = new Set<WebSocket>();
  let port = 0;
  const uploads =
    options.uploads &&
    createUploadEndpoint({
      ...options.uploads,
      isAllowed: (req) => isAllowedRequest(req.headers, port, true),
      isToken: (offered) => sameToken(offered, token),
      headers: SECURITY_HEADERS,
    });
  const events = createEventQueue((message) => {
    for (const client of clients) if (client.readyState === client.OPEN) client.send(message);
  });
  const emit: EmitEvent = (event, payload) => {
    uploads?.observe(event, payload);
    events.push(event, payload);
  };
  const handlers = options.createHandlers(emit);

  const server = createServer((req, res) => {
    if (!isAllowedRequest(req.headers, port, false)) return refuse(res, 403, 'Forbidden');
    if (uploads && (req.url ?? '').split('?')[0] === UPLOAD_PATH) {
      return void uploads.handle(req, res);
    }
    void serveStatic(options.staticDir, req, res).catch(() => refuse(res, 500, 'Error'));
  });
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 16 * 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has('ferry') ? 'ferry' : false),
  });

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const token_ = tokenFromProtocols(req.headers['sec-websocket-protocol']);
    if (path !== '/ws' || !isAllowedRequest(req.headers, port, true) || !sameToken(token_, token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const pageId = pageIdFromUrl(req.url);
    sockets.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      if (pageId !== undefined) options.pages?.opened(pageId);
      ws.on('close', () => {
        clients.delete(ws);
        if (pageId !== undefined) options.pages?.closed(pageId);
      });
      ws.on('message', (data) => void answer(ws, String(data), pageId));
    });
  });

  async function answer(ws: WebSocket, text: string, pageId?: string): Promise<void> {
    // JSON.parse may give null: reading .id from it would crash the whole process.
    let request: { id?: unknown; method?: unknown; input?: unknown } | null;
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      return;
    }
    if (typeof request?.id !== 'number') return;
    const input = speakingFor(request.input, pageId);
    const result = await dispatch(handlers, request.method, input, options.onInternalError);
    // The events raised while answering go first, as they would have without the queue.
    events.flush();
    if (ws.readyState === ws.OPEN)
      ws.send(JSON.stringify({ type: 'result', id: request.id, result }));
  }

  // Big files dropped into the page take longer than Node's 5-minute request limit; headers
  // still must arrive within headersTimeout.
  server.requestTimeout = 0;
  port = await listen(server, options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    emit,
    close: () =>
      new Promise<void>((resolve) => {
        events.dispose();
        for (const client of clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => void (uploads?.dispose() ?? Promise.resolve()).finally(resolve));
      }),
  };
}
