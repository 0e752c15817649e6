import { getEventListeners } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { BytePacer } from './remote-fs';
import {
  abandonedStream,
  LinkPace,
  REQUEST_BYTES,
  REQUESTS_IN_FLIGHT,
  unlessAbandoned,
} from './sftp-pace';

describe('waiting for a request unless the transfer was abandoned', () => {
  it('keeps nothing of a finished wait (a long download must not hold every READ it made)', async () => {
    const signal = new AbortController().signal;
    for (let i = 0; i < 1000; i++) {
      await expect(
        unlessAbandoned(Promise.resolve(Buffer.alloc(16)), signal),
      ).resolves.toHaveLength(16);
    }
    await expect(unlessAbandoned(Promise.reject(new Error('refused')), signal)).rejects.toThrow(
      'refused',
    );
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('stops waiting at once when the stream is destroyed, and not when it ends normally', async () => {
    const cancelled = new PassThrough();
    const never = new Promise<Buffer>(() => undefined);
    const waiting = unlessAbandoned(never, abandonedStream(cancelled));
    cancelled.destroy();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });

    const finished = new PassThrough();
    const signal = abandonedStream(finished);
    finished.resume();
    finished.end();
    await new Promise((resolve) => finished.once('close', resolve));
    expect(signal.aborted).toBe(false);
  });
});

describe('bytes in flight under a speed limit', () => {
  it('keep to ~0.75 s of the limit, even after a fast start, and open again when it goes', () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const limit: { rate: number | null } & BytePacer = { rate: null, take: () => undefined };
      const pace = new LinkPace(limit);
      vi.advanceTimersByTime(1000);
      pace.record(200 * 1024 * 1024); // 200 MiB/s so far
      expect(pace.budget()).toBe(REQUEST_BYTES * REQUESTS_IN_FLIGHT);
      limit.rate = 512 * 1024; // set while the file moves
      expect(pace.budget()).toBe(0.75 * 512 * 1024);
      expect(pace.requestBytes()).toBe(192 * 1024);
      limit.rate = 4 * 1024; // very slow: still requests of a useful size
      expect(pace.budget()).toBe(32 * 1024);
      expect(pace.requestBytes()).toBe(32 * 1024);
      limit.rate = null;
      expect(pace.budget()).toBe(REQUEST_BYTES * REQUESTS_IN_FLIGHT);
    } finally {
      vi.useRealTimers();
    }
  });
});
