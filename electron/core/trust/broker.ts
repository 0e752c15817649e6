import { randomUUID } from 'node:crypto';
import type { EmitEvent } from '../../../shared/contract';
import type { TrustDecision, TrustPrompt } from '../../../shared/contract/remote';
import { PendingAnswers } from '../pending-answers';

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
  private readonly answers: PendingAnswers<TrustDecision, TrustPrompt>;

  constructor(
    private readonly emit: EmitEvent,
    timeoutMs = 5 * 60_000,
  ) {
    this.answers = new PendingAnswers<TrustDecision, TrustPrompt>(
      'reject',
      (promptId) => emit('trust.settled', { promptId }),
      timeoutMs,
    );
  }

  /**
   * `signal` withdraws the question (e.g. the server hung up while the user was deciding): it
   * settles as 'reject' and the UI is told through `trust.settled` to close the dialog.
   */
  ask(details: PromptDetails, signal?: AbortSignal): Promise<TrustDecision> {
    const promptId = randomUUID();
    const prompt = { ...details, promptId } as TrustPrompt;
    return this.answers.wait(promptId, prompt, (p) => this.emit('trust.prompt', p), signal);
  }

  /** The questions still open, for a page that opened (or reloaded) after they were asked. */
  open(): TrustPrompt[] {
    return this.answers.open();
  }

  respond(promptId: string, decision: TrustDecision): void {
    this.answers.answer(promptId, decision);
  }
}
