import type { KeyboardInteractiveAuthMethod, Prompt } from 'ssh2';
import type { LoginPrompt } from '../../../shared/contract/login';
import { FerryError } from '../../../shared/errors';
import type { SessionLog } from '../log';
import type { ConnectDeadline } from './connect-deadline';
import type { LoginAsker } from './connect-deps';

/** Rounds of questions one login may take before Ferry gives up (a server asking forever). */
const MAX_ROUNDS = 10;
/** Questions in one round: as many as the page may answer (shared/contract/login.ts). */
const MAX_PROMPTS = 20;
/** A lone hidden prompt like this is the password, answered with the one Ferry has. */
const PASSWORD_PROMPT = /pass(word|phrase|wort)|mot de passe|contraseña|senha/i;
/** …unless it asks for a code (e.g. "Password or one-time code:"). */
const CODE_PROMPT = /code|token|otp|one[- ]time|verification|pin\b|passcode/i;
/** …or for a new one (an expired password's change): only the user knows it. */
const NEW_PASSWORD_PROMPT = /\bnew\b|retype|re-enter|again|confirm|neues|nouveau|nueva/i;

interface Target {
  host: string;
  port: number;
  user: string;
}

/**
 * SSH keyboard-interactive login: the server asks questions, in rounds. A round that asks only
 * for the password gets the one Ferry was given; any other question (a one-time code, a new
 * password, a security question) is put to the user, with the connect deadline paused while
 * they answer. The answers are secrets: they never reach the log.
 */
export class KeyboardLogin {
  private rounds = 0;
  private passwordSent = false;
  private answeredByUser = false;
  private failure: FerryError | undefined;
  private giveUp: () => void = () => undefined;

  constructor(
    private readonly target: Target,
    private readonly password: string | undefined,
    private readonly asker: LoginAsker | undefined,
    private readonly log: SessionLog,
  ) {}

  /** Whether logging in again would need the user (they answered a question this time). */
  get neededTheUser(): boolean {
    return this.answeredByUser;
  }

  /**
   * What ends the connection when the login cannot succeed (cancelled, or nobody to ask): the
   * server would otherwise take its time (PAM waits ~2 s after a failure) to say no.
   */
  onGiveUp(end: () => void): void {
    this.giveUp = end;
  }

  /** The method for ssh2's list, answering through this login. */
  method(deadline: ConnectDeadline, connectionEnded: AbortSignal): KeyboardInteractiveAuthMethod {
    return {
      type: 'keyboard-interactive',
      username: this.target.user,
      prompt: (title, instructions, _lang, prompts, finish) => {
        void this.answer({ title, instructions, prompts }, deadline, connectionEnded).then(
          (answers) => {
            // An ended connection takes no answer: there is nothing left to send it on.
            if (!connectionEnded.aborted) finish(answers);
          },
        );
      },
    };
  }

  /**
   * Why the login failed, in words that fit what happened: refused answers, a cancelled login,
   * or questions nobody could answer. Undefined when no question was involved.
   */
  explain(authFailed: boolean): FerryError | undefined {
    if (this.failure) return this.failure;
    if (authFailed && this.answeredByUser) {
      return new FerryError(
        'auth_failed',
        `${this.where()} did not accept the login: the password or one of your answers (such as a one-time code) was wrong.`,
        'Connect again and check each answer. A one-time code is valid for a short time only: if it was about to change, wait for the next one.',
      );
    }
    return undefined;
  }

  private async answer(
    round: { title: string; instructions: string; prompts: Prompt[] },
    deadline: ConnectDeadline,
    connectionEnded: AbortSignal,
  ): Promise<string[]> {
    this.rounds += 1;
    const { prompts } = round;
    // A round of instructions only (a banner, "code accepted"): nothing to answer.
    if (prompts.length === 0) return [];
    const blank = prompts.map(() => '');
    if (this.failure || this.rounds > MAX_ROUNDS) return blank;
    if (prompts.length > MAX_PROMPTS) {
      this.failure = new FerryError(
        'auth_failed',
        `${this.where()} asked ${prompts.length} questions at once to log in; Ferry answers at most ${MAX_PROMPTS}.`,
        'Ask the server’s administrator how to log in; the server may be set up wrongly.',
      );
      this.giveUp();
      return blank;
    }
    if (this.isPasswordRound(prompts)) {
      // No password and nobody to ask (a script whose key was refused): the key's refusal is
      // the news, not "the server asks more than the password".
      if (this.password === undefined && !this.asker) return blank;
      if (this.password !== undefined) {
        // Asked again after it was sent: the server refused it; a blank answer ends the login.
        if (this.passwordSent) return blank;
        this.passwordSent = true;
        return [this.password];
      }
    }
    const shown: LoginPrompt[] = prompts.map((p) => ({
      text: serverText(p.prompt, 200),
      echo: p.echo === true,
    }));
    if (!this.asker) {
      this.failure = new FerryError(
        'auth_failed',
        `${this.where()} asks more than the password to log in ("${shown.map((p) => p.text.trim()).join('", "')}"), and Ferry cannot ask you here.`,
        'Connect from Ferry’s window, or run the ferry command in a terminal, to answer it.',
      );
      this.giveUp();
      return blank;
    }
    this.log.write('info', `The server asks: ${shown.map((p) => p.text.trim()).join(' / ')}`);
    deadline.pause();
    try {
      const answers = await this.asker.ask(
        {
          host: this.target.host,
          port: this.target.port,
          user: this.target.user,
          title: serverText(round.title, 200),
          instructions: serverText(round.instructions, 2000),
          prompts: shown,
        },
        connectionEnded,
      );
      if (answers === undefined) {
        this.failure = connectionEnded.aborted ? closedWhileAsking(this.where()) : cancelled();
        this.giveUp();
        return blank;
      }
      // Hidden answers are secrets; a shown one (a menu choice like "1") would mask every "1".
      shown.forEach((p, i) => {
        if (!p.echo) this.log.addSecret(answers[i]);
      });
      this.answeredByUser = true;
      return prompts.map((_, i) => answers[i] ?? '');
    } finally {
      deadline.resume();
    }
  }

  private isPasswordRound(prompts: Prompt[]): boolean {
    const [only] = prompts;
    return (
      prompts.length === 1 &&
      only !== undefined &&
      only.echo !== true &&
      PASSWORD_PROMPT.test(only.prompt) &&
      !CODE_PROMPT.test(only.prompt) &&
      !NEW_PASSWORD_PROMPT.test(only.prompt)
    );
  }

  private where(): string {
    return `${this.target.host}:${this.target.port}`;
  }
}

/** Control characters but tab and line feed, DEL, C1 controls, bidirectional marks. */
/* eslint-disable no-control-regex -- removing control characters is the point */
const HIDDEN_OR_CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

/**
 * A server's words made safe to show: no control characters but line breaks (a terminal would
 * obey them), no bidirectional overrides, and not longer than `max` characters.
 */
export function serverText(text: string, max: number): string {
  const clean = text
    .replace(/\r\n?/g, '\n')
    .replace(HIDDEN_OR_CONTROL, '')
    .replace(/[\u2028\u2029]/g, '\n');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function cancelled(): FerryError {
  return new FerryError(
    'cancelled',
    'You cancelled the login, so Ferry did not connect.',
    'Connect again when you have the answer (for example your one-time code) at hand.',
  );
}

function closedWhileAsking(where: string): FerryError {
  return new FerryError(
    'connection_lost',
    `${where} closed the connection while Ferry waited for your answer.`,
    'Servers wait only so long during a login. Connect again and answer within a minute or so.',
  );
}
