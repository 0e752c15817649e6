import type { TlsReport, TlsVersion } from '../../../shared/contract/probe';
import { TLS_VERSIONS } from '../../../shared/contract/probe';
import { describeCertificate } from './certificate';
import type { ProbeContext } from './context';
import type { TlsAttempt } from './tls-attempt';
import type { TlsSurvey } from './tls-survey';

/** Joins Ferry's own handshake and the survey into what the user sees about TLS. */
export async function buildTlsReport(
  ferry: TlsAttempt,
  survey: TlsSurvey,
  context: ProbeContext,
  port: number,
): Promise<TlsReport> {
  const versions = { ...survey.versions };
  // Ferry's own handshake is first-hand evidence too (a survey attempt may have been limited).
  if (ferry.outcome === 'accepted' && isTlsVersion(ferry.protocol)) {
    versions[ferry.protocol] = 'accepted';
  }
  const report: TlsReport = { versions, weakCiphers: survey.weakCiphers };
  if (ferry.outcome === 'accepted') {
    if (ferry.protocol) report.protocol = ferry.protocol;
    if (ferry.cipher) report.cipher = ferry.cipher;
  }
  const source = ferry.outcome === 'accepted' && ferry.certificateDer ? ferry : survey.accepted;
  if (source?.certificateDer) {
    const certificate = describeCertificate({
      der: source.certificateDer,
      host: context.host,
      authorized: source.authorized === true,
      ...(source.authorizationError !== undefined
        ? { authorizationError: source.authorizationError }
        : {}),
      pinned: false,
    });
    certificate.pinned = context.isPinned
      ? await context.isPinned(context.host, port, certificate.fingerprint256).catch(() => false)
      : false;
    report.certificate = certificate;
  }
  return report;
}

function isTlsVersion(value: string | undefined): value is TlsVersion {
  return (TLS_VERSIONS as readonly (string | undefined)[]).includes(value);
}
