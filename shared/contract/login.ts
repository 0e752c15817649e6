import { z } from 'zod';
import { event, method } from './define';

/** One question of a server's login round, e.g. "Verification code:". */
export interface LoginPrompt {
  /** The server's words, shown as plain text (control characters removed, length capped). */
  text: string;
  /** False for secrets (the field hides what is typed). */
  echo: boolean;
}

/**
 * Questions an SSH server asks while logging in beyond the password (keyboard-interactive):
 * a one-time code of two-step verification, a changed password, a security question.
 */
export interface LoginQuestion {
  questionId: string;
  host: string;
  port: number;
  user: string;
  /** The server's title for the round, often empty. */
  title: string;
  /** The server's explanation for the round, often empty. */
  instructions: string;
  prompts: LoginPrompt[];
}

/** Each prompt's answer, in order; null cancels the login. */
export const loginAnswers = z.array(z.string().max(1024)).max(20).nullable();

export const loginMethods = {
  'login.answer': method<void>()(
    z.object({ questionId: z.string().min(1).max(100), answers: loginAnswers }),
  ),
  /** Questions still waiting for an answer: a page that (re)opened shows them too. */
  'login.open': method<LoginQuestion[]>()(z.object({})),
};

export const loginEvents = {
  'login.question': event<LoginQuestion>(),
  /** A question answered elsewhere (another page) or withdrawn (the server hung up). */
  'login.settled': event<{ questionId: string }>(),
};
