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
  /** Throws FerryError `host_key_changed` when the stored key differs. */
  checkHostKey(
    host: string,
    port: number,
    keyType: string,
    fingerprint: string,
  ): Promise<'trusted' | 'rejected'>;
  checkCertificate(
    host: string,
    port: number,
    cert: CertificateFacts,
    reason: string,
  ): Promise<'trusted' | 'rejected'>;
}
