/**
 * The kept list of unfinished transfers: what the file holds, what a damaged file does, and that
 * a tampered file cannot make a restored job write outside the folder the user chose.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SavedQueue, SAVED_QUEUE_FILE, serialise } from './saved-queue';
import {
  MAX_SAVED_BYTES,
  MAX_SAVED_JOBS,
  targetOf,
  type SavedJob,
  type SavedQueueFile,
  type SavedServer,
} from './saved-queue-format';
import { parseSavedQueue } from './saved-queue-parse';

const server = (jobs: SavedJob[], extra: Partial<SavedServer> = {}): SavedServer => ({
  protocol: 'sftp',
  host: '127.0.0.1',
  port: 2222,
  user: 'ferry',
  jobs,
  ...extra,
});
const download = (path: string[], more: Partial<SavedJob> = {}): SavedJob => ({
  direction: 'download',
  source: `/remote/${path.join('/')}`,
  folder: '/home/me/Downloads',
  path,
  size: 10,
  ...more,
});

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ferry-saved-queue-'));
}

function storeOn(
  dataDir: string,
  live: SavedServer[] = [],
  delays: { writeDelayMs?: number; bigListWriteDelayMs?: number } = {},
) {
  const lines: string[] = [];
  let rebuilds = 0;
  const store = new SavedQueue({
    dataDir,
    live: () => {
      rebuilds++;
      return live;
    },
    log: (_level, text) => lines.push(text),
    ...delays,
  });
  return { store, lines, rebuilds: () => rebuilds };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jobsIn = async (dir: string) =>
  (JSON.parse(await readFile(join(dir, SAVED_QUEUE_FILE), 'utf8')) as SavedQueueFile).servers[0]
    ?.jobs.length;

describe('when the saved list is written', () => {
  it('only once told it changed: neither rebuilt nor written otherwise', async () => {
    const dir = await folder();
    const live = [server([download(['a.txt'])])];
    const { store, rebuilds } = storeOn(dir, live, { writeDelayMs: 20 });
    store.changed();
    // Waits poll (a loaded machine may take longer than the 20 ms delay); only the
    // "nothing happened" check needs a fixed pause.
    await vi.waitFor(async () => expect(await jobsIn(dir)).toBe(1));
    expect(rebuilds()).toBe(1);
    live[0]?.jobs.push(download(['b.txt']));
    await sleep(100);
    expect(rebuilds()).toBe(1);
    store.changed();
    store.changed();
    await vi.waitFor(async () => expect(await jobsIn(dir)).toBe(2));
    expect(rebuilds()).toBe(2);
  });

  it('less often once the list holds more than 5,000 jobs', async () => {
    const dir = await folder();
    const many = Array.from({ length: 5001 }, (_, i) => download([`f${i}`]));
    const live = [server(many)];
    const { store } = storeOn(dir, live, { writeDelayMs: 20, bigListWriteDelayMs: 600 });
    await store.saveNow();
    many.push(download(['one-more']));
    store.changed();
    await sleep(250);
    expect(await jobsIn(dir)).toBe(5001);
    await vi.waitFor(async () => expect(await jobsIn(dir)).toBe(5002), { timeout: 5000 });
  });
});

describe('the saved list', () => {
  it('keeps each server with its jobs, versioned, and the next start offers them', async () => {
    const dir = await folder();
    const site = { id: 'site-1', name: 'Work' };
    const jobs = [download(['a.txt']), download(['photos', 'b.jpg'], { size: null })];
    const { store } = storeOn(dir, [server(jobs, { site })]);
    await store.close();

    const file = JSON.parse(await readFile(join(dir, SAVED_QUEUE_FILE), 'utf8')) as {
      format: string;
      version: number;
    };
    expect(file).toMatchObject({ format: 'ferry.unfinished-transfers', version: 1 });

    const next = storeOn(dir).store;
    await next.loaded;
    expect(next.pending()).toEqual([expect.objectContaining({ site, host: '127.0.0.1', jobs })]);
  });

  it('writes nothing when nothing is unfinished, and removes the file once all is done', async () => {
    const dir = await folder();
    const live = [server([download(['a.txt'])])];
    const { store } = storeOn(dir, live);
    await store.saveNow();
    expect(existsSync(join(dir, SAVED_QUEUE_FILE))).toBe(true);
    live.length = 0;
    await store.saveNow();
    expect(existsSync(join(dir, SAVED_QUEUE_FILE))).toBe(false);
  });

  it('keeps the earlier run’s list until it is restored or discarded', async () => {
    const dir = await folder();
    await storeOn(dir, [server([download(['old.txt'])])]).store.close();
    const { store } = storeOn(dir, [server([download(['new.txt'])], { host: 'localhost' })]);
    await store.loaded;
    await store.close();
    const again = storeOn(dir).store;
    await again.loaded;
    expect(again.pending().map((s) => s.jobs[0]?.path)).toEqual([['new.txt'], ['old.txt']]);
  });

  it('holds at most MAX_SAVED_JOBS jobs', () => {
    const many = Array.from({ length: MAX_SAVED_JOBS + 5 }, (_, i) => download([`f${i}`]));
    const parsed = parseSavedQueue(serialise([server(many)]));
    expect(parsed.kind === 'ok' && parsed.servers[0]?.jobs.length).toBe(MAX_SAVED_JOBS);
  });

  it('stays small enough for the next start to read, however long the paths', () => {
    const long = (i: number) => download([`f${i}`], { source: `/${'a'.repeat(4000)}/${i}` });
    const text = serialise([server(Array.from({ length: 9000 }, (_, i) => long(i)))]);
    expect(text.length).toBeLessThan(MAX_SAVED_BYTES);
    const parsed = parseSavedQueue(text);
    expect(parsed.kind === 'ok' && parsed.servers[0]?.jobs.length).toBeGreaterThan(7000);
  });
});

describe('a damaged file', () => {
  for (const [what, text] of [
    ['not JSON', '{"format": "ferry.unfin'],
    ['another format', '{"servers": []}'],
    [
      'a newer version',
      serialise([server([download(['a'])])]).replace('"version":1', '"version":2'),
    ],
  ] as const) {
    it(`(${what}) is set aside with a log line, and Ferry starts with nothing to restore`, async () => {
      const dir = await folder();
      await writeFile(join(dir, SAVED_QUEUE_FILE), text);
      const { store, lines } = storeOn(dir);
      await store.loaded;
      expect(store.pending()).toEqual([]);
      expect(lines).toEqual([expect.stringMatching(/could not be read .* set aside/)]);
      const names = await readdir(dir);
      expect(names).toEqual([expect.stringMatching(/^unfinished-transfers\.json\.damaged-\d+$/)]);
      expect(await readFile(join(dir, names[0] ?? ''), 'utf8')).toBe(text);
    });
  }
});

describe('paths are checked again when read', () => {
  it.each([
    ['a name that climbs out', download(['..', '..', 'etc', 'passwd'])],
    ['a name with a separator', download(['sub/../../x'])],
    ['a relative chosen folder', download(['a'], { folder: 'Downloads' })],
    ['a NUL byte', download(['a\0b'])],
    ['a relative server path', download(['a'], { source: 'etc/passwd' })],
    ['a name Windows reserves', download(['CON'])],
    [
      'an upload climbing out on the server',
      {
        ...download(['..', 'root']),
        direction: 'upload',
        source: '/home/me/a',
        folder: '/var/www',
      } as SavedJob,
    ],
  ])('drops %s, keeps the rest and says so', (_what, bad) => {
    const good = download(['ok.txt']);
    const parsed = parseSavedQueue(serialise([server([bad, good])]));
    expect(parsed).toEqual({ kind: 'ok', servers: [server([good])], dropped: 1 });
  });

  it('resolves a download inside the folder the user chose', () => {
    expect(targetOf(download(['photos', 'b.jpg']))).toBe('/home/me/Downloads/photos/b.jpg');
  });

  it('resolves an upload of a folder whose name starts with two dots ("..cache")', () => {
    const upload: SavedJob = {
      direction: 'upload',
      source: '/home/me/site/..cache/a.txt',
      folder: '/var/www',
      path: ['..cache', 'a.txt'],
      size: 10,
    };
    expect(targetOf(upload)).toBe('/var/www/..cache/a.txt');
  });

  it('keeps a part file only under an exact part name of the target', () => {
    const own = download(['a.txt'], { part: '.a.txt.0123456789ab.ferry-part', resume: true });
    const foreign = download(['b.txt'], { part: '../../.bashrc', resume: true });
    const other = download(['c.txt'], { part: '.a.txt.0123456789ab.ferry-part', resume: true });
    const parsed = parseSavedQueue(serialise([server([own, foreign, other])]));
    expect(parsed.kind === 'ok' && parsed.servers[0]?.jobs).toEqual([
      own,
      download(['b.txt']),
      download(['c.txt']),
    ]);
  });
});

it('keeps a discarded upload’s leftover only under an exact temporary name of its target', () => {
  const upload = (part: string): SavedJob => ({
    direction: 'upload',
    source: '/home/me/report.pdf',
    folder: '/var/www',
    path: ['report.pdf'],
    size: 10,
    part,
  });
  const own = upload('.report.pdf.0123456789ab.ferry-part');
  const parsed = parseSavedQueue(
    serialise([
      server([], {
        leftovers: [own, upload('../../etc/passwd'), upload('.other.pdf.0123456789ab.ferry-part')],
      }),
    ]),
  );
  expect(parsed).toEqual({
    kind: 'ok',
    servers: [server([], { leftovers: [own] })],
    dropped: 2,
  });
});

it('keeps a new file’s leftover by its target only while it is a saved upload of a new file', () => {
  const created = (path: string[], more: Partial<SavedJob> = {}): SavedJob => ({
    direction: 'upload',
    source: '/home/me/new.bin',
    folder: '/var/www',
    path,
    size: 10,
    created: { size: 4, modified: 1_700_000_000_000 },
    ...more,
  });
  const own = created(['new.bin']);
  const parsed = parseSavedQueue(
    serialise([
      server([], {
        leftovers: [
          own,
          created(['..', 'etc', 'passwd']),
          // Not a new file's upload: a plain target is never a leftover.
          { ...created(['old.bin']), created: undefined },
          created(['photo.jpg'], { direction: 'download', source: '/srv/photo.jpg' }),
        ],
      }),
    ]),
  );
  expect(parsed).toEqual({ kind: 'ok', servers: [server([], { leftovers: [own] })], dropped: 3 });
});

describe('discard', () => {
  it('forgets the list and removes the part files those downloads left, nothing else', async () => {
    const dir = await folder();
    const downloads = await folder();
    const part = '.a.txt.0123456789ab.ferry-part';
    await writeFile(join(downloads, part), 'half');
    await writeFile(join(downloads, 'keep.txt'), 'mine');
    const job = download(['a.txt'], { folder: downloads, part, resume: true });
    await storeOn(dir, [server([job])]).store.close();

    const { store } = storeOn(dir);
    await store.loaded;
    await store.discard();
    expect(store.pending()).toEqual([]);
    expect(await readdir(downloads)).toEqual(['keep.txt']);
    expect(existsSync(join(dir, SAVED_QUEUE_FILE))).toBe(false);
  });

  it('never takes a download’s target (a path here) for a new file to delete on the server', async () => {
    const dir = await folder();
    // Not what Ferry writes (only uploads note a new file), as a damaged or edited list may say.
    const odd = download(['report.pdf'], { created: { size: 10, modified: 1_700_000_000_000 } });
    await writeFile(join(dir, SAVED_QUEUE_FILE), serialise([server([odd])]));

    const { store } = storeOn(dir);
    await store.loaded;
    expect(await store.discard()).toEqual({ local: [], servers: [] });
    expect(store.withLeftovers()).toEqual([]);
  });
});
