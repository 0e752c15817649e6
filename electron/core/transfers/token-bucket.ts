import { FerryError } from '../../../shared/errors';
import type { BytePacer } from '../remote/remote-fs';

/** Time and timers, injected so tests can step through seconds at once. */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/**
 * How much an idle bucket saves up: a quarter of a second's worth. Small, so a limit holds over
 * short spans too; a request larger than that still goes (once this much is saved) and leaves
 * the bucket in debt, which the next requests wait off.
 */
const BURST_SECONDS = 0.25;

interface Waiter {
  bytes: number;
  resolve(): void;
  reject(error: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * A token bucket: bytes may pass at `rate` per second on average, shared by everyone who takes
 * from it, first come first served. Waiting costs one timer for the whole queue (no polling);
 * a waiter whose signal aborts leaves at once. With no rate set, `take` answers undefined
 * straight away: no promise, no timer, no clock read.
 */
export class TokenBucket implements BytePacer {
  private perSecond: number | null = null;
  private tokens = 0;
  private updatedAt = 0;
  private readonly waiters: Waiter[] = [];
  private timer: unknown;

  constructor(private readonly clock: Clock = systemClock) {}

  /** Bytes per second, or null: no limit. */
  get rate(): number | null {
    return this.perSecond;
  }

  /** Changes the limit at once, for the bytes waiting too; null lets everything through. */
  setRate(bytesPerSecond: number | null): void {
    if (bytesPerSecond === this.perSecond) return;
    if (bytesPerSecond === null) {
      this.perSecond = null;
      this.stopTimer();
      for (const waiter of this.waiters.splice(0)) settle(waiter).resolve();
      return;
    }
    if (this.perSecond === null) {
      // A new limit starts with a full bucket (a burst's worth), as if it had been idle.
      this.perSecond = bytesPerSecond;
      this.tokens = this.capacity();
      this.updatedAt = this.clock.now();
    } else {
      this.refill(); // what the old rate earned so far stays earned
      this.perSecond = bytesPerSecond;
      this.tokens = Math.min(this.tokens, this.capacity());
    }
    this.serve();
  }

  /**
   * Asks to move `bytes`. Undefined: go ahead now. Otherwise a promise that resolves when they
   * may go, or rejects with a `cancelled` error as soon as `signal` aborts.
   */
  take(bytes: number, signal?: AbortSignal): Promise<void> | undefined {
    if (this.perSecond === null) return undefined;
    if (this.waiters.length === 0) {
      this.refill();
      if (this.tokens >= this.threshold(bytes)) {
        this.tokens -= bytes;
        return undefined;
      }
    }
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { bytes, resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => this.leave(waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      if (this.waiters.length === 1) this.serve();
    });
  }

  /** Requests waiting now (tests and the status line). */
  get waiting(): number {
    return this.waiters.length;
  }

  private capacity(): number {
    return Math.max(1, (this.perSecond ?? 0) * BURST_SECONDS);
  }

  /** A request goes once this much is saved: all of it, or a full bucket for a big one. */
  private threshold(bytes: number): number {
    return Math.min(bytes, this.capacity());
  }

  private refill(): void {
    const now = this.clock.now();
    const earned = ((now - this.updatedAt) / 1000) * (this.perSecond ?? 0);
    this.tokens = Math.min(this.capacity(), this.tokens + earned);
    this.updatedAt = now;
  }

  /** Lets through whoever is due at the head of the queue; sets one timer for the next. */
  private serve(): void {
    this.stopTimer();
    const rate = this.perSecond;
    if (rate === null || this.waiters.length === 0) return;
    this.refill();
    for (let head = this.waiters[0]; head; head = this.waiters[0]) {
      const missing = this.threshold(head.bytes) - this.tokens;
      if (missing > 0) {
        // At least a millisecond: a timer of 0 would spin on a rounding error.
        const ms = Math.max(1, Math.ceil((missing / rate) * 1000));
        this.timer = this.clock.setTimer(() => {
          this.timer = undefined;
          this.serve();
        }, ms);
        return;
      }
      this.waiters.shift();
      this.tokens -= head.bytes;
      settle(head).resolve();
    }
  }

  private leave(waiter: Waiter): void {
    const at = this.waiters.indexOf(waiter);
    if (at < 0) return;
    this.waiters.splice(at, 1);
    settle(waiter).reject(cancelled());
    if (at === 0) this.serve();
  }

  private stopTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }
}

/** Detaches the waiter from its signal; returns it to resolve or reject. */
function settle(waiter: Waiter): Waiter {
  if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
  return waiter;
}

function cancelled(): FerryError {
  return new FerryError('cancelled', 'The transfer was stopped before it finished.');
}

/** One bucket per direction, shared by every transfer of the app (or of one `ferry` command). */
export class SpeedLimits {
  readonly download: TokenBucket;
  readonly upload: TokenBucket;

  constructor(clock: Clock = systemClock) {
    this.download = new TokenBucket(clock);
    this.upload = new TokenBucket(clock);
  }

  /** Bytes per second per direction; null or absent: no limit. */
  apply(limits: { download?: number | null; upload?: number | null }): void {
    this.download.setRate(limits.download ?? null);
    this.upload.setRate(limits.upload ?? null);
  }
}
