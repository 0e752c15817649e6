/**
 * Errors cross every boundary as values with a stable code. Code decides behaviour;
 * message and hint are for people. Never match on message text.
 */
export const ERROR_CODES = [
  // input and contract
  'invalid_input',
  'unknown_method',
  'forbidden',
  'internal',
  // file systems (local and remote)
  'not_found',
  'already_exists',
  'permission_denied',
  'not_a_folder',
  'not_empty',
  'disk_full',
  // a download of unknown size that would not end (the disk would fill): that file only
  'endless_file',
  'unsafe_name',
  // the server lacks what the action needs (an FTP server without SITE CHMOD)
  'not_supported',
  // connections
  'host_not_found',
  'connection_refused',
  'timeout',
  'connection_lost',
  'auth_failed',
  'protocol_mismatch',
  'tls_required',
  'tls_unavailable',
  'plain_ftp_not_acknowledged',
  'session_not_found',
  // trust
  'host_key_unknown',
  'host_key_changed',
  'certificate_untrusted',
  'trust_declined',
  // transfers
  'cancelled',
  'size_mismatch',
  // sites
  'store_corrupt',
  'secret_unavailable',
  'import_failed',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export class FerryError extends Error implements ErrorInfo {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FerryError';
    this.code = code;
    if (hint !== undefined) this.hint = hint;
  }

  toInfo(): ErrorInfo {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns anything thrown into a serialisable ErrorInfo without leaking internals. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof FerryError) return error.toInfo();
  return {
    code: 'internal',
    message: 'Something went wrong inside Ferry.',
    hint: 'Try again. If it keeps happening, copy the log and report it.',
  };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
