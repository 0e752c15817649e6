import { describe, expect, it } from 'vitest';
import { createSessionLog } from '../log';
import { ConnectDeadline } from './connect-deadline';
import type { LoginAsker } from './connect-deps';
import { KeyboardLogin, serverText } from './sftp-keyboard';

describe('serverText (a server’s login questions, shown to the user)', () => {
  it('keeps line breaks of multi-line instructions and drops what a terminal would obey', () => {
    expect(serverText('Choose:\r\n1. Push\r\n2. Call\x1b[2J\x07', 500)).toBe(
      'Choose:\n1. Push\n2. Call[2J',
    );
  });

  it('drops bidirectional overrides that would make text read backwards', () => {
    expect(serverText('Code \u202Eedoc\u202C:', 100)).toBe('Code edoc:');
  });

  it('cuts a very long text to the limit, marked as cut', () => {
    const cut = serverText('x'.repeat(5000), 200);
    expect(cut).toHaveLength(200);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('which questions the saved password answers by itself', () => {
  /** One round of `prompts` through a login whose password is "old-secret"; what was asked, what went. */
  async function round(prompt: string, count = 1) {
    const asked: string[] = [];
    const asker: LoginAsker = {
      ask: (question) => {
        asked.push(...question.prompts.map((p) => p.text));
        return Promise.resolve(['typed by the user']);
      },
    };
    const target = { host: '127.0.0.1', port: 22, user: 'me' };
    const login = new KeyboardLogin(
      target,
      'old-secret',
      asker,
      createSessionLog(() => undefined),
    );
    const deadline = new ConnectDeadline(10_000);
    const method = login.method(deadline, new AbortController().signal);
    const sent = await new Promise<string[]>((resolve) =>
      method.prompt('', '', '', Array(count).fill({ prompt, echo: false }), resolve),
    );
    deadline.cancel();
    return { asked, sent, failure: login.explain(true) };
  }

  it('answers the password prompt with the password', async () => {
    expect(await round('Password: ')).toMatchObject({ asked: [], sent: ['old-secret'] });
  });

  it.each(['New password: ', 'Retype new password: ', 'Enter new UNIX password: '])(
    'puts "%s" (an expired password changing) to the user',
    async (prompt) => {
      expect(await round(prompt)).toMatchObject({ asked: [prompt], sent: ['typed by the user'] });
    },
  );

  it('refuses a round of more questions than the page can answer, without asking', async () => {
    const { asked, sent, failure } = await round('Code: ', 21);
    expect(asked).toEqual([]);
    expect(sent).toHaveLength(21);
    expect(failure?.message).toBe(
      '127.0.0.1:22 asked 21 questions at once to log in; Ferry answers at most 20.',
    );
  });
});

describe('a login with nobody to ask (ferry in a script)', () => {
  async function unanswered(prompt: string) {
    const login = new KeyboardLogin(
      { host: '127.0.0.1', port: 22, user: 'me' },
      undefined,
      undefined,
      createSessionLog(() => undefined),
    );
    const deadline = new ConnectDeadline(10_000);
    const method = login.method(deadline, new AbortController().signal);
    const sent = await new Promise<string[]>((resolve) =>
      method.prompt('', '', '', [{ prompt, echo: false }], resolve),
    );
    deadline.cancel();
    return { sent, failure: login.explain(true) };
  }

  it('leaves a lone password prompt to the usual refusal (e.g. "The server refused your key")', async () => {
    expect(await unanswered('Password: ')).toEqual({ sent: [''], failure: undefined });
  });

  it('names any other question it cannot put to anyone', async () => {
    const { sent, failure } = await unanswered('Verification code: ');
    expect(sent).toEqual(['']);
    expect(failure?.message).toMatch(
      /asks more than the password to log in \("Verification code:"\)/,
    );
  });
});
