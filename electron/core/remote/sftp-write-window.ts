import { FerryError } from '../../../shared/errors';

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
 * Unanswered WRITEs sit in ssh2's and the socket's buffers until the link carries them: on a
 * 200 kB/s link 4 MiB is 20 s that a cancel leaves in front of the other files on the same
 * connection. So a file keeps about this much of its measured speed in flight, not more…
 */
const QUEUED_SECONDS = 0.75;
/** …and at least this much (also what it starts with, before any answer has come back). */
const MIN_QUEUED_BYTES = 128 * 1024;
const MAX_QUEUED_BYTES = REQUEST_BYTES * REQUESTS_IN_FLIGHT;
/** The smallest WRITE it sends while the budget is small. */
const MIN_REQUEST_BYTES = 32 * 1024;

/**
 * Keeps a file's WRITEs in flight within a byte budget that follows the speed at which the
 * server answers them (fast links open it to 4 MiB within the first answers), and remembers
 * the first failure.
 */
export class WriteWindow {
  private readonly inflight = new Set<Promise<void>>();
  private inflightBytes = 0;
  private acknowledged = 0;
  private readonly started = Date.now();
  private failure: { error: unknown } | undefined;

  constructor(
    /** Resolves when the sender gives up (its source was destroyed): waiting stops then. */
    private readonly abandoned: Promise<void>,
  ) {}

  /** How many bytes the next WRITE should carry. */
  nextRequestBytes(): number {
    return Math.min(REQUEST_BYTES, Math.max(MIN_REQUEST_BYTES, Math.floor(this.budget() / 2)));
  }

  /** Tracks a sent WRITE of `bytes`; waits until there is room for the next one. */
  async add(request: Promise<void>, bytes: number): Promise<void> {
    this.inflightBytes += bytes;
    const tracked: Promise<void> = request.then(
      () => {
        this.inflight.delete(tracked);
        this.inflightBytes -= bytes;
        this.acknowledged += bytes;
      },
      (error: unknown) => {
        this.inflight.delete(tracked);
        this.inflightBytes -= bytes;
        this.failure ??= { error };
      },
    );
    this.inflight.add(tracked);
    while (this.inflightBytes >= this.budget() && !this.failure) {
      const freed = await Promise.race([
        Promise.race(this.inflight).then(() => true),
        this.abandoned.then(() => false),
      ]);
      if (!freed) throw stoppedEarly();
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

  private budget(): number {
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    const speed = this.acknowledged / seconds;
    return Math.min(MAX_QUEUED_BYTES, Math.max(MIN_QUEUED_BYTES, speed * QUEUED_SECONDS));
  }
}

function stoppedEarly(): FerryError {
  return new FerryError('cancelled', 'The transfer was stopped before it finished.');
}
