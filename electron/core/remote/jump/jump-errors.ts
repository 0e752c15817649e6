/**
 * What can go wrong at an SSH jump host, in plain words that say which of the two hosts it was:
 * the jump host could not be reached, refused the login, refused to forward (its sshd allows no
 * tunnels there), or could not reach the server itself.
 */
import { FerryError } from '../../../../shared/errors';
import type { JumpHostEndpoint } from '../../../../shared/jump-host';
import { serverText } from '../sftp-keyboard';

interface Target {
  host: string;
  port: number;
}

const SETTINGS_HINT = 'Check the site’s SSH tunnel (jump host) settings.';
const REACH_CODES = new Set(['host_not_found', 'connection_refused', 'timeout', 'connection_lost']);

function where(jump: JumpHostEndpoint): string {
  return `${jump.host}:${jump.port}`;
}

/** A failed login to the jump host, said as the jump host's (not the server's). */
export function jumpLoginError(error: unknown, jump: JumpHostEndpoint): FerryError {
  if (!(error instanceof FerryError)) {
    return new FerryError(
      'connection_lost',
      `The connection to the jump host ${where(jump)} failed during login.`,
      SETTINGS_HINT,
      { cause: error },
    );
  }
  if (error.code === 'auth_failed') {
    return new FerryError(
      'auth_failed',
      `The jump host ${where(jump)} refused the login of ${jump.user}: ${lowerFirst(error.message)}`,
      'Check the jump host’s user name and its password or key in the site’s SSH tunnel settings (they are the jump host’s login, not the server’s).',
      { cause: error },
    );
  }
  if (REACH_CODES.has(error.code) || error.code === 'protocol_mismatch') {
    return new FerryError(
      error.code,
      `Ferry could not reach the jump host ${where(jump)}: ${lowerFirst(error.message)}`,
      `${error.hint ? `${error.hint} ` : ''}${SETTINGS_HINT}`,
      { cause: error },
    );
  }
  // Trust refusals and the like already name the jump host's address.
  return error;
}

/** ssh2's channel-open failure codes (RFC 4254 §5.1). */
const ADMINISTRATIVELY_PROHIBITED = 1;
const CONNECT_FAILED = 2;

/** The jump host did not open the way to the server (forwardOut failed). */
export function forwardError(error: unknown, jump: JumpHostEndpoint, target: Target): FerryError {
  const reason = (error as { reason?: unknown } | null)?.reason;
  const said = serverWords(error);
  const server = `${target.host}:${target.port}`;
  if (reason === ADMINISTRATIVELY_PROHIBITED) {
    return new FerryError(
      'connection_refused',
      `The jump host ${where(jump)} refused to forward the connection to ${server}${said}.`,
      'Its SSH server allows no tunnels there (AllowTcpForwarding or PermitOpen in its sshd_config). Ask its administrator to allow them, or use another jump host.',
      { cause: error },
    );
  }
  if (reason === CONNECT_FAILED) {
    return new FerryError(
      'connection_refused',
      `The jump host ${where(jump)} could not reach the server ${server}${said}.`,
      'Check the server’s address and port as the jump host sees them (a name or address may mean something else there), and that the server is running.',
      { cause: error },
    );
  }
  return new FerryError(
    'connection_lost',
    `The jump host ${where(jump)} did not open the connection to ${server}${said}.`,
    `Try again. ${SETTINGS_HINT}`,
    { cause: error },
  );
}

/** The jump host said it could not reach the server (nothing there accepts; forwardError). */
export function isServerUnreachable(error: unknown): boolean {
  if (!(error instanceof FerryError)) return false;
  return (error.cause as { reason?: unknown } | null)?.reason === CONNECT_FAILED;
}

/** The jump host did not answer a request to forward in time. */
export function forwardTimedOut(jump: JumpHostEndpoint, target: Target): FerryError {
  return new FerryError(
    'timeout',
    `The jump host ${where(jump)} did not open the connection to ${target.host}:${target.port} in time.`,
    'The server may be silently dropping connections from the jump host, or the jump host is overloaded. Try again.',
  );
}

/** The jump connection dropped, or the session that owned it was closed. */
export function jumpClosed(jump: JumpHostEndpoint, cause?: unknown): FerryError {
  return new FerryError(
    'connection_lost',
    `The connection to the jump host ${where(jump)} is closed.`,
    'Connect again.',
    { cause },
  );
}

const LOST_HINT =
  'Check that the jump host is running and that this computer can reach it (its SSH server, the network on the way), then Reconnect and Retry the transfers that stopped.';

/**
 * The jump connection itself dropped (its SSH server stopped, the network to it was cut): every
 * connection to the server through it ended with it. `code` is the failure's: connection_lost
 * for what was running, session_not_found for a session looked up after it ended.
 */
export function jumpLost(
  jump: JumpHostEndpoint,
  cause?: unknown,
  code: 'connection_lost' | 'session_not_found' = 'connection_lost',
): FerryError {
  return new FerryError(
    code,
    `The connection to the jump host ${where(jump)} was lost — the connection to the server through it ended with it.`,
    LOST_HINT,
    { cause },
  );
}

/** The server's own words from a channel-open failure: printable, short, in quotes. */
function serverWords(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const words = message.replace(/^\(SSH\) Channel open failure:\s*/, '');
  const text = serverText(words, 120).replace(/\n/g, ' ').trim();
  return text === '' ? '' : ` (it said: "${text}")`;
}

function lowerFirst(text: string): string {
  // "Nothing is accepting…" reads on after a colon; a name ("127.0.0.1:1 …") stays as it is.
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
