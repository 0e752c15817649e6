import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { CertificateReport } from '../../../shared/contract/probe';
import { certificateFactsOf } from '../remote/certificate-facts';
import { signatureAlgorithmOf } from './cert-signature';

export interface CertificateInput {
  der: Buffer;
  /** The host the user typed (the certificate must name it). */
  host: string;
  authorized: boolean;
  authorizationError?: string;
  pinned: boolean;
}

/** Everything the check says about one server certificate. */
export function describeCertificate(input: CertificateInput): CertificateReport {
  const x509 = new X509Certificate(input.der);
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails;
  const report: CertificateReport = {
    ...certificateFactsOf(x509),
    keyType: key.asymmetricKeyType ?? 'unknown',
    selfSigned: isSelfSigned(x509),
    hostnameMatches: namesHost(x509, input.host),
    trusted: input.authorized,
    pinned: input.pinned,
  };
  if (details?.modulusLength !== undefined) report.keyBits = details.modulusLength;
  if (details?.namedCurve !== undefined) report.curve = details.namedCurve;
  const signature = signatureAlgorithmOf(input.der);
  if (signature !== undefined) report.signatureAlgorithm = signature;
  if (!input.authorized) report.trustProblem = trustProblem(input.authorizationError);
  return report;
}

function isSelfSigned(x509: X509Certificate): boolean {
  try {
    return x509.checkIssued(x509) && x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}

function namesHost(x509: X509Certificate, host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return isIP(bare) !== 0 ? x509.checkIP(bare) !== undefined : x509.checkHost(bare) !== undefined;
}

/** Node's verification codes in plain words. */
function trustProblem(code: string | undefined): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'The certificate is self-signed: no authority vouches for it.';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return 'The certificate is signed by an authority this computer does not know.';
    case 'CERT_HAS_EXPIRED':
      return 'The certificate has expired.';
    case 'CERT_NOT_YET_VALID':
      return 'The certificate is not valid yet.';
    case 'CERT_REVOKED':
      return 'The certificate was revoked by its authority.';
    default:
      return `This computer does not trust the certificate (${code ?? 'no reason given'}).`;
  }
}
