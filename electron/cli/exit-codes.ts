import { FerryError, type ErrorCode } from '../../shared/errors';

/** What `ferry` exits with; scripts rely on these numbers. */
export const EXIT = {
  ok: 0,
  transfer: 1,
  usage: 2,
  auth: 3,
  trust: 4,
  connection: 5,
  /** `ferry probe`: only plain FTP, or nothing, answered. */
  insecure: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_CODE: Partial<Record<ErrorCode, ExitCode>> = {
  invalid_input: EXIT.usage,
  plain_ftp_not_acknowledged: EXIT.usage,
  auth_failed: EXIT.auth,
  host_key_unknown: EXIT.trust,
  host_key_changed: EXIT.trust,
  certificate_untrusted: EXIT.trust,
  trust_declined: EXIT.trust,
  host_not_found: EXIT.connection,
  connection_refused: EXIT.connection,
  timeout: EXIT.connection,
  connection_lost: EXIT.connection,
  protocol_mismatch: EXIT.connection,
  tls_required: EXIT.connection,
  tls_unavailable: EXIT.connection,
};

/** The exit code for an error that stopped the command before (or instead of) a transfer. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof FerryError) return BY_CODE[error.code] ?? EXIT.transfer;
  return EXIT.transfer;
}

export function usageError(message: string, hint?: string): FerryError {
  return new FerryError('invalid_input', message, hint);
}
