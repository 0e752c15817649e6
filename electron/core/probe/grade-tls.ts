import type { CertificateReport, TlsReport } from '../../../shared/contract/probe';
import { emptyAssessment, weakness, type Assessment } from './assessment';
import { BROKEN_SIGNATURE_ALGORITHMS } from './cert-signature';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A certificate this close to its end date gets a note: renewals are often forgotten. */
const EXPIRY_WARNING_DAYS = 14;

/** Judges a TLS endpoint: versions, cipher classes it accepts, and its certificate. */
export function assessTls(tls: TlsReport, usable: boolean, now: Date): Assessment {
  const a = emptyAssessment();
  const { versions, weakCiphers } = tls;
  if (versions.TLSv1 === 'accepted') weakness(a, 'C', 'accepts TLS 1.0');
  if (versions['TLSv1.1'] === 'accepted') weakness(a, 'C', 'accepts TLS 1.1');
  const modern = versions['TLSv1.2'] === 'accepted' || versions['TLSv1.3'] === 'accepted';
  if (!modern) weakness(a, 'D', 'offers no modern TLS (1.2 or 1.3)');
  if (modern && versions['TLSv1.3'] === 'refused')
    a.notes.push('Does not offer TLS 1.3 (1.2 is still fine).');

  if (weakCiphers.null === 'accepted')
    weakness(a, 'F', 'accepts ciphers that do not encrypt at all (NULL)');
  if (weakCiphers.anonymous === 'accepted') {
    weakness(
      a,
      'D',
      'accepts anonymous ciphers that skip the certificate, so a client could be fooled',
    );
  }
  if (weakCiphers['no-forward-secrecy'] === 'accepted') {
    weakness(a, 'B', 'accepts ciphers without forward secrecy (plain RSA key exchange)');
  }
  if (weakCiphers.cbc === 'accepted') weakness(a, 'B', 'CBC ciphers offered');
  if (usable && tls.protocol && tls.cipher) {
    a.notes.push(`Ferry's connection uses ${spellVersion(tls.protocol)} with ${tls.cipher}.`);
  }

  if (tls.certificate) assessCertificate(a, tls.certificate, now);
  else weakness(a, 'D', 'its certificate could not be read');
  return a;
}

function assessCertificate(a: Assessment, cert: CertificateReport, now: Date): void {
  const validTo = Date.parse(cert.validTo);
  const validFrom = Date.parse(cert.validFrom);
  const expired = validTo < now.getTime();
  const notYet = validFrom > now.getTime();
  if (expired) {
    weakness(a, 'D', `certificate expired ${ago(now.getTime() - validTo)}`);
  } else if (notYet) {
    weakness(a, 'D', `certificate is not valid until ${cert.validFrom.slice(0, 10)}`);
  } else if (validTo - now.getTime() < EXPIRY_WARNING_DAYS * DAY_MS) {
    a.notes.push(`The certificate expires in ${days(validTo - now.getTime())}.`);
  }
  if (!cert.hostnameMatches) {
    const names = cert.subjectAltNames.length > 0 ? cert.subjectAltNames.join(', ') : cert.subject;
    weakness(a, 'C', `certificate is made out to another name (${names})`);
  }
  if (cert.selfSigned) {
    weakness(a, 'B', 'self-signed certificate: compare its fingerprint with the administrator’s');
  } else if (!cert.trusted && !expired && !notYet) {
    weakness(a, 'B', 'certificate is signed by an authority this computer does not trust');
  }
  if (cert.keyType === 'rsa' && cert.keyBits !== undefined && cert.keyBits < 2048) {
    weakness(a, 'C', `certificate key is only ${cert.keyBits}-bit RSA (2048 or more is safe)`);
  }
  if (cert.signatureAlgorithm && BROKEN_SIGNATURE_ALGORITHMS.has(cert.signatureAlgorithm)) {
    weakness(a, 'C', `certificate is signed with a broken hash (${cert.signatureAlgorithm})`);
  }
  if (cert.trusted)
    a.notes.push('The certificate is vouched for by an authority this computer trusts.');
  if (cert.pinned) a.notes.push('You already told Ferry to trust this exact certificate.');
}

function spellVersion(protocol: string): string {
  return protocol.replace(/^TLSv/, 'TLS ');
}

function ago(ms: number): string {
  return `${days(ms)} ago`;
}

function days(ms: number): string {
  const count = Math.floor(ms / DAY_MS);
  if (count < 1) return 'less than a day';
  return count === 1 ? '1 day' : `${count} days`;
}
