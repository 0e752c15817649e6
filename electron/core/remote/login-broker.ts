import { randomUUID } from 'node:crypto';
import type { EmitEvent } from '../../../shared/contract';
import type { LoginQuestion } from '../../../shared/contract/login';
import { PendingAnswers } from '../pending-answers';
import type { LoginAsker, LoginQuestionDetails } from './connect-deps';

/**
 * Puts a server's login questions (a one-time code…) to the user through the pages and waits
 * for the answers (`login.answer`); the connection's deadline is paused meanwhile by its caller.
 */
export class LoginBroker implements LoginAsker {
  private readonly answers: PendingAnswers<string[] | null, LoginQuestion>;

  constructor(
    private readonly emit: EmitEvent,
    timeoutMs = 5 * 60_000,
  ) {
    this.answers = new PendingAnswers<string[] | null, LoginQuestion>(
      null,
      (questionId) => emit('login.settled', { questionId }),
      timeoutMs,
    );
  }

  async ask(details: LoginQuestionDetails, signal?: AbortSignal): Promise<string[] | undefined> {
    const questionId = randomUUID();
    const question: LoginQuestion = { ...details, questionId };
    const announce = (q: LoginQuestion): void => this.emit('login.question', q);
    return (await this.answers.wait(questionId, question, announce, signal)) ?? undefined;
  }

  /** The questions still open, for a page that opened (or reloaded) after they were asked. */
  open(): LoginQuestion[] {
    return this.answers.open();
  }

  /** `answers` null: the user cancelled the login. */
  answer(questionId: string, answers: string[] | null): void {
    this.answers.answer(questionId, answers);
  }
}
