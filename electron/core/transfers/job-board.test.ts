import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../../shared/contract';
import type { TransferJob } from '../../../shared/contract/transfers';
import { JobBoard } from './job-board';
import type { FileJob } from './types';

function fileJob(id: string): FileJob {
  const row: TransferJob = {
    id,
    sessionId: 's1',
    direction: 'download',
    kind: 'file',
    name: `${id}.bin`,
    source: `/remote/${id}.bin`,
    target: `/local/${id}.bin`,
    state: 'queued',
    bytes: 0,
    total: 10,
    speed: 0,
    eta: null,
    attempts: 1,
  };
  return {
    type: 'file',
    row,
    batch: { id: 'b1', sessionId: 's1', direction: 'download' },
    resumable: true,
  };
}

describe('JobBoard', () => {
  let updates: TransferJob[][];
  let board: JobBoard;
  beforeEach(() => {
    vi.useFakeTimers();
    updates = [];
    board = new JobBoard((name: EventName, payload: unknown) => {
      if (name === 'transfer.updated') updates.push((payload as { jobs: TransferJob[] }).jobs);
    });
  });
  afterEach(() => {
    board.dispose();
    vi.useRealTimers();
  });

  it('tells a finished transfer soon after the last update, not a whole tick later', () => {
    const job = fileJob('a');
    board.add(job);
    board.setState(job, 'active');
    board.flush();
    updates = [];
    board.setBytes(job, 10);
    board.setState(job, 'done');
    vi.advanceTimersByTime(60);
    expect(updates.flat().find((row) => row.id === 'a')?.state).toBe('done');
  });

  it('still sends progress of running transfers a few times a second, not per change', () => {
    const job = fileJob('b');
    board.add(job);
    board.setState(job, 'active');
    board.flush();
    updates = [];
    for (let bytes = 1; bytes <= 9; bytes++) {
      board.setBytes(job, bytes);
      vi.advanceTimersByTime(20);
    }
    expect(updates.length).toBeLessThanOrEqual(1);
  });
});
