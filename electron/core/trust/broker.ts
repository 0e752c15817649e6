import { randomUUID } from 'node:crypto';
import type { EmitEvent } from '../../../shared/contract';
import type { TrustDecision, TrustPrompt } from '../../../shared/contract/remote';
import { FerryError } from '../../../shared/errors';

type PromptDetails = TrustPrompt extends infer P
  ? P extends TrustPrompt
    ? Omit<P, 'promptId'>
    : never
  : never;

/**
 * Asks the user whether to trust a host key or certificate and waits for the answer.
 * Connections pause on `ask`; the UI answers through `trust.respond`.
 */
export class TrustBroker {
  private readonly pending = new Map<string, (decision: TrustDecision) => void>();

  constructor(
    private readonly emit: EmitEvent,
    private readonly timeoutMs = 5 * 60_000,
  ) {}

  /**
   * `signal` withdraws the question (e.g. the server hung up while the user was deciding): it
   * settles as 'reject' and the UI is told through `trust.settled` to close the dialog.
   */
  ask(details: PromptDetails, signal?: AbortSignal): Promise<TrustDecision> {
    if (signal?.aborted) return Promise.resolve('reject');
    const promptId = randomUUID();
    return new Promise<TrustDecision>((resolve) => {
      const withdraw = (): void => this.settle(promptId, 'reject');
      const timer = setTimeout(withdraw, this.timeoutMs);
      timer.unref?.();
      signal?.addEventListener('abort', withdraw, { once: true });
      this.pending.set(promptId, (decision) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', withdraw);
        resolve(decision);
      });
      this.emit('trust.prompt', { ...details, promptId } as TrustPrompt);
    });
  }

  respond(promptId: string, decision: TrustDecision): void {
    if (!this.pending.has(promptId)) {
      throw new FerryError('not_found', 'That question was already answered or has expired.');
    }
    this.settle(promptId, decision);
  }

  private settle(promptId: string, decision: TrustDecision): void {
    const resolve = this.pending.get(promptId);
    if (!resolve) return;
    this.pending.delete(promptId);
    resolve(decision);
    this.emit('trust.settled', { promptId });
  }
}
