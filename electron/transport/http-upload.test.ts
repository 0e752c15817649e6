/**
 * The browser edition's upload door, attacked the way a web page or a local process could:
 * a real server on a free loopback port, real HTTP requests, the staged files checked on disk.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferJob } from '../../shared/contract/transfers';
import { createApp } from '../core/app';
import { startWebServer, type WebServer } from './http';
import { unsafeUploadName, uploadSegments } from './http-upload';

let root: string;
let stagingRoot: string;
let server: WebServer;
let origin: string;
const MAX = 64 * 1024;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ferry-upload-'));
  stagingRoot = join(root, 'data', 'upload-staging');
  // A staging folder left by a launch that crashed two days ago, and one of a launch still running.
  await mkdir(join(stagingRoot, 'crashed', 'batch'), { recursive: true });
  await writeFile(join(stagingRoot, 'crashed', 'batch', 'old.txt'), 'old');
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  await utimes(join(stagingRoot, 'crashed'), twoDaysAgo, twoDaysAgo);
  await mkdir(join(stagingRoot, 'running'), { recursive: true });
  await mkdir(join(root, 'renderer'));
  server = await startWebServer({
    staticDir: join(root, 'renderer'),
    createHandlers: (emit) =>
      createApp({ edition: 'browser', dataDir: join(root, 'data'), version: '1', emit }).handlers,
    uploads: { stagingRoot, maxFileBytes: MAX },
  });
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

interface Upload {
  path?: string;
  batch?: string;
  kind?: string;
  body?: Buffer | string;
  headers?: Record<string, string | undefined>;
  method?: string;
  rawQuery?: string;
}

interface Answer {
  status: number;
  json: { path?: string; error?: { code: string; message: string } };
}

const BATCH = 'batch-0001';

function upload(u: Upload = {}): Promise<Answer> {
  const body = typeof u.body === 'string' ? Buffer.from(u.body) : (u.body ?? Buffer.from('hi'));
  const query =
    u.rawQuery ??
    new URLSearchParams({
      batch: u.batch ?? BATCH,
      path: u.path ?? 'file.txt',
      ...(u.kind ? { kind: u.kind } : {}),
    }).toString();
  const headers: Record<string, string> = {
    Authorization: `Bearer ${server.token}`,
    Origin: origin,
    'Content-Length': String(body.length),
  };
  for (const [name, value] of Object.entries(u.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/upload?${query}`,
        method: u.method ?? 'POST',
        headers,
        setHost: !headers.Host,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let json: Answer['json'] = {};
          try {
            json = JSON.parse(text) as Answer['json'];
          } catch {
            // plain-text refusals
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(u.method === 'GET' ? undefined : body);
  });
}

/** Every file under the data folder except the ones a test set up. */
async function stagedFiles(): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string) {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else found.push(relative(root, path));
    }
  }
  await walk(root);
  return found;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('upload door: what it accepts', () => {
  it('streams a dropped file into this launch’s staging folder, byte for byte', async () => {
    const content = randomBytes(40_000);
    const answer = await upload({ batch: 'accept-01', path: 'Grüße report.bin', body: content });
    expect(answer.status).toBe(201);
    const staged = answer.json.path ?? '';
    expect(relative(stagingRoot, staged).startsWith('..')).toBe(false);
    expect(staged.endsWith(join('accept-01', 'Grüße report.bin'))).toBe(true);
    expect(sha256(await readFile(staged))).toBe(sha256(content));
  });

  it('keeps a dropped folder’s shape and answers its top folder', async () => {
    const a = await upload({ batch: 'accept-02', path: 'photos/2026/a.jpg', body: 'A' });
    const b = await upload({ batch: 'accept-02', path: 'photos/b.jpg', body: 'B' });
    const empty = await upload({ batch: 'accept-02', path: 'photos/empty', kind: 'folder' });
    expect([a.status, b.status, empty.status]).toEqual([201, 201, 201]);
    const top = a.json.path ?? '';
    expect(b.json.path).toBe(top);
    expect(empty.json.path).toBe(top);
    expect(await readFile(join(top, '2026', 'a.jpg'), 'utf8')).toBe('A');
    expect(existsSync(join(top, 'empty'))).toBe(true);
  });

  it('accepts an empty file', async () => {
    const answer = await upload({ batch: 'accept-03', path: 'empty.txt', body: '' });
    expect(answer.status).toBe(201);
    expect(await readFile(answer.json.path ?? '', 'utf8')).toBe('');
  });

  it('cleaned up the staging folder of a crashed launch, not of a running one', () => {
    expect(existsSync(join(stagingRoot, 'crashed'))).toBe(false);
    expect(existsSync(join(stagingRoot, 'running'))).toBe(true);
  });
});

describe('upload door: who may use it', () => {
  it.each<[string, () => Upload, number]>([
    ['without a token', () => ({ headers: { Authorization: undefined } }), 401],
    ['with a wrong token', () => ({ headers: { Authorization: `Bearer ${'A'.repeat(43)}` } }), 401],
    [
      'with the token and more',
      () => ({ headers: { Authorization: `Bearer ${server.token}A` } }),
      401,
    ],
    ['with the token but no Bearer', () => ({ headers: { Authorization: server.token } }), 401],
    [
      'with the token in the query',
      () => ({
        rawQuery: `batch=${BATCH}&path=a.txt&token=${server.token}`,
        headers: { Authorization: undefined },
      }),
      401,
    ],
    ['from a foreign page', () => ({ headers: { Origin: 'http://evil.example' } }), 403],
    ['from a foreign page on loopback', () => ({ headers: { Origin: 'http://127.0.0.1:1' } }), 403],
    ['from an opaque origin', () => ({ headers: { Origin: 'null' } }), 403],
    ['without an Origin', () => ({ headers: { Origin: undefined } }), 403],
    ['through a rebound DNS name', () => ({ headers: { Host: 'attacker.com' } }), 403],
    ['by GET', () => ({ method: 'GET' }), 405],
    ['by a CORS preflight', () => ({ method: 'OPTIONS' }), 405],
  ])('refuses an upload %s, and writes nothing', async (_why, attempt, status) => {
    const before = await stagedFiles();
    const answer = await upload({ batch: 'refused-01', path: 'sneaky.txt', ...attempt() });
    expect(answer.status).toBe(status);
    expect(await stagedFiles()).toEqual(before);
  });

  it('refuses a wrong token even with the right length', async () => {
    const token = server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const answer = await upload({ headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(401);
  });
});

describe('upload door: names are data, not paths', () => {
  it.each([
    '../escape.txt',
    '../../../../tmp/escape.txt',
    'a/../../escape.txt',
    'a/../b.txt',
    '/etc/passwd',
    '..',
    '.',
    'a//b.txt',
    'a\\..\\..\\escape.txt',
    '..\\escape.txt',
    'nul\0byte.txt',
    'line\nbreak.txt',
    'a/',
    'x'.repeat(256),
  ])('refuses %j and writes nothing', async (path) => {
    const before = await stagedFiles();
    const answer = await upload({ batch: 'names-01', path, body: 'escape' });
    expect(answer.status).toBe(400);
    expect(answer.json.error?.code).toBe('invalid_input');
    expect(await stagedFiles()).toEqual(before);
    expect(existsSync(join(root, 'escape.txt'))).toBe(false);
    expect(existsSync(join(dirname(stagingRoot), 'escape.txt'))).toBe(false);
  });

  it.each(['../x', '', 'a/b', 'short', 'x'.repeat(65), 'a b c d e'])(
    'refuses the batch id %j',
    async (batch) => {
      const answer = await upload({ batch, path: 'ok.txt' });
      expect(answer.status).toBe(400);
    },
  );

  it('refuses a query with no file name', async () => {
    expect((await upload({ rawQuery: `batch=${BATCH}` })).status).toBe(400);
  });

  it('never overwrites a file already dropped in the batch', async () => {
    expect((await upload({ batch: 'twice-01', path: 'same.txt', body: 'first' })).status).toBe(201);
    const second = await upload({ batch: 'twice-01', path: 'same.txt', body: 'second' });
    expect(second.status).toBe(409);
    const files = (await stagedFiles()).filter((f) => f.includes('twice-01'));
    expect(files).toHaveLength(1);
    expect(await readFile(join(root, files[0] ?? ''), 'utf8')).toBe('first');
  });

  it('judges names by this system’s rules', () => {
    expect(unsafeUploadName('a:b?.txt', 'linux')).toBeUndefined();
    expect(unsafeUploadName('a:b?.txt', 'win32')).toMatch(/Windows forbids/);
    expect(unsafeUploadName('CON', 'win32')).toMatch(/reserves/);
    expect(unsafeUploadName('..', 'linux')).toMatch(/folder above/);
    expect(() => uploadSegments('a/'.repeat(65) + 'b')).toThrow(/nested too deeply/);
  });
});

describe('upload door: size', () => {
  it('refuses a file larger than the limit before reading it', async () => {
    const before = await stagedFiles();
    const answer = await upload({
      batch: 'size-0001',
      path: 'big.bin',
      body: randomBytes(MAX + 1),
    });
    expect(answer.status).toBe(413);
    expect(answer.json.error?.message).toMatch(/larger than Ferry accepts/);
    expect(await stagedFiles()).toEqual(before);
  });

  it('accepts a file of exactly the limit', async () => {
    const answer = await upload({ batch: 'size-0002', path: 'max.bin', body: randomBytes(MAX) });
    expect(answer.status).toBe(201);
  });

  it('refuses an upload that does not say its size', async () => {
    const answer = await upload({
      batch: 'size-0003',
      headers: { 'Content-Length': undefined, 'Transfer-Encoding': 'chunked' },
    });
    expect(answer.status).toBe(411);
  });
});

describe('upload door: staged files go once their transfer is over', () => {
  function job(id: string, source: string, state: TransferJob['state']): TransferJob {
    return {
      id,
      sessionId: 's',
      direction: 'upload',
      kind: 'file',
      name: 'x',
      source,
      target: '/x',
      state,
      bytes: 0,
      total: null,
      speed: 0,
      eta: null,
      attempts: 1,
    };
  }
  const gone = async (path: string) => {
    for (let i = 0; i < 50 && existsSync(path); i++) await new Promise((r) => setTimeout(r, 20));
    return !existsSync(path);
  };

  it('deletes a staged file when its upload is done, and its emptied batch folder', async () => {
    const staged = (await upload({ batch: 'clean-001', path: 'done.txt' })).json.path ?? '';
    server.emit('transfer.updated', { jobs: [job('j1', staged, 'active')] });
    expect(existsSync(staged)).toBe(true);
    server.emit('transfer.updated', { jobs: [job('j1', staged, 'done')] });
    expect(await gone(staged)).toBe(true);
    expect(await gone(dirname(staged))).toBe(true);
  });

  it('keeps a failed upload’s file for a retry, and deletes it when the row is cleared', async () => {
    const staged = (await upload({ batch: 'clean-002', path: 'photos/a.jpg' })).json.path ?? '';
    server.emit('transfer.updated', { jobs: [{ ...job('j2', staged, 'failed'), kind: 'folder' }] });
    await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(staged, 'a.jpg'))).toBe(true);
    server.emit('transfer.removed', { jobIds: ['j2'] });
    expect(await gone(staged)).toBe(true);
  });

  it('never deletes a source outside its staging folder', async () => {
    const mine = join(root, 'my-own-file.txt');
    await writeFile(mine, 'precious');
    server.emit('transfer.updated', { jobs: [job('j3', mine, 'done')] });
    server.emit('transfer.removed', { jobIds: ['j3'] });
    await new Promise((r) => setTimeout(r, 100));
    expect(await readFile(mine, 'utf8')).toBe('precious');
  });

  it('deletes everything it staged when Ferry stops', async () => {
    const second = await startWebServer({
      staticDir: join(root, 'renderer'),
      createHandlers: (emit) =>
        createApp({ edition: 'browser', dataDir: join(root, 'data2'), version: '1', emit })
          .handlers,
      uploads: { stagingRoot: join(root, 'data2', 'staging') },
    });
    const staged = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: second.port,
          path: `/upload?batch=${BATCH}&path=left.txt`,
          method: 'POST',
          headers: {
            Authorization: `Bearer ${second.token}`,
            Origin: `http://127.0.0.1:${second.port}`,
            'Content-Length': '4',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve((JSON.parse(text) as { path: string }).path));
        },
      );
      req.on('error', reject);
      req.end('left');
    });
    expect(existsSync(staged)).toBe(true);
    await second.close();
    expect(existsSync(staged)).toBe(false);
    expect(await readdir(join(root, 'data2', 'staging'))).toEqual([]);
  });
});
