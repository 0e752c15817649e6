import type { Client } from 'basic-ftp';
import type { Target } from './ftp-errors';
import { timeoutError } from './net-errors';

/** One time budget for the whole connection sequence. */
export class Deadline {
  private readonly end: number;
  /** Time kept back at the greeting for a quick follow-up look at the port. */
  readonly reserve: number;

  constructor(timeoutMs: number) {
    this.end = Date.now() + timeoutMs;
    this.reserve = Math.min(3000, Math.max(250, Math.floor(timeoutMs * 0.3)));
  }

  remaining(): number {
    return Math.max(1, this.end - Date.now());
  }

  /** Awaits `promise`, closing the client and failing with `timeout` when time runs out. */
  async within<T>(client: Client, promise: Promise<T>, target: Target, keepBack = 0): Promise<T> {
    promise.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => {
          // Reject first: closing the client rejects `promise` too, and the race takes the first.
          reject(timeoutError(target));
          client.close();
        },
        Math.max(1, this.end - Date.now() - keepBack),
      );
    });
    try {
      return await Promise.race([promise, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}
