import { Readable, type Writable } from 'node:stream';
import { FerryError } from '../../../shared/errors';
import type { BytePacer } from './remote-fs';

/**
 * Bytes per READ/WRITE request: what OpenSSH announces in limits@openssh.com (261120). ssh2
 * splits a request above a server's own limit into sequential ones, so other servers still work.
 * Measured on loopback (256 MiB): 32 KiB × 32 in flight gave ~160 MiB/s each way; 255 KiB × 16
 * gave ~220–350 up and ~285–370 down.
 */
export const REQUEST_BYTES = 255 * 1024;
/** Requests in flight per file (≤ 4 MiB buffered): one at a time is bound by round trips. */
export const REQUESTS_IN_FLIGHT = 16;

/**
 * Unanswered WRITEs sit in ssh2's and the socket's buffers until the link carries them, and
 * READs asked for keep coming after a cancel: on a 200 kB/s link 4 MiB is 20 s in front of the
 * other files on the same connection. So a file keeps about this much of its measured speed in
 * flight, not more…
 */
const QUEUED_SECONDS = 0.75;
/** …and at least this much (also what it starts with, before any answer has come back). */
const MIN_QUEUED_BYTES = 128 * 1024;
const MAX_QUEUED_BYTES = REQUEST_BYTES * REQUESTS_IN_FLIGHT;
/** The smallest request it sends while the budget is small. */
const MIN_REQUEST_BYTES = 32 * 1024;

/**
 * How much one file may have in flight on its connection: about QUEUED_SECONDS of the speed at
 * which the server has answered it so far (fast links open it to 4 MiB within the first answers),
 * and under a speed limit no more than QUEUED_SECONDS of the limit (the average so far may be
 * far above a limit set a moment ago; a window sized by it would come back as one burst).
 */
export class LinkPace {
  private moved = 0;
  private readonly started = Date.now();

  constructor(private readonly limit?: BytePacer) {}

  /** Counts bytes the server has answered for (written, or read back). */
  record(bytes: number): void {
    this.moved += bytes;
  }

  /** Bytes that may be in flight now. */
  budget(): number {
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    const speed = this.moved / seconds;
    const free = Math.min(MAX_QUEUED_BYTES, Math.max(MIN_QUEUED_BYTES, speed * QUEUED_SECONDS));
    const rate = this.limit?.rate ?? null;
    if (rate === null) return free;
    return Math.min(free, Math.max(MIN_REQUEST_BYTES, rate * QUEUED_SECONDS));
  }

  /** How many bytes the next request should carry: two or more fit in the budget. */
  requestBytes(): number {
    return Math.min(REQUEST_BYTES, Math.max(MIN_REQUEST_BYTES, Math.floor(this.budget() / 2)));
  }
}

/**
 * Waits for `work`, unless `abandoned` fires first: then rejects as stopped early. The listener
 * goes as soon as `work` settles. (A Promise.race against a promise that never settles would
 * keep every result — each READ's buffer — alive until the file ends: 1 GiB held for 1 GiB.)
 */
export function unlessAbandoned<T>(work: Promise<T>, abandoned: AbortSignal): Promise<T> {
  if (abandoned.aborted) {
    work.catch(() => undefined);
    return Promise.reject(stoppedEarly());
  }
  return new Promise<T>((resolve, reject) => {
    const giveUp = (): void => reject(stoppedEarly());
    abandoned.addEventListener('abort', giveUp, { once: true });
    work.then(
      (value) => {
        abandoned.removeEventListener('abort', giveUp);
        resolve(value);
      },
      (error: unknown) => {
        abandoned.removeEventListener('abort', giveUp);
        reject(error);
      },
    );
  });
}

/** Fires when `stream` is closed before its natural end (a cancel or pause destroyed it). */
export function abandonedStream(stream: Readable | Writable): AbortSignal {
  const controller = new AbortController();
  stream.once('close', () => {
    const finished = stream instanceof Readable ? stream.readableEnded : stream.writableFinished;
    if (!finished) controller.abort();
  });
  return controller.signal;
}

/**
 * Keeps a file's WRITEs in flight within a byte budget that follows the speed at which the
 * server answers them (fast links open it to 4 MiB within the first answers), and remembers
 * the first failure.
 */
export class WriteWindow {
  private readonly inflight = new Set<Promise<void>>();
  private inflightBytes = 0;
  private readonly pace: LinkPace;
  private failure: { error: unknown } | undefined;

  constructor(
    /** Fires when the sender gives up (its source was destroyed): waiting stops then. */
    private readonly abandoned: AbortSignal,
    limit?: BytePacer,
  ) {
    this.pace = new LinkPace(limit);
  }

  /** How many bytes the next WRITE should carry. */
  nextRequestBytes(): number {
    return this.pace.requestBytes();
  }

  /** Tracks a sent WRITE of `bytes`; waits until there is room for the next one. */
  async add(request: Promise<void>, bytes: number): Promise<void> {
    this.inflightBytes += bytes;
    const tracked: Promise<void> = request.then(
      () => {
        this.inflight.delete(tracked);
        this.inflightBytes -= bytes;
        this.pace.record(bytes);
      },
      (error: unknown) => {
        this.inflight.delete(tracked);
        this.inflightBytes -= bytes;
        this.failure ??= { error };
      },
    );
    this.inflight.add(tracked);
    while (this.inflightBytes >= this.pace.budget() && !this.failure) {
      await unlessAbandoned(Promise.race(this.inflight), this.abandoned);
    }
    if (this.failure) throw this.failure.error;
  }

  async drain(): Promise<void> {
    await Promise.all(this.inflight);
    if (this.failure) throw this.failure.error;
  }

  /** Resolves once every WRITE sent has been answered (or failed). */
  async settled(): Promise<void> {
    await Promise.all(this.inflight);
  }
}

function stoppedEarly(): FerryError {
  return new FerryError('cancelled', 'The transfer was stopped before it finished.');
}
