import { useState } from 'react';
import type { LoginQuestion } from '../../../shared/contract/login';
import { FormDialog } from '../../ui/FormDialog';
import { useLoginQuestions } from './loginStore';
import './login.css';

/** Prompts that ask for a code an app or a text message gives (the browser may offer it). */
const CODE_PROMPT = /code|token|otp|one[- ]time|verification|passcode/i;

/**
 * What an SSH server asks while logging in beyond the password — most often the one-time code
 * of two-step verification — with one field per question. The connection waits meanwhile.
 */
export function LoginQuestionDialog() {
  const question = useLoginQuestions((s) => s.questions[0]);
  // A new question gets fresh, empty fields.
  return question ? <Questions key={question.questionId} question={question} /> : null;
}

function Questions({ question }: { question: LoginQuestion }) {
  const answer = useLoginQuestions((s) => s.answer);
  const [answers, setAnswers] = useState(() => question.prompts.map(() => ''));
  const server = `${question.user}@${question.host}:${question.port}`;
  return (
    <FormDialog
      title={question.title.trim() || 'The server asks for more to log in'}
      onCancel={() => void answer(question.questionId, null)}
      onSubmit={() => void answer(question.questionId, answers)}
      submitLabel="Log in"
      formClassName="sm-prompt"
    >
      <p>
        <strong>{server}</strong> asks this before it lets you in, for example a one-time code from
        your authenticator app.
      </p>
      {question.instructions.trim() && (
        <p className="login-instructions">{question.instructions}</p>
      )}
      {question.prompts.map((prompt, index) => (
        <label className="sm-field" key={index}>
          <span className="sm-label">{prompt.text.trim() || 'Answer'}</span>
          <input
            type={prompt.echo ? 'text' : 'password'}
            data-autofocus={index === 0 ? true : undefined}
            autoComplete={CODE_PROMPT.test(prompt.text) ? 'one-time-code' : 'off'}
            spellCheck={false}
            value={answers[index] ?? ''}
            onChange={(e) => {
              const next = [...answers];
              next[index] = e.target.value;
              setAnswers(next);
            }}
          />
        </label>
      ))}
      <p className="muted">Ferry sends your answers to this server only, and never saves them.</p>
    </FormDialog>
  );
}
