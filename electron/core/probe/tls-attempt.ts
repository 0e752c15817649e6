import type { Socket } from 'node:net';
import { connect, type SecureVersion, type TLSSocket } from 'node:tls';
import type { Acceptance } from '../../../shared/contract/probe';

export interface TlsSettings {
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  /** OpenSSL cipher string; Node's default when absent. */
  ciphers?: string;
}

export interface TlsContext {
  /** SNI name: host names only, never an IP address (RFC 6066). */
  servername?: string;
  /** The authorities that count as trusted: the system's plus any extra CA given, nothing implicit. */
  ca: string[];
}

export interface TlsAttempt {
  outcome: Acceptance;
  protocol?: string;
  cipher?: string;
  certificateDer?: Buffer;
  authorized?: boolean;
  authorizationError?: string;
  /** The open TLS socket, when the caller asked to keep it. */
  socket?: TLSSocket;
}

/**
 * One TLS handshake over an already open socket. The certificate is recorded, never enforced:
 * the check reports on it and sends nothing after the handshake but an FTP greeting read.
 */
export function tlsHandshake(
  socket: Socket,
  settings: TlsSettings,
  context: TlsContext,
  timeoutMs: number,
  keepOpen = false,
): Promise<TlsAttempt> {
  return new Promise<TlsAttempt>((resolve) => {
    socket.resume();
    const secure = connect({
      socket,
      minVersion: settings.minVersion,
      maxVersion: settings.maxVersion,
      ...(settings.ciphers !== undefined ? { ciphers: settings.ciphers } : {}),
      ...(context.servername !== undefined ? { servername: context.servername } : {}),
      ca: context.ca,
      rejectUnauthorized: false,
    });
    let settled = false;
    const finish = (attempt: TlsAttempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!keepOpen || attempt.outcome !== 'accepted') secure.destroy();
      resolve(attempt);
    };
    const timer = setTimeout(() => finish({ outcome: 'unknown' }), timeoutMs);
    secure.once('secureConnect', () => {
      const raw = secure.getPeerCertificate(false).raw as Buffer | undefined;
      const attempt: TlsAttempt = {
        outcome: 'accepted',
        authorized: secure.authorized,
      };
      const protocol = secure.getProtocol();
      if (protocol) attempt.protocol = protocol;
      const cipher = secure.getCipher()?.name;
      if (cipher) attempt.cipher = cipher;
      if (raw && raw.length > 0) attempt.certificateDer = raw;
      if (secure.authorizationError) attempt.authorizationError = String(secure.authorizationError);
      if (keepOpen) attempt.socket = secure;
      finish(attempt);
    });
    // A server that dislikes our offer answers with an alert or simply hangs up: both say "no".
    secure.on('error', () => finish({ outcome: 'refused' }));
    secure.once('close', () => finish({ outcome: 'refused' }));
  });
}
