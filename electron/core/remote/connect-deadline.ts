/**
 * A time budget for connecting (TCP + handshake + login) that can be paused while the user
 * decides whether to trust a server: their thinking time must not count as the server's.
 */
export class ConnectDeadline {
  private timer: NodeJS.Timeout | undefined;
  private remainingMs: number;
  private startedAt = 0;
  private expired = false;
  private readonly listeners = new Set<() => void>();
  private pauses = 0;

  constructor(budgetMs: number) {
    this.remainingMs = budgetMs;
    this.start();
  }

  get hasExpired(): boolean {
    return this.expired;
  }

  /** Calls `listener` once when the budget runs out (at once if it already has). */
  onExpire(listener: () => void): () => void {
    if (this.expired) {
      listener();
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Rejects with `makeError()` if the budget runs out before `work` settles. */
  race<T>(work: Promise<T>, makeError: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const off = this.onExpire(() => reject(makeError()));
      work.then(
        (value) => {
          off();
          resolve(value);
        },
        (error: unknown) => {
          off();
          reject(error);
        },
      );
    });
  }

  pause(): void {
    if (this.pauses++ > 0 || this.expired || this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.remainingMs -= Date.now() - this.startedAt;
  }

  resume(): void {
    if (this.pauses === 0 || --this.pauses > 0 || this.expired) return;
    this.start();
  }

  /** Stops the clock for good (the connection is up, or has failed anyway). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private start(): void {
    this.startedAt = Date.now();
    this.timer = setTimeout(() => this.expire(), Math.max(0, this.remainingMs));
  }

  private expire(): void {
    this.expired = true;
    this.timer = undefined;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }
}
