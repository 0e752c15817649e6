/**
 * The browser edition tells the core which pages (browser tabs, across reloads) are connected,
 * so a reload finds its sessions and a closed tab's sessions can end: only sockets that passed
 * the token and origin checks count, and only with a well-formed page id.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createApp, type FerryApp } from '../core/app';
import { pageIdFromUrl, speakingFor, startWebServer, type WebServer } from './http';

let root: string;
let server: WebServer;
let app: FerryApp | undefined;
const heard: string[] = [];
/** The page ids the core was asked to reattach for. */
const reattachedFor: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-http-pages-'));
  await mkdir(join(root, 'renderer'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>Ferry</title>');
  server = await startWebServer({
    port: 0,
    staticDir: join(root, 'renderer'),
    createHandlers: (emit) => {
      app = createApp({ edition: 'browser', dataDir: join(root, 'data'), version: '1', emit });
      const { handlers } = app;
      return {
        ...handlers,
        'remote.reattach': async (input) => {
          reattachedFor.push(input.pageId);
          return handlers['remote.reattach'](input);
        },
      };
    },
    pages: {
      opened: (pageId) => heard.push(`opened ${pageId}`),
      closed: (pageId) => heard.push(`closed ${pageId}`),
    },
  });
});
afterAll(async () => {
  await server?.close();
  await app?.dispose();
  await rm(root, { recursive: true, force: true });
});

/** Opens a socket as the page would; resolves when it is open or refused. */
function openSocket(path: string, token = server.token): Promise<WebSocket | undefined> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, ['ferry', `token.${token}`], {
      origin: `http://127.0.0.1:${server.port}`,
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (req) => {
      req.destroy();
      resolve(undefined);
    });
    ws.once('error', () => resolve(undefined));
  });
}

async function closeAndWait(ws: WebSocket): Promise<void> {
  const closed = new Promise((resolve) => ws.once('close', resolve));
  ws.close();
  await closed;
}

/** Waits until the server has reported what `done` looks for (it hears a close a bit later). */
async function untilHeard(done: (heard: string[]) => boolean, ms = 10_000): Promise<void> {
  for (let waited = 0; waited < ms && !done(heard); waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('browser edition: pages coming and going', () => {
  it('reports a page’s socket opening and closing, by the id in its address', async () => {
    heard.length = 0;
    const ws = await openSocket('/ws?page=0f1e2d3c-aaaa-bbbb');
    expect(ws).toBeDefined();
    expect(heard).toEqual(['opened 0f1e2d3c-aaaa-bbbb']);
    await closeAndWait(ws!);
    await untilHeard((h) => h.includes('closed 0f1e2d3c-aaaa-bbbb'));
    expect(heard).toEqual(['opened 0f1e2d3c-aaaa-bbbb', 'closed 0f1e2d3c-aaaa-bbbb']);
  });

  it('a socket without the token is refused and reports nothing', async () => {
    heard.length = 0;
    expect(await openSocket('/ws?page=0f1e2d3c-aaaa-bbbb', 'wrong-token')).toBeUndefined();
    expect(heard).toEqual([]);
  });

  it('a socket without a page id, or with a malformed one, works but is no page', async () => {
    heard.length = 0;
    for (const path of [
      '/ws',
      '/ws?page=short',
      '/ws?page=../../etc',
      '/ws?page=a%20b%20c%20d%20e',
    ]) {
      const ws = await openSocket(path);
      expect(ws).toBeDefined();
      await closeAndWait(ws!);
    }
    // A page that comes and goes after them: once the server heard it go, it had heard those
    // sockets close before (they closed first), and none of them was reported.
    const marker = await openSocket('/ws?page=after-them-0000');
    await closeAndWait(marker!);
    await untilHeard((h) => h.includes('closed after-them-0000'));
    expect(heard).toEqual(['opened after-them-0000', 'closed after-them-0000']);
  });

  it('a request naming a page speaks for the page of the socket it came over', async () => {
    const ws = (await openSocket('/ws?page=socket-page-1234'))!;
    const answered = new Promise<unknown>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; id?: number; result?: unknown };
        if (message.type === 'result' && message.id === 1) resolve(message.result);
      }),
    );
    ws.send(
      JSON.stringify({ id: 1, method: 'remote.reattach', input: { pageId: 'another-page-9999' } }),
    );
    expect(await answered).toMatchObject({ ok: true, value: [] });
    expect(reattachedFor).toEqual(['socket-page-1234']);
    await closeAndWait(ws);
  });

  it('leaves inputs alone when the socket named no page, or they name none', () => {
    expect(speakingFor({ pageId: 'body-page-1' }, undefined)).toEqual({ pageId: 'body-page-1' });
    expect(speakingFor({ sessionId: 's1' }, 'socket-page-1')).toEqual({ sessionId: 's1' });
    expect(speakingFor(null, 'socket-page-1')).toBeNull();
  });

  it('reads only well-formed page ids', () => {
    expect(pageIdFromUrl('/ws?page=abcd-1234-EFGH')).toBe('abcd-1234-EFGH');
    expect(pageIdFromUrl('/ws?page=abc')).toBeUndefined();
    expect(pageIdFromUrl(`/ws?page=${'a'.repeat(65)}`)).toBeUndefined();
    expect(pageIdFromUrl('/ws?page=a_b_c_d_e_f')).toBeUndefined();
    expect(pageIdFromUrl(undefined)).toBeUndefined();
  });
});
