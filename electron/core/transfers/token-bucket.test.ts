import { describe, expect, it } from 'vitest';
import { type Clock, SpeedLimits, TokenBucket } from './token-bucket';

/** A clock that moves only when told to, running the timers that fall due on the way. */
class StepClock implements Clock {
  time = 0;
  private timers = new Map<number, { at: number; run: () => void }>();
  private nextId = 1;

  now(): number {
    return this.time;
  }
  setTimer(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  }
  clearTimer(timer: unknown): void {
    this.timers.delete(timer as number);
  }
  get pendingTimers(): number {
    return this.timers.size;
  }
  /** Moves time on by `ms`, running due timers in order (and their promises' reactions). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
      await flush();
    }
    this.time = end;
    await flush();
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

const KIB = 1024;

/** Takes `bytes` in pieces of `piece`, one after the other; resolves with the clock's time. */
async function taker(bucket: TokenBucket, clock: StepClock, bytes: number, piece: number) {
  for (let sent = 0; sent < bytes; sent += piece) {
    const wait = bucket.take(piece);
    if (wait) await wait;
  }
  return clock.time;
}

/** Runs the takers to their end, moving the clock 10 ms at a time. */
async function drive<T>(clock: StepClock, ...runs: Promise<T>[]): Promise<T[]> {
  let done = false;
  const all = Promise.all(runs).finally(() => (done = true));
  while (!done) await clock.advance(10);
  return all;
}

async function move(bucket: TokenBucket, clock: StepClock, bytes: number, piece: number) {
  const [end] = await drive(clock, taker(bucket, clock, bytes, piece));
  return end ?? NaN;
}

describe('TokenBucket', () => {
  it('without a limit lets everything through at once: no promise, no timer', () => {
    const clock = new StepClock();
    const bucket = new TokenBucket(clock);
    for (let i = 0; i < 1000; i++) expect(bucket.take(1024 * 1024)).toBeUndefined();
    expect(clock.pendingTimers).toBe(0);
    expect(bucket.rate).toBeNull();
  });

  it('holds 512 KiB/s: 2 MiB in 255 KiB requests takes about 4 s', async () => {
    const clock = new StepClock();
    const bucket = new TokenBucket(clock);
    bucket.setRate(512 * KIB);
    const ms = await move(bucket, clock, 2048 * KIB, 255 * KIB);
    // A quarter second saved up at the start, the last request paid in debt: 3.5 to 4 s.
    expect(ms).toBeGreaterThanOrEqual(3500);
    expect(ms).toBeLessThanOrEqual(4000);
  });

  it('lets small pieces through without waiting while the saved quarter second lasts', () => {
    const clock = new StepClock();
    const bucket = new TokenBucket(clock);
    bucket.setRate(400 * KIB); // 100 KiB saved up
    for (let i = 0; i < 10; i++) expect(bucket.take(10 * KIB)).toBeUndefined();
    expect(bucket.take(10 * KIB)).toBeInstanceOf(Promise);
    expect(clock.pendingTimers).toBe(1);
  });

  it('shares the rate between everyone taking from it, first come first served', async () => {
    const clock = new StepClock();
    const bucket = new TokenBucket(clock);
    bucket.setRate(100 * KIB);
    const [endA = NaN, endB = NaN] = await drive(
      clock,
      taker(bucket, clock, 300 * KIB, 10 * KIB),
      taker(bucket, clock, 300 * KIB, 10 * KIB),
    );
    // 600 KiB at 100 KiB/s: about 6 s for both together, not 3 s each.
    expect(Math.max(endA, endB)).toBeGreaterThanOrEqual(5700);
    expect(Math.max(endA, endB)).toBeLessThanOrEqual(6100);
    // Taking turns: neither finishes long before the other.
    expect(Math.min(endA, endB)).toBeGreaterThanOrEqual(5300);
  });

  it('a raised limit speeds up the bytes already waiting', async () => {
    const clock = new StepClock();
    const bucket = new TokenBucket(clock);
    bucket.setRate(10 * KIB);
    expect(bucket.take(2.5 * KIB)).toBeUndefined(); // the saved quarter second
    let passed = false;
    void bucket.take(100 * KIB)!.then(() => (passed = true));
    await clock.advance(100);
    expect(passed).toBe(false);
    bucket.setRate(1024 * KIB);
    await clock.advance(100);
    expect(passed).toBe(true);
  });

  it('lifting the limit lets every waiter go at once, and stops the timer', async () => {
    const clock = new StepClock();
    const bucket = new TokenBucket(clock);
    bucket.setRate(KIB);
    bucket.take(KIB);
    const waits = [bucket.take(KIB), bucket.take(KIB), bucket.take(KIB)];
    expect(bucket.waiting).toBe(3);
    bucket.setRate(null);
    await Promise.all(waits);
    expect(bucket.waiting).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    expect(bucket.take(KIB)).toBeUndefined();
  });

  it('a cancelled waiter leaves at once, and the one behind it moves up', async () => {
    const clock = new StepClock();
    const bucket = new TokenBucket(clock);
    bucket.setRate(10 * KIB);
    bucket.take(10 * KIB); // in debt for about 0.75 s
    const stop = new AbortController();
    const first = bucket.take(100 * KIB, stop.signal)!;
    let secondAt = -1;
    void bucket.take(KIB)!.then(() => (secondAt = clock.time));
    stop.abort();
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    expect(bucket.waiting).toBe(1);
    await clock.advance(2000);
    // Without the cancelled 100 KiB in front: once the debt is paid (~0.85 s), not after 10 s.
    expect(secondAt).toBeGreaterThan(0);
    expect(secondAt).toBeLessThanOrEqual(1000);
  });

  it('refuses at once for a signal that has already fired', async () => {
    const clock = new StepClock();
    const bucket = new TokenBucket(clock);
    bucket.setRate(KIB);
    bucket.take(KIB);
    const stop = new AbortController();
    stop.abort();
    await expect(bucket.take(KIB, stop.signal)).rejects.toMatchObject({ code: 'cancelled' });
    expect(bucket.waiting).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('does not save up more than a quarter second while idle', async () => {
    const clock = new StepClock();
    const bucket = new TokenBucket(clock);
    bucket.setRate(100 * KIB);
    await clock.advance(60_000);
    // After a minute idle, 100 KiB more still takes about 0.75 s (25 KiB were saved).
    const ms = (await move(bucket, clock, 125 * KIB, 5 * KIB)) - 60_000;
    expect(ms).toBeGreaterThanOrEqual(700);
    expect(ms).toBeLessThanOrEqual(1050);
  });
});

describe('SpeedLimits', () => {
  it('keeps one bucket per direction', () => {
    const limits = new SpeedLimits(new StepClock());
    limits.apply({ download: 1000 * KIB, upload: null });
    expect(limits.download.rate).toBe(1000 * KIB);
    expect(limits.upload.rate).toBeNull();
    limits.apply({});
    expect(limits.download.rate).toBeNull();
  });
});
