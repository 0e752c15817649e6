import { FerryError } from '../../shared/errors';
import type { CertificateFacts, HostKeyContext, TrustDecider } from '../core/remote/connect-deps';
import { hostKeyChanged } from '../core/remote/sessions-trust';
import { normaliseFingerprint256, type CertPins } from '../core/trust/cert-pins';
import type { KnownHosts } from '../core/trust/known-hosts';
import { promptYesNo } from './prompt';

export interface CliTrustOptions {
  knownHosts: KnownHosts;
  pins: CertPins;
  /** Trust an unknown host key on first use and save it (never a changed one). */
  acceptNewHostKey: boolean;
  /** A certificate fingerprint the user vouches for (--trust-cert). */
  trustCert?: string;
  /** A person at a terminal can be asked. */
  interactive: boolean;
  say: (line: string) => void;
}

/**
 * The command line's trust policy: Ferry's saved keys and pinned certificates pass; a changed
 * host key is refused; anything new is asked about on a terminal, accepted with an explicit flag,
 * or refused (exit code 4) with the fingerprint to check.
 */
export function cliTrust(options: CliTrustOptions): TrustDecider {
  // Parallel connections of one run are held to what the first one accepted.
  const acceptedKeys = new Set<string>();
  const acceptedCerts = new Set<string>();
  return {
    async checkHostKey(host, port, keyType, fingerprint, _signal, about) {
      const id = `${host}:${port} ${keyType} ${fingerprint}`;
      if (acceptedKeys.has(id)) return 'trusted';
      const status = await options.knownHosts.lookup(host, port, keyType, fingerprint);
      if (status === 'changed') throw hostKeyChanged(host, port, keyType, fingerprint);
      if (status === 'unknown') {
        const trusted =
          options.acceptNewHostKey ||
          (options.interactive &&
            (await promptYesNo(
              `${host}:${port}${jumpWords(about)} is not known yet. Its ${keyType} key has the fingerprint\n` +
                `  ${fingerprint}\nTrust it and remember it? [y/N] `,
            )));
        if (!trusted) throw unknownHostKey(host, port, keyType, fingerprint);
        await options.knownHosts.add(host, port, keyType, fingerprint);
        options.say(`Trusted and saved the host key of ${host}:${port}: ${keyType} ${fingerprint}`);
      }
      acceptedKeys.add(id);
      return 'trusted';
    },
    async checkCertificate(host, port, cert, reason) {
      const wanted = options.trustCert && normaliseFingerprint256(options.trustCert);
      if (acceptedCerts.has(cert.fingerprint256) || wanted === cert.fingerprint256) {
        acceptedCerts.add(cert.fingerprint256);
        return 'trusted';
      }
      if (await options.pins.isPinned(host, port, cert.fingerprint256)) return 'trusted';
      if (
        options.interactive &&
        (await promptYesNo(
          `${describeCertificate(host, port, cert, reason)}\nTrust it for this run? [y/N] `,
        ))
      ) {
        acceptedCerts.add(cert.fingerprint256);
        return 'trusted';
      }
      throw untrustedCertificate(host, port, cert, reason);
    },
  };
}

function unknownHostKey(host: string, port: number, keyType: string, fingerprint: string) {
  return new FerryError(
    'host_key_unknown',
    `${host}:${port} is not a known server. Its ${keyType} key has the fingerprint ${fingerprint}.`,
    'Compare the fingerprint with the one the server administrator gives you, then run again ' +
      'with --accept-new-host-key to trust and remember it.',
  );
}

function describeCertificate(host: string, port: number, cert: CertificateFacts, reason: string) {
  return (
    `${host}:${port} presented a certificate this computer does not trust. ${reason}\n` +
    `  subject: ${cert.subject}\n  issuer:  ${cert.issuer}\n` +
    `  valid:   ${cert.validFrom} to ${cert.validTo}\n  SHA-256: ${cert.fingerprint256}`
  );
}

function untrustedCertificate(host: string, port: number, cert: CertificateFacts, reason: string) {
  return new FerryError(
    'certificate_untrusted',
    `${host}:${port} presented a certificate this computer does not trust. ${reason} ` +
      `Its SHA-256 fingerprint is ${cert.fingerprint256}.`,
    'Pass the certificate authority with --ca FILE, or, after checking the fingerprint with the ' +
      'server administrator, --trust-cert <SHA-256>.',
  );
}

/** " (the SSH jump host to files.corp:22)", when the key is a jump host's. */
function jumpWords(about: HostKeyContext | undefined): string {
  return about?.jumpHostFor === undefined ? '' : ` (the SSH jump host to ${about.jumpHostFor})`;
}
