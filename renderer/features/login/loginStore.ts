import { create } from 'zustand';
import type { LoginQuestion } from '../../../shared/contract/login';
import { call, on } from '../../api';

interface LoginState {
  /** A server's login questions waiting for the user, oldest first. */
  questions: LoginQuestion[];
  /** Sends the answers (null: cancel the login). */
  answer(questionId: string, answers: string[] | null): Promise<void>;
}

export const useLoginQuestions = create<LoginState>((set) => ({
  questions: [],
  answer: async (questionId, answers) => {
    set((s) => ({ questions: s.questions.filter((q) => q.questionId !== questionId) }));
    // Already answered in another window, or withdrawn: nothing left to do.
    await call('login.answer', { questionId, answers }).catch(() => undefined);
  },
}));

let watching = false;
/** Listens for the core's login questions, once per page. */
export function watchLoginQuestions(): void {
  if (watching) return;
  watching = true;
  const add = (question: LoginQuestion): void =>
    useLoginQuestions.setState((s) =>
      s.questions.some((q) => q.questionId === question.questionId)
        ? s
        : { questions: [...s.questions, question] },
    );
  on('login.question', add);
  on('login.settled', ({ questionId }) =>
    useLoginQuestions.setState((s) => ({
      questions: s.questions.filter((q) => q.questionId !== questionId),
    })),
  );
  // Questions asked before this page opened (a reload mid-login) still wait for an answer.
  void call('login.open', {}).then(
    (open) => open.forEach(add),
    () => undefined,
  );
}
