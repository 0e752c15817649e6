import { describe, expect, it } from 'vitest';
import type { QueueMove, TransferState } from '../../../shared/contract/transfers';
import { makeFileJob, makeFolderJob } from './job-factory';
import { moveTransfers, PlaceCounter, placeOf, reorder } from './queue-order';
import { SessionLine } from './session-line';
import type { Batch, FileJob, Job } from './types';

const batch: Batch = { id: 'b', sessionId: 's', direction: 'upload' };
const fields = (name: string) => ({ name, source: `/here/${name}`, target: `/there/${name}` });

describe('reorder', () => {
  const line = ['a', 'b', 'c', 'd', 'e'];
  const cases: Array<[QueueMove, string[], string[]]> = [
    ['up', ['c'], ['a', 'c', 'b', 'd', 'e']],
    ['up', ['a'], line], // already first: stays
    ['up', ['c', 'd'], ['a', 'c', 'd', 'b', 'e']], // a block moves as one
    ['up', ['b', 'd'], ['b', 'a', 'd', 'c', 'e']], // each passes the one above it
    ['up', ['a', 'c'], ['a', 'c', 'b', 'd', 'e']], // the first stays, the other climbs
    ['down', ['c'], ['a', 'b', 'd', 'c', 'e']],
    ['down', ['e'], line],
    ['down', ['b', 'c'], ['a', 'd', 'b', 'c', 'e']],
    ['down', ['a', 'e'], ['b', 'a', 'c', 'd', 'e']],
    ['top', ['d'], ['d', 'a', 'b', 'c', 'e']],
    ['top', ['e', 'b'], ['b', 'e', 'a', 'c', 'd']], // keeping their own order
    ['bottom', ['b'], ['a', 'c', 'd', 'e', 'b']],
    ['bottom', ['a', 'd'], ['b', 'c', 'e', 'a', 'd']],
    ['top', [], line],
  ];
  it.each(cases)('%s %j', (to, chosen, expected) => {
    expect(reorder(line, new Set(chosen), to)).toEqual(expected);
  });

  it('keeps every item exactly once, whatever is chosen', () => {
    for (const to of ['top', 'up', 'down', 'bottom'] as const) {
      for (let mask = 0; mask < 32; mask++) {
        const chosen = new Set(line.filter((_, i) => mask & (1 << i)));
        expect([...reorder(line, chosen, to)].sort()).toEqual(line);
      }
    }
  });
});

/** Whole transfers a..e in that start order, with the given states. */
function queueOf(states: Record<string, TransferState>): Map<string, Job> {
  const places = new PlaceCounter();
  const jobs = new Map<string, Job>();
  for (const [name, state] of Object.entries(states)) {
    const job = name.startsWith('dir')
      ? makeFolderJob(batch, fields(name))
      : makeFileJob(batch, fields(name));
    job.row.state = state;
    places.place(job);
    jobs.set(name, job);
  }
  return jobs;
}

const startOrder = (jobs: Map<string, Job>) =>
  [...jobs.entries()]
    .sort(([, a], [, b]) => (a.row.order ?? 0) - (b.row.order ?? 0))
    .map(([name]) => name);

describe('moveTransfers', () => {
  it('moves waiting transfers past each other; one already moving or finished keeps its place', () => {
    const jobs = queueOf({ a: 'active', b: 'queued', c: 'done', d: 'queued', e: 'queued' });
    const pick = (...names: string[]) => names.map((name) => jobs.get(name) as Job);
    moveTransfers([...jobs.values()], pick('e'), 'top');
    expect(startOrder(jobs)).toEqual(['a', 'e', 'c', 'b', 'd']);
    moveTransfers([...jobs.values()], pick('b'), 'up');
    expect(startOrder(jobs)).toEqual(['a', 'b', 'c', 'e', 'd']);
    // Moving or finished: nothing to move, nothing changes.
    expect(moveTransfers([...jobs.values()], pick('a', 'c'), 'bottom')).toEqual([]);
    expect(startOrder(jobs)).toEqual(['a', 'b', 'c', 'e', 'd']);
  });

  it('answers only the transfers whose place changed', () => {
    const jobs = queueOf({ a: 'queued', b: 'queued', c: 'queued', d: 'queued' });
    const changed = moveTransfers([...jobs.values()], [jobs.get('c') as Job], 'up');
    expect(changed.map((job) => job.row.name).sort()).toEqual(['b', 'c']);
  });

  it('moves a folder with its files, and a chosen file of a folder stands for its folder', () => {
    const jobs = queueOf({ a: 'queued', dir: 'active', b: 'queued' });
    const folder = jobs.get('dir');
    if (folder?.type !== 'folder') throw new Error('no folder');
    const inside = makeFileJob(batch, { ...fields('inner'), parent: folder });
    new PlaceCounter().place(inside);
    expect(inside.row.order).toBeUndefined(); // a folder's file has no place of its own
    expect(placeOf(inside)).toBe(folder.row.order);

    moveTransfers([...jobs.values(), inside], [inside], 'bottom');
    expect(startOrder(jobs)).toEqual(['a', 'b', 'dir']);
    expect(placeOf(inside)).toBe(folder.row.order);
  });
});

describe('SessionLine in the user’s order', () => {
  function files(...names: string[]): { line: SessionLine<FileJob>; jobs: FileJob[] } {
    const places = new PlaceCounter();
    const jobs = names.map((name) => {
      const job = makeFileJob({ ...batch, sessionId: name.slice(0, 1) }, fields(name));
      places.place(job);
      return job;
    });
    const line = new SessionLine<FileJob>((job) => job.batch.sessionId, placeOf);
    line.push(...jobs);
    return { line, jobs };
  }
  const drain = (line: SessionLine<FileJob>) => {
    const taken: string[] = [];
    for (let next = line.peek(() => true); next; next = line.peek(() => true)) {
      line.take(next);
      taken.push(next.row.name);
    }
    return taken;
  };

  it('gives work out in the new order after a move, across sessions', () => {
    const { line, jobs } = files('a1', 'b1', 'a2', 'b2');
    moveTransfers(jobs, [jobs[3] as Job], 'top');
    line.rerank();
    expect(drain(line)).toEqual(['b2', 'a1', 'b1', 'a2']);
  });

  it('puts a retried file at the front of its own place, not before the ones moved above it', () => {
    const { line, jobs } = files('a1', 'a2', 'a3');
    const [first, , third] = jobs as [FileJob, FileJob, FileJob];
    line.take(first); // started
    first.row.state = 'active';
    moveTransfers(jobs, [third], 'top'); // the user moves a3 above a2
    line.rerank();
    first.row.state = 'queued';
    line.unshift(first); // a1's connection dropped: it waits for a retry
    expect(drain(line)).toEqual(['a1', 'a3', 'a2']);
  });

  it('files a folder’s late-found files at the folder’s place, before later transfers', () => {
    const places = new PlaceCounter();
    const folder = makeFolderJob(batch, fields('dir'));
    places.place(folder);
    const later = makeFileJob(batch, fields('later'));
    places.place(later);
    const line = new SessionLine<FileJob>((job) => job.batch.sessionId, placeOf);
    line.push(later);
    line.push(makeFileJob(batch, { ...fields('dir/1'), parent: folder }));
    line.push(makeFileJob(batch, { ...fields('dir/2'), parent: folder }));
    expect(drain(line)).toEqual(['dir/1', 'dir/2', 'later']);
  });
});
