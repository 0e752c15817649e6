/**
 * Jobs made again from the saved list: what they continue, and what a saved entry cannot make
 * them do (replace a local file without the usual question).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFileJob } from './job-factory';
import { jobsFromSaved, saveJob } from './restore-jobs';
import { SAVED_QUEUE_FORMAT, SAVED_QUEUE_VERSION, type SavedJob } from './saved-queue-format';
import { parseSavedQueue } from './saved-queue-parse';
import { changedSincePreview, type SeenTarget } from './seen-target';
import type { FileJob } from './types';

const PART = '.a.txt.0123456789ab.ferry-part';

async function downloads(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ferry-restore-jobs-'));
}

const download = (folder: string, more: Partial<SavedJob> = {}): SavedJob => ({
  direction: 'download',
  source: '/srv/a.txt',
  folder,
  path: ['a.txt'],
  size: 100,
  ...more,
});

describe('a restored download', () => {
  it('continues the part file its earlier run left', async () => {
    const folder = await downloads();
    await writeFile(join(folder, PART), 'half');
    const { files } = jobsFromSaved('s1', [download(folder, { part: PART, resume: true })]);
    expect(files[0]).toMatchObject({ resumable: true, partPath: join(folder, PART) });
    expect(files[0]?.row).toMatchObject({ target: join(folder, 'a.txt'), total: 100 });
  });

  it('starts afresh, asking as usual, when that part file is gone', async () => {
    const folder = await downloads();
    const { files } = jobsFromSaved('s1', [download(folder, { part: PART, resume: true })]);
    expect(files[0]?.resumable).toBe(false);
  });

  it('does not take a saved "overwrite" on trust', async () => {
    const folder = await downloads();
    const { files } = jobsFromSaved('s1', [download(folder, { decision: 'overwrite' })]);
    expect(files[0]?.decision).toBeUndefined();
  });

  it('is not made at all when its names would leave the chosen folder', async () => {
    const folder = await downloads();
    const bad = download(folder, { path: ['..', 'outside.txt'] });
    expect(jobsFromSaved('s1', [bad]).files).toEqual([]);
  });
});

describe('a restored upload', () => {
  it('continues as after a retry: the target is its own, after the bytes already sent', () => {
    const saved: SavedJob = {
      direction: 'upload',
      source: '/home/me/a.txt',
      folder: '/var/www',
      path: ['a.txt'],
      size: 100,
      resume: true,
      decision: 'overwrite',
    };
    const { files } = jobsFromSaved('s1', [saved]);
    expect(files[0]).toMatchObject({ resumable: true, decision: 'overwrite' });
    expect(files[0]?.row.target).toBe('/var/www/a.txt');
  });
});

it('a subfolder not listed yet is walked again from its own top, under its folder transfer', async () => {
  const folder = await downloads();
  const saved = download(folder, {
    kind: 'folder',
    source: '/srv/tree/d1',
    path: ['tree', 'd1'],
    size: null,
  });
  const { files, walks, top } = jobsFromSaved('s1', [saved]);
  expect(files).toEqual([]);
  expect(walks[0]).toMatchObject({
    source: '/srv/tree/d1',
    target: join(folder, 'tree', 'd1'),
    relative: 'd1',
  });
  expect(top).toEqual([walks[0]?.folder]);
  expect(walks[0]?.folder.row).toMatchObject({
    kind: 'folder',
    name: 'tree',
    source: '/srv/tree',
    target: join(folder, 'tree'),
    sessionId: 's1',
  });
});

it('the files of a folder transfer come back under one folder row, counting those done before', async () => {
  const folder = await downloads();
  const file = (path: string[], more: Partial<SavedJob> = {}) =>
    download(folder, { source: `/srv/${path.join('/')}`, path, size: 10, ...more });
  const { jobs, top, files } = jobsFromSaved('s1', [
    file(['tree', 'a.txt'], { earlier: { files: 3, bytes: 300 } }),
    file(['tree', 'd0', 'b.txt']),
    file(['loose.txt']),
  ]);
  const [tree, loose] = top;
  expect(top.map((job) => job.row.name)).toEqual(['tree', 'loose.txt']);
  expect(tree?.type === 'folder' && tree.children).toEqual([]); // the board adds them
  expect(files.map((job) => [job.row.name, job.parent?.row.id])).toEqual([
    ['a.txt', tree?.row.id],
    ['d0/b.txt', tree?.row.id],
    ['loose.txt', undefined],
  ]);
  expect(jobs.map((job) => job.row.name)).toEqual(['tree', 'a.txt', 'd0/b.txt', 'loose.txt']);
  expect(tree?.row).toMatchObject({ source: '/srv/tree', bytes: 300, total: 300 });
  expect(tree?.row.files).toMatchObject({ total: 3, done: 3 });
  expect(loose?.type).toBe('file');
});

describe('a synchronization’s transfer restored after a restart', () => {
  /** A job saved the way Ferry saves it when it closes, and read back at the next start. */
  function throughRestart(
    seen: SeenTarget,
    linksRefused = false,
    within?: string,
    tamper: (saved: SavedJob) => void = () => undefined,
  ): FileJob | undefined {
    const batch = { id: 'b1', sessionId: 's1', direction: 'upload' as const };
    const job = makeFileJob(batch, {
      name: 'index.html',
      source: '/home/me/site/css/index.html',
      target: '/var/www/css/index.html',
    });
    job.seenTarget = seen;
    if (linksRefused) job.linksRefused = true;
    if (within) job.localRoot = { path: within, dev: 1, ino: 2 };
    const saved = saveJob(job);
    if (saved) tamper(saved);
    const file = {
      format: SAVED_QUEUE_FORMAT,
      version: SAVED_QUEUE_VERSION,
      savedAt: Date.now(),
      servers: [{ protocol: 'sftp', host: 'example.com', port: 22, user: 'me', jobs: [saved] }],
    };
    const parsed = parseSavedQueue(JSON.stringify(file));
    if (parsed.kind !== 'ok') throw new Error('not read back');
    return jobsFromSaved('s2', parsed.servers[0]?.jobs ?? []).files[0];
  }
  const seen: SeenTarget = {
    where: 'server',
    entry: { size: 10, modified: Date.UTC(2026, 10, 26, 14, 5) },
    precision: 'listing',
    shifts: [0],
  };

  it('still leaves alone a target changed since the preview', () => {
    const restored = throughRestart(seen);
    expect(restored?.seenTarget).toEqual(seen);
    const edited = { kind: 'file' as const, size: 12, modified: Date.UTC(2026, 10, 27, 9) };
    expect(changedSincePreview(restored!.seenTarget!, edited)).toBe(
      'Changed on the server since the preview — not replaced.',
    );
    // What the preview saw is still replaced.
    const unchanged = {
      kind: 'file' as const,
      size: 10,
      modified: Date.UTC(2026, 10, 26, 14, 5, 31),
    };
    expect(changedSincePreview(restored!.seenTarget!, unchanged)).toBeUndefined();
  });

  it('still refuses to read through a link that took its file’s place', () => {
    expect(throughRestart(seen, true)?.linksRefused).toBe(true);
    expect(throughRestart(seen)?.linksRefused).toBeUndefined();
  });

  it('still reads (or writes) nothing through a folder of its own turned link', () => {
    expect(throughRestart(seen, true, '/home/me/site')?.localRoot).toEqual({
      path: '/home/me/site',
    });
    expect(throughRestart(seen, true)?.localRoot).toBeUndefined();
    // A saved folder that does not hold the file: not made again.
    const elsewhere = (saved: SavedJob) => void (saved.within = '/home/me/other');
    expect(throughRestart(seen, true, '/home/me/site', elsewhere)).toBeUndefined();
    // A folder named with two leading dots is inside like any other.
    const inDotted = (saved: SavedJob) => void (saved.source = '/home/me/site/..css/index.html');
    expect(throughRestart(seen, true, '/home/me/site', inDotted)?.localRoot).toEqual({
      path: '/home/me/site',
    });
  });

  it('is not made again when what the preview saw cannot be read back', () => {
    const broken = { ...seen, precision: 'roughly' } as unknown as SeenTarget;
    expect(throughRestart(broken)).toBeUndefined();
  });
});
