import {
  TLS_VERSIONS,
  WEAK_CIPHER_CLASSES,
  type Acceptance,
  type ProbeEndpoint,
  type TlsReport,
  type WeakCipherClass,
} from '../../../shared/contract/probe';
import type { ReactNode } from 'react';

const VERSION_LABEL = {
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
};
const CLASS_LABEL: Record<WeakCipherClass, string> = {
  cbc: 'CBC ciphers',
  'no-forward-secrecy': 'No forward secrecy',
  anonymous: 'Anonymous ciphers',
  null: 'No encryption (NULL)',
};
const ACCEPTANCE_LABEL: Record<Acceptance, string> = {
  accepted: 'accepted',
  refused: 'refused',
  unknown: 'not known',
};

/** The facts behind a card's grade, folded away for those who want them. */
export function EndpointDetails({ endpoint }: { endpoint: ProbeEndpoint }) {
  const { ssh, ftp, tls } = endpoint;
  if (!ssh && !ftp && !tls) return null;
  return (
    <details className="probe-details">
      <summary>Details</summary>
      <dl className="facts">
        {ssh && (
          <>
            <dt>Server</dt>
            <dd>{ssh.version}</dd>
            {ssh.hostKeys.map((key) => (
              <Fact key={key.fingerprint} term={`Host key (${key.type})`}>
                <span className="fingerprint">{key.fingerprint}</span>
              </Fact>
            ))}
            <Fact term="Key exchange">{ssh.kex.join(', ')}</Fact>
            <Fact term="Host key types">{ssh.hostKeyAlgorithms.join(', ')}</Fact>
            <Fact term="Ciphers">{ssh.ciphers.join(', ')}</Fact>
            <Fact term="MACs">{ssh.macs.join(', ')}</Fact>
          </>
        )}
        {ftp && (
          <>
            <Fact term="Greeting">{ftp.banner.split('\n')[0]}</Fact>
            {endpoint.service !== 'ftps-implicit' && (
              <>
                <Fact term="AUTH TLS">{ftp.authTls ? 'works' : 'not offered'}</Fact>
                <Fact term="Login before TLS">{loginWords(ftp.loginWithoutTls)}</Fact>
              </>
            )}
          </>
        )}
        {tls && <TlsFacts tls={tls} />}
      </dl>
    </details>
  );
}

function TlsFacts({ tls }: { tls: TlsReport }) {
  const cert = tls.certificate;
  const weak = WEAK_CIPHER_CLASSES.filter((c) => tls.weakCiphers[c] === 'accepted');
  return (
    <>
      {TLS_VERSIONS.map((version) => (
        <Fact key={version} term={VERSION_LABEL[version]}>
          {ACCEPTANCE_LABEL[tls.versions[version]]}
        </Fact>
      ))}
      {tls.protocol && (
        <Fact term="Ferry's connection">
          {VERSION_LABEL[tls.protocol as keyof typeof VERSION_LABEL] ?? tls.protocol}, {tls.cipher}
        </Fact>
      )}
      <Fact term="Weak cipher kinds">
        {weak.length > 0 ? weak.map((c) => CLASS_LABEL[c]).join(', ') : 'none accepted'}
      </Fact>
      {cert && (
        <>
          <Fact term="Certificate for">{cert.subject}</Fact>
          <Fact term="Names">{cert.subjectAltNames.join(', ') || 'none'}</Fact>
          <Fact term="Issued by">{cert.issuer}</Fact>
          <Fact term="Valid">
            {cert.validFrom.slice(0, 10)} to {cert.validTo.slice(0, 10)}
          </Fact>
          <Fact term="Key">
            {cert.keyType}
            {cert.keyBits ? ` ${cert.keyBits}-bit` : cert.curve ? ` ${cert.curve}` : ''}
            {cert.signatureAlgorithm ? `, signed with ${cert.signatureAlgorithm}` : ''}
          </Fact>
          <Fact term="Trusted">
            {cert.trusted ? 'yes, by this computer' : (cert.trustProblem ?? 'no')}
            {cert.pinned ? ' (you trusted this certificate in Ferry)' : ''}
          </Fact>
          <Fact term="SHA-256">
            <span className="fingerprint">{cert.fingerprint256}</span>
          </Fact>
        </>
      )}
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function loginWords(login: 'allowed' | 'refused' | 'unknown'): string {
  if (login === 'allowed') return 'accepted — a password could travel in clear text';
  if (login === 'refused') return 'refused until TLS is on';
  return 'not known';
}
