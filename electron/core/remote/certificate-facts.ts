import type { X509Certificate } from 'node:crypto';
import type { CertificateFacts } from '../../../shared/types';

/** The facts a user decides on, in display form: one-line names, ISO dates. */
export function certificateFactsOf(x509: X509Certificate): CertificateFacts {
  return {
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    subjectAltNames: (x509.subjectAltName ?? '')
      .split(/,\s*/)
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    validFrom: isoDate(x509.validFrom),
    validTo: isoDate(x509.validTo),
    fingerprint256: x509.fingerprint256,
  };
}

function oneLine(distinguishedName: string): string {
  return distinguishedName.split('\n').filter(Boolean).join(', ');
}

/** An unreadable date is shown as the certificate wrote it rather than failing the connection. */
function isoDate(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}
