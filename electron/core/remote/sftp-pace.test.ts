import { getEventListeners } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { abandonedStream, unlessAbandoned } from './sftp-pace';

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
