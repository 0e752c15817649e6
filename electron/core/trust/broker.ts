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

  ask(details: PromptDetails): Promise<TrustDecision> {
    const promptId = randomUUID();
    return new Promise<TrustDecision>((resolve) => {
      const timer = setTimeout(() => this.settle(promptId, 'reject'), this.timeoutMs);
      timer.unref?.();
      this.pending.set(promptId, (decision) => {
        clearTimeout(timer);
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
