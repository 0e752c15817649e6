import type { EmitEvent } from '../../shared/contract';

export type LogLevel = 'info' | 'command' | 'reply' | 'error';

/** Writes one session's log lines; secrets registered with it never appear in clear. */
export interface SessionLog {
  write(level: LogLevel, text: string): void;
  /** Registers a secret (password, passphrase) to be masked in every later line. */
  addSecret(secret: string | undefined): void;
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

export function createSessionLog(emit: EmitEvent, sessionId?: string): SessionLog {
  const secrets = new Set<string>();
  return {
    write(level, text) {
      const line = redact(text, secrets);
      emit(
        'log.line',
        sessionId === undefined
          ? { level, text: line, at: Date.now() }
          : { sessionId, level, text: line, at: Date.now() },
      );
    },
    addSecret(secret) {
      if (secret) secrets.add(secret);
    },
  };
}
