import { FerryError } from '../../../shared/errors';

interface Target {
  host: string;
  port: number;
}

/** Node's system error code, if `error` carries one. */
export function systemCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

const PORT_HINT =
  'Check the port and the protocol: SFTP uses 22, FTPS explicit and FTP 21, FTPS implicit 990.';

/**
 * A refusal met by another connection to a server already logged in to (a transfer's): the port
 * and protocol were right, so the hint says what is likely instead — it stopped or restarted.
 */
export function refusedSinceLogin(error: unknown): unknown {
  if (!(error instanceof FerryError) || error.hint !== PORT_HINT) return error;
  return new FerryError(
    error.code,
    error.message,
    'The server answered when you connected: it may have stopped or restarted. Try again once it answers (Reconnect first if its tab says the connection was lost).',
    { cause: error },
  );
}

/**
 * Maps socket-level failures (DNS, refused, reset, timeout) to coded errors with plain words.
 * Returns undefined for anything that is not a network failure, so callers can map the rest.
 */
export function networkError(error: unknown, target: Target): FerryError | undefined {
  const where = `${target.host}:${target.port}`;
  switch (systemCode(error)) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new FerryError(
        'host_not_found',
        `The host name "${target.host}" could not be found.`,
        'Check the spelling of the host, or try its IP address.',
        { cause: error },
      );
    case 'ECONNREFUSED':
      return new FerryError(
        'connection_refused',
        `Nothing is accepting connections on ${where}.`,
        PORT_HINT,
        { cause: error },
      );
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return timeoutError(target, error);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new FerryError(
        'host_not_found',
        `${target.host} cannot be reached from this computer.`,
        'Check your network connection, VPN or firewall.',
        { cause: error },
      );
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return new FerryError(
        'connection_lost',
        `The connection to ${where} was closed unexpectedly.`,
        'Try again. If it keeps happening, the server may be limiting connections.',
        { cause: error },
      );
    default:
      return undefined;
  }
}

export function timeoutError(target: Target, cause?: unknown): FerryError {
  return new FerryError(
    'timeout',
    `${target.host}:${target.port} did not answer in time.`,
    'Check the host and port, and that a firewall is not silently dropping the connection.',
    { cause },
  );
}
