import type { CertificateFacts } from '../../../shared/types';
import type { SessionLog } from '../log';

// Re-exported: the trust deciders (app and CLI) take it from here with the rest of this seam.
export type { CertificateFacts };

/** What every protocol's connect function needs from the session manager. */
export interface ConnectDeps {
  trust: TrustDecider;
  log: SessionLog;
  /** ms for TCP+handshake+login */
  timeoutMs: number;
}

/**
 * Decides whether a server's identity is trusted. Implemented by the session manager with the
 * TrustBroker and the stores; tests can pass a real instance with a fixed answer policy.
 */
export interface TrustDecider {
  /**
   * Throws FerryError `host_key_changed` when the stored key differs. `signal` aborts when the
   * connection asking has ended: the question to the user is withdrawn and the answer is
   * 'rejected'.
   */
  checkHostKey(
    host: string,
    port: number,
    keyType: string,
    fingerprint: string,
    signal?: AbortSignal,
  ): Promise<'trusted' | 'rejected'>;
  /** `signal` as for checkHostKey. */
  checkCertificate(
    host: string,
    port: number,
    cert: CertificateFacts,
    reason: string,
    signal?: AbortSignal,
  ): Promise<'trusted' | 'rejected'>;
}
