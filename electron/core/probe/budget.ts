/**
 * The check's time budget: one deadline for the whole host, so a slow port cannot stretch the
 * check past what the user was promised (about five seconds).
 */
export class Budget {
  private readonly endsAt: number;

  constructor(
    totalMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.endsAt = clock() + totalMs;
  }

  /** Milliseconds left, never negative. */
  remaining(): number {
    return Math.max(0, this.endsAt - this.clock());
  }

  /** `wantedMs`, or less when the budget has less left. */
  upTo(wantedMs: number): number {
    return Math.min(wantedMs, this.remaining());
  }
}

/** Resolves to `fallback` if `work` has not settled within `ms`. */
export function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), Math.max(0, ms));
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

/** Runs `tasks` with at most `limit` at a time; results keep the tasks' order. */
export async function limited<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (task) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
