import { FerryError } from '../../shared/errors';

/**
 * Questions put to the user that a connection waits on (a server's identity, a one-time code),
 * answered later through a method call from any page. A question unanswered for `timeoutMs`, or
 * whose `signal` aborts (the server hung up meanwhile), settles with `fallback`; either way
 * `onSettled` tells the pages to close its dialog. `open()` lists the questions still waiting,
 * for a page that was not there when they were announced (a reload, a second window).
 */
export class PendingAnswers<A, Q> {
  private readonly pending = new Map<string, { question: Q; resolve: (answer: A) => void }>();

  constructor(
    private readonly fallback: A,
    private readonly onSettled: (id: string) => void,
    private readonly timeoutMs: number,
  ) {}

  /** Calls `announce` (which shows the question) and waits for the answer to `id`. */
  wait(id: string, question: Q, announce: (question: Q) => void, signal?: AbortSignal): Promise<A> {
    if (signal?.aborted) return Promise.resolve(this.fallback);
    return new Promise<A>((resolve) => {
      const withdraw = (): void => this.settle(id, this.fallback);
      const timer = setTimeout(withdraw, this.timeoutMs);
      timer.unref?.();
      signal?.addEventListener('abort', withdraw, { once: true });
      this.pending.set(id, {
        question,
        resolve: (answer) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', withdraw);
          resolve(answer);
        },
      });
      announce(question);
    });
  }

  answer(id: string, answer: A): void {
    if (!this.pending.has(id)) {
      throw new FerryError('not_found', 'That question was already answered or has expired.');
    }
    this.settle(id, answer);
  }

  /** The questions still waiting for an answer, oldest first. */
  open(): Q[] {
    return [...this.pending.values()].map((entry) => entry.question);
  }

  private settle(id: string, answer: A): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    entry.resolve(answer);
    this.onSettled(id);
  }
}
