import { FerryError, type ErrorCode } from '../../../shared/errors';
import { systemCode } from '../remote/net-errors';

/** Failures a later attempt can overcome: the network hiccuped, or bytes went missing. */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'connection_lost',
  'timeout',
  'connection_refused',
  'size_mismatch',
]);

/**
 * Failures that will fail the same way for every job of the session (a refused login, an
 * untrusted server): retrying or opening more connections only repeats them (and may lock the
 * account), so the session's pool stops trying until the user retries.
 */
const SESSION_FATAL: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'auth_failed',
  'host_key_unknown',
  'host_key_changed',
  'certificate_untrusted',
  'trust_declined',
  'tls_required',
  'tls_unavailable',
  'plain_ftp_not_acknowledged',
  'protocol_mismatch',
  'session_not_found',
]);

export function isRetryable(error: unknown): boolean {
  return error instanceof FerryError && RETRYABLE.has(error.code);
}

export function isSessionFatal(error: unknown): boolean {
  return error instanceof FerryError && SESSION_FATAL.has(error.code);
}

/** Waits 1×, 2×, 4×… the base delay between attempts, at most 30 s. */
export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 30_000);
}

/** Socket failures: whatever a layer below called them, the connection is what broke. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

export function isNetworkFailure(error: unknown): boolean {
  const code = systemCode(error);
  return code !== undefined && NETWORK_CODES.has(code);
}

/** Anything thrown, as a FerryError (unknown errors become `internal`, never leaking text). */
export function asFerryError(error: unknown): FerryError {
  if (error instanceof FerryError) return error;
  return new FerryError(
    'internal',
    'Something went wrong inside Ferry during this transfer.',
    'Try again. If it keeps happening, copy the log and report it.',
    { cause: error },
  );
}
