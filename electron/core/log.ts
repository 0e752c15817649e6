import type { EmitEvent } from '../../shared/contract';
import type { TransferLogFilter } from './log-transfer-filter';

export type LogLevel = 'info' | 'command' | 'reply' | 'error';

/** Writes one session's log lines; secrets registered with it never appear in clear. */
export interface SessionLog {
  write(level: LogLevel, text: string): void;
  /** Registers a secret (password, passphrase) to be masked in every later line. */
  addSecret(secret: string | undefined): void;
}

/** The log of a pooled transfer connection (see log-transfer-filter.ts). */
export interface TransferSessionLog extends SessionLog {
  /** The connection is logged in: from now on its routine per-file lines are summarised. */
  loggedIn(): void;
}

const MASK = '********';

/** Replaces every occurrence of each secret (and its base64 form) with a mask. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    for (const form of [secret, Buffer.from(secret).toString('base64')]) {
      out = out.split(form).join(MASK);
    }
  }
  // Belt and braces: FTP's PASS command is masked whatever its argument.
  return out.replace(/^(\s*(?:>\s*)?PASS)\s+.*$/gim, `$1 ${MASK}`);
}

function emitLine(emit: EmitEvent, sessionId: string | undefined, level: LogLevel, text: string) {
  emit(
    'log.line',
    sessionId === undefined
      ? { level, text, at: Date.now() }
      : { sessionId, level, text, at: Date.now() },
  );
}

export function createSessionLog(emit: EmitEvent, sessionId?: string): SessionLog {
  const secrets = new Set<string>();
  return {
    write(level, text) {
      emitLine(emit, sessionId, level, redact(text, secrets));
    },
    addSecret(secret) {
      if (secret) secrets.add(secret);
    },
  };
}

/**
 * The log of a connection opened for transfers: everything up to the login (connects, TLS,
 * logins, failures) as usual; after it, the commands and replies of each file (about six per
 * file over FTP) are counted and summarised in one line per burst, unless the user asked for
 * every transfer command. Errors always show.
 */
export function createTransferSessionLog(
  emit: EmitEvent,
  sessionId: string,
  filter: TransferLogFilter,
): TransferSessionLog {
  const secrets = new Set<string>();
  let routine = false;
  return {
    write(level, text) {
      if (routine && filter.holdsBack(sessionId, level, text)) return;
      emitLine(emit, sessionId, level, redact(text, secrets));
    },
    addSecret(secret) {
      if (secret) secrets.add(secret);
    },
    loggedIn() {
      routine = true;
    },
  };
}
