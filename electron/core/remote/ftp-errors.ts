import { FTPError } from 'basic-ftp';
import { FerryError } from '../../../shared/errors';
import { networkError, timeoutError } from './net-errors';

export interface Target {
  host: string;
  port: number;
}

/** The reply code of an FTP error reply, if `error` is one. */
export function replyCode(error: unknown): number | undefined {
  return error instanceof FTPError ? error.code : undefined;
}

/** The server's words from an FTP reply, without the code, for messages. */
export function replyText(error: FTPError | { message: string }): string {
  return error.message.replace(/^\d{3}[ -]?/, '').trim();
}

/**
 * basic-ftp reports its own time-outs (control reply overdue, data transfer stalled) as plain
 * Errors whose only distinguishing mark is the fixed text "Timeout (control socket)" /
 * "Timeout (data socket)": it sets no code. This is the one place that reads that text.
 */
export function isLibraryTimeout(error: unknown): boolean {
  return error instanceof Error && /^Timeout \((?:control|data) socket\)/.test(error.message);
}

export function protocolMismatch(
  kind: 'ssh' | 'explicit' | 'implicit',
  target: Target,
): FerryError {
  const where = `${target.host}:${target.port}`;
  switch (kind) {
    case 'ssh':
      return new FerryError(
        'protocol_mismatch',
        `${where} speaks SSH, not FTP.`,
        'This port speaks SSH — choose SFTP.',
      );
    case 'explicit':
      return new FerryError(
        'protocol_mismatch',
        `${where} answered in clear text instead of starting TLS.`,
        'This port expects explicit FTPS (AUTH TLS) — choose FTPS explicit on 21.',
      );
    case 'implicit':
      return new FerryError(
        'protocol_mismatch',
        `${where} said nothing; it waits for a TLS handshake first.`,
        'This port waits for TLS from the first byte — choose FTPS implicit on 990.',
      );
  }
}

export function tlsRequired(target: Target): FerryError {
  return new FerryError(
    'tls_required',
    `${target.host} refuses to log in without encryption.`,
    'Choose FTPS (explicit TLS) for this server: it protects your password and files.',
  );
}

export function tlsUnavailable(target: Target, what: string, cause?: unknown): FerryError {
  return new FerryError(
    'tls_unavailable',
    `${target.host}:${target.port} ${what}`,
    'Check that the server supports FTPS, or that you chose the right port and protocol.',
    { cause },
  );
}

export function authFailed(target: Target, cause?: unknown): FerryError {
  return new FerryError(
    'auth_failed',
    `${target.host} did not accept the user name or password.`,
    'Check the user name and password (they are case-sensitive).',
    { cause },
  );
}

export function sessionClosed(): FerryError {
  return new FerryError(
    'session_not_found',
    'This connection has been closed.',
    'Connect to the server again.',
  );
}

export function lostConnection(target: Target, cause?: unknown): FerryError {
  return new FerryError(
    'connection_lost',
    `The connection to ${target.host}:${target.port} was lost.`,
    'Try again. If it keeps happening, the server may be limiting connections.',
    { cause },
  );
}

/**
 * A 451 ("local error in processing") to a STOR is, on a write, nearly always a full disk or a
 * used-up quota: vsftpd says only "Failure writing to local file." for it. Taken as a full disk,
 * it stops the queue once instead of failing every later upload; Resume simply tries again.
 */
export function storeFailure(error: unknown, path: string): unknown {
  const cause = error instanceof FerryError ? error.cause : undefined;
  if (!(cause instanceof FTPError) || cause.code !== 451) return error;
  return new FerryError(
    'disk_full',
    `The server could not store ${path} (it said: "${replyText(cause)}"): its disk is probably full, or your space on it used up.`,
    'Free some space on the server (or ask its administrator), then resume the transfers.',
    { cause: error },
  );
}

/** What a failed reply means when the operation itself cannot tell more (see ftp-explain.ts). */
export function replyError(error: FTPError, target: Target, what: string): FerryError {
  const said = replyText(error);
  switch (error.code) {
    case 421:
    case 425:
    case 426:
      return lostConnection(target, error);
    case 452:
    case 552:
      return new FerryError(
        'disk_full',
        `The server has no room left to ${what} (it said: "${said}").`,
        'Free some space on the server (or ask its administrator), then resume the transfers.',
        { cause: error },
      );
    case 450:
    case 530:
    case 532:
    case 550:
    case 553:
      return new FerryError(
        'permission_denied',
        `The server refused to ${what} (it said: "${said}").`,
        'Check that your account may do this here.',
        { cause: error },
      );
    default:
      return new FerryError(
        'internal',
        `The server could not ${what} (it said: "${said}").`,
        'Try again; if it keeps failing, copy the log and report it.',
        { cause: error },
      );
  }
}

/**
 * Turns anything a basic-ftp call threw into a FerryError. `connectionGone` tells a dropped
 * connection (basic-ftp closes the client on every socket failure) from a local failure.
 */
export function toFerryError(
  error: unknown,
  target: Target,
  what: string,
  connectionGone: boolean,
): FerryError {
  if (error instanceof FerryError) return error;
  if (error instanceof FTPError) return replyError(error, target, what);
  const network = networkError(error, target);
  if (network) return network;
  if (isLibraryTimeout(error)) return timeoutError(target, error);
  if (connectionGone) return lostConnection(target, error);
  return new FerryError(
    'internal',
    `Ferry could not ${what} on ${target.host}.`,
    'Try again; if it keeps failing, copy the log and report it.',
    { cause: error },
  );
}
