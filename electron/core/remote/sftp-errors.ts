import { FerryError } from '../../../shared/errors';
import type { ConnectionParams } from '../../../shared/types';
import { networkError, systemCode, timeoutError } from './net-errors';
import { notFoundOnServer } from './not-found';

/** SFTP v3 status codes (draft-ietf-secsh-filexfer-02 §7) that decide behaviour. */
export const SFTP_STATUS = {
  EOF: 1,
  NO_SUCH_FILE: 2,
  PERMISSION_DENIED: 3,
  FAILURE: 4,
  OP_UNSUPPORTED: 8,
} as const;

/** The SFTP status code an ssh2 callback error carries, if any. */
export function sftpStatus(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}

/**
 * Maps a failed SFTP request to a coded error. `action` completes "The server does not allow
 * you to …", e.g. "list", "delete", "upload to".
 */
export function sftpError(
  error: unknown,
  action: string,
  path: string,
  connectionOpen: boolean,
): FerryError {
  if (error instanceof FerryError) return error;
  if (!connectionOpen) return connectionLost(error);
  switch (sftpStatus(error)) {
    case SFTP_STATUS.NO_SUCH_FILE:
      return notFoundOnServer(path, error);
    case SFTP_STATUS.PERMISSION_DENIED:
      return new FerryError(
        'permission_denied',
        `The server does not allow you to ${action} ${path}.`,
        "Ask the server's administrator for access, or choose another place.",
        { cause: error },
      );
    case SFTP_STATUS.FAILURE:
    case SFTP_STATUS.OP_UNSUPPORTED: {
      const said = error instanceof Error && error.message ? ` (it said "${error.message}")` : '';
      return new FerryError(
        'internal',
        `The server could not ${action} ${path}${said}.`,
        'Check that the name is allowed on the server and that it has space left, then try again.',
        { cause: error },
      );
    }
    default:
      // ssh2 reports a vanished channel or socket without an SFTP status.
      return connectionLost(error);
  }
}

export function connectionLost(cause?: unknown): FerryError {
  return new FerryError(
    'connection_lost',
    'The connection to the server was lost.',
    'Reconnect and try again.',
    { cause },
  );
}

/**
 * The server answered a request with something the protocol does not allow (a READ answered
 * with more bytes than asked, or with no bytes at all). The connection cannot be trusted after
 * that, so it counts as lost (a retry opens a new one), but the words say what happened.
 */
export function malformedAnswer(what: string): FerryError {
  return new FerryError(
    'connection_lost',
    `The server sent an answer Ferry cannot use (${what}), so Ferry stopped using that connection rather than write wrong bytes.`,
    "Try again. If it happens again, the server's SFTP software may be faulty: tell its administrator.",
    { cause: new Error(what) },
  );
}

interface Target {
  host: string;
  port: number;
}

/** ssh2 marks connection-phase errors with a `level`; that decides the code, never the text. */
function level(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'level' in error) {
    const value = (error as { level: unknown }).level;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/** SSH DISCONNECT reasons (RFC 4253 §11.1) that mean "your login was refused". */
const AUTH_DISCONNECT_REASONS = new Set([14, 15]);

/** Whether ssh2's connect error says the server refused the login (not the network or keys). */
export function isAuthFailure(error: unknown): boolean {
  if (level(error) === 'client-authentication') return true;
  const reason = sftpStatus(error);
  return reason !== undefined && AUTH_DISCONNECT_REASONS.has(reason);
}

/** sshConnectError for a login with `params` (the server, and whether a key or password went). */
export function sshLoginError(error: unknown, params: ConnectionParams): FerryError {
  const target = { host: params.host, port: params.port };
  return sshConnectError(
    error,
    target,
    params.privateKeyPath !== undefined,
    params.password !== undefined,
  );
}

/** Maps an error from ssh2's connect phase (after our own socket checks) to a coded error. */
export function sshConnectError(
  error: unknown,
  target: Target,
  usedKey: boolean,
  usedPassword: boolean,
): FerryError {
  if (error instanceof FerryError) return error;
  const network = networkError(error, target);
  if (network) return network;
  const where = `${target.host}:${target.port}`;
  const authFailed = (): FerryError =>
    new FerryError(
      'auth_failed',
      usedKey && !usedPassword
        ? 'The server refused your key.'
        : 'The server refused the user name or password.',
      usedKey
        ? "Check the user name, and that this key's public half is in the server's authorized_keys."
        : 'Check the user name and password (both are case-sensitive).',
      { cause: error },
    );
  switch (level(error)) {
    case 'client-authentication':
      return authFailed();
    case 'client-timeout':
      return timeoutError(target, error);
    case 'handshake':
      return new FerryError(
        'protocol_mismatch',
        `Ferry and the SSH server at ${where} could not agree on how to encrypt the connection.`,
        'The server may only offer outdated algorithms. Ask its administrator to enable modern ones.',
        { cause: error },
      );
    default: {
      const reason = sftpStatus(error);
      if (reason !== undefined && AUTH_DISCONNECT_REASONS.has(reason)) return authFailed();
      return new FerryError(
        'connection_lost',
        `The SSH server at ${where} closed the connection during login.`,
        'The server may be limiting connections. Try again in a moment.',
        { cause: error },
      );
    }
  }
}

/**
 * A failure of the local end of a transfer (the stream read for an upload or written by a
 * download): never the connection's fault, so never reported as one.
 */
export function localSideError(error: unknown, reading: boolean): FerryError {
  if (error instanceof FerryError) return error;
  const what = reading ? 'read the file on this computer' : 'write the file on this computer';
  const cause = { cause: error };
  switch (systemCode(error)) {
    case 'ERR_STREAM_PREMATURE_CLOSE':
      // The caller destroyed its stream: that is how a transfer is cancelled.
      return new FerryError(
        'cancelled',
        'The transfer was stopped before it finished.',
        undefined,
        cause,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new FerryError(
        'disk_full',
        `Ferry could not ${what}: the disk is full.`,
        'Free some space, then try again.',
        cause,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new FerryError(
        'permission_denied',
        `Ferry is not allowed to ${what}.`,
        'Choose a folder you may write to, or check the file’s permissions.',
        cause,
      );
    case 'ENOENT':
      return new FerryError(
        'not_found',
        `Ferry could not ${what}: it is no longer there.`,
        'It may have been moved or deleted. Try again.',
        cause,
      );
    default:
      return new FerryError(
        'internal',
        `Ferry could not ${what}.`,
        'Try again. If it keeps happening, copy the log and report it.',
        cause,
      );
  }
}
