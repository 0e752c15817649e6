import type { CertificateFacts, TrustDecider } from '../remote/connect-deps';
import type { TrustBroker } from './broker';
import type { CertPins } from './cert-pins';

/**
 * The certificate half of a TrustDecider: a pinned certificate is trusted silently; anything else
 * asks the user through the broker. "Trust always" pins the certificate, "trust once" trusts it
 * for this connection only.
 */
export function certificateDecider(
  pins: CertPins,
  broker: TrustBroker,
): TrustDecider['checkCertificate'] {
  return async (
    host: string,
    port: number,
    cert: CertificateFacts,
    reason: string,
    signal?: AbortSignal,
  ) => {
    if (await pins.isPinned(host, port, cert.fingerprint256)) return 'trusted';
    const decision = await broker.ask(
      {
        kind: 'certificate',
        host,
        port,
        subject: cert.subject,
        issuer: cert.issuer,
        subjectAltNames: cert.subjectAltNames,
        validFrom: cert.validFrom,
        validTo: cert.validTo,
        fingerprint: cert.fingerprint256,
        reason,
      },
      signal,
    );
    if (decision === 'reject') return 'rejected';
    if (decision === 'trust-always') await pins.pin(host, port, cert.fingerprint256);
    return 'trusted';
  };
}
