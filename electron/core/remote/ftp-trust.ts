import { FerryError } from '../../../shared/errors';
import type { CertPins } from '../trust/cert-pins';
import type { ConnectDeps } from './connect-deps';
import { CertificateNotVouched, type FtpOpenRequest, type OpenedFtp, openFtp } from './ftp-connect';
import { fetchCertificate } from './ftp-probe';
import { type CertificateCheck, untrustedReason } from './ftp-tls';

export interface TrustedOpen {
  opened: OpenedFtp;
  /** The check that succeeded; reconnects of this session reuse it without asking again. */
  check: CertificateCheck;
}

/**
 * Connects; when no authority vouches for the certificate, shows it to the user (unless it is
 * pinned for this host:port) and, if trusted, connects again accepting exactly that certificate.
 */
export async function openWithTrust(
  request: Omit<FtpOpenRequest, 'check'>,
  deps: ConnectDeps,
  pins: CertPins | undefined,
): Promise<TrustedOpen> {
  const check: CertificateCheck = { kind: 'authority' };
  try {
    return { opened: await openFtp({ ...request, check }), check };
  } catch (error) {
    if (!(error instanceof CertificateNotVouched)) throw error;
    const { host, port } = request.params;
    const implicit = request.params.protocol === 'ftps-implicit';
    const facts = await fetchCertificate(
      { host, port },
      implicit,
      request.timeoutMs,
      request.params.proxy,
    );
    if (!facts) {
      throw new FerryError(
        'certificate_untrusted',
        `${host} presented a certificate this computer does not trust (${error.verificationCode}).`,
        'Ferry could not read the certificate to show it to you. Try again, or ask the server administrator.',
        { cause: error },
      );
    }
    deps.log.write(
      'info',
      `Certificate not vouched for (${error.verificationCode}): ${facts.subject}`,
    );
    const pinned = (await pins?.isPinned(host, port, facts.fingerprint256)) === true;
    if (!pinned) {
      const reason = untrustedReason(error.verificationCode, facts, host);
      const decision = await deps.trust.checkCertificate(host, port, facts, reason);
      if (decision !== 'trusted') {
        throw new FerryError(
          'trust_declined',
          `You chose not to trust the certificate of ${host}.`,
          'Nothing was sent to the server. Connect again if you change your mind.',
        );
      }
    }
    deps.log.write('info', `Accepting exactly the certificate ${facts.fingerprint256}`);
    const trusted: CertificateCheck = { kind: 'fingerprint', fingerprint256: facts.fingerprint256 };
    return { opened: await openFtp({ ...request, check: trusted }), check: trusted };
  }
}
