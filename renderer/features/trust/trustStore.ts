import { create } from 'zustand';
import type { TrustDecision, TrustPrompt } from '../../../shared/contract/remote';
import { call, on } from '../../api';

interface TrustState {
  /** Questions waiting for the user, oldest first. */
  prompts: TrustPrompt[];
  answer(promptId: string, decision: TrustDecision): Promise<void>;
}

export const useTrust = create<TrustState>((set) => ({
  prompts: [],
  answer: async (promptId, decision) => {
    set((s) => ({ prompts: s.prompts.filter((p) => p.promptId !== promptId) }));
    await call('trust.respond', { promptId, decision }).catch(() => undefined);
  },
}));

let watching = false;
/** Listens for the core's trust questions, once per page. */
export function watchTrustEvents(): void {
  if (watching) return;
  watching = true;
  const add = (prompt: TrustPrompt): void =>
    useTrust.setState((s) =>
      s.prompts.some((p) => p.promptId === prompt.promptId)
        ? s
        : { prompts: [...s.prompts, prompt] },
    );
  on('trust.prompt', add);
  on('trust.settled', ({ promptId }) =>
    useTrust.setState((s) => ({ prompts: s.prompts.filter((p) => p.promptId !== promptId) })),
  );
  // Questions asked before this page opened (a reload mid-question) still wait for an answer.
  void call('trust.open', {}).then(
    (open) => open.forEach(add),
    () => undefined,
  );
}
