import type { EmitEvent, EventName, EventPayload } from '../../../../shared/contract';
import type { TrustDecision, TrustPrompt } from '../../../../shared/contract/remote';
import { TrustBroker } from '../broker';

/** A real TrustBroker whose "user" answers every prompt with `answer`; keeps the prompts it saw. */
export function answeringBroker(answer: TrustDecision): {
  broker: TrustBroker;
  prompts: TrustPrompt[];
} {
  const prompts: TrustPrompt[] = [];
  const holder: { broker?: TrustBroker } = {};
  const emit: EmitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    if (name !== 'trust.prompt') return;
    const prompt = payload as TrustPrompt;
    prompts.push(prompt);
    // Answer later, as a user does: the broker has not started waiting yet.
    setImmediate(() => holder.broker?.respond(prompt.promptId, answer));
  };
  holder.broker = new TrustBroker(emit);
  return { broker: holder.broker, prompts };
}
