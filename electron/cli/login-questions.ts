import { FerryError } from '../../shared/errors';
import type { LoginAsker } from '../core/remote/connect-deps';
import { promptHidden, promptLine } from './prompt';

/**
 * Puts an SSH server's login questions (a one-time code…) to the person at the terminal, one
 * line each, hidden unless the server shows the answer. Ctrl-C cancels the login.
 */
export function terminalLoginQuestions(say: (line: string) => void): LoginAsker {
  return {
    async ask(question) {
      say(`${question.user}@${question.host}:${question.port} asks this before it lets you in.`);
      for (const text of [question.title, question.instructions]) {
        if (text.trim()) say(text.trim());
      }
      const answers: string[] = [];
      try {
        for (const prompt of question.prompts) {
          const label = prompt.text.trim() ? `${prompt.text.trim()} ` : 'Answer: ';
          answers.push(prompt.echo ? await promptLine(label) : await promptHidden(label));
        }
      } catch (error) {
        if (error instanceof FerryError && error.code === 'cancelled') return undefined;
        throw error;
      }
      return answers;
    },
  };
}
