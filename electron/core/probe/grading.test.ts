/** Table-driven: what the check says about SSH, TLS and FTP offers, and the grade that follows. */
import { describe, expect, it } from 'vitest';
import type {
  CertificateReport,
  Grade,
  SshReport,
  TlsReport,
} from '../../../shared/contract/probe';
import { gradeOf } from './assessment';
import { openEndpoint } from './endpoint';
import { assessSsh } from './grade-ssh';
import { assessTls } from './grade-tls';

const NOW = new Date('2026-11-26T12:00:00Z');

/** What OpenSSH 9.2 on Debian 12 offers by default. */
const MODERN_SSH: SshReport = {
  version: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10',
  kex: ['sntrup761x25519-sha512@openssh.com', 'curve25519-sha256', 'kex-strict-s-v00@openssh.com'],
  hostKeyAlgorithms: ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-ed25519'],
  ciphers: ['chacha20-poly1305@openssh.com', 'aes128-ctr', 'aes256-gcm@openssh.com'],
  macs: ['umac-64-etm@openssh.com', 'hmac-sha2-256-etm@openssh.com', 'hmac-sha1'],
  compression: ['none'],
  hostKeys: [{ type: 'ssh-ed25519', fingerprint: 'SHA256:x', bits: 256, trust: 'unknown' }],
};

describe('SSH grading', () => {
  const cases: { name: string; change: Partial<SshReport>; grade: Grade; reason?: string }[] = [
    { name: 'a current OpenSSH', change: {}, grade: 'A' },
    {
      name: 'ssh-rsa with SHA-1',
      change: { hostKeyAlgorithms: ['ssh-ed25519', 'ssh-rsa'] },
      grade: 'B',
      reason: 'offers ssh-rsa with SHA-1 signatures',
    },
    {
      name: 'CBC ciphers',
      change: { ciphers: ['aes128-ctr', 'aes256-cbc'] },
      grade: 'B',
      reason: 'CBC ciphers offered',
    },
    {
      name: '3DES',
      change: { ciphers: ['aes128-ctr', '3des-cbc'] },
      grade: 'C',
      reason: 'offers 64-bit block ciphers (3DES, Blowfish or CAST)',
    },
    {
      name: 'RC4',
      change: { ciphers: ['arcfour256'] },
      grade: 'C',
      reason: 'offers RC4 (arcfour) ciphers',
    },
    {
      name: '1024-bit key exchange',
      change: {
        kex: ['curve25519-sha256', 'diffie-hellman-group1-sha1', 'kex-strict-s-v00@openssh.com'],
      },
      grade: 'C',
      reason: 'offers 1024-bit key exchange (diffie-hellman-group1-sha1)',
    },
    {
      name: 'SHA-1 key exchange',
      change: { kex: ['diffie-hellman-group14-sha1', 'kex-strict-s-v00@openssh.com'] },
      grade: 'B',
      reason: 'offers key exchange with SHA-1',
    },
    {
      name: 'DSA host keys',
      change: { hostKeyAlgorithms: ['ssh-dss', 'ssh-ed25519'] },
      grade: 'D',
      reason: 'offers DSA host keys (ssh-dss), which are broken',
    },
    {
      name: 'a short RSA host key',
      change: {
        hostKeys: [{ type: 'ssh-rsa', fingerprint: 'SHA256:r', bits: 1024, trust: 'unknown' }],
      },
      grade: 'C',
      reason: 'its RSA host key is only 1024 bits (2048 or more is safe)',
    },
    {
      name: 'MD5 MACs',
      change: { macs: ['hmac-md5', 'hmac-sha2-256'] },
      grade: 'C',
      reason: 'offers MD5 message authentication',
    },
    {
      name: 'no strict key exchange with ChaCha20 (Terrapin)',
      change: { kex: ['curve25519-sha256'] },
      grade: 'B',
      reason: 'open to the Terrapin attack (CVE-2023-48795): the SSH server needs an update',
    },
    {
      name: 'cipher none',
      change: { ciphers: ['aes128-ctr', 'none'] },
      grade: 'F',
      reason: 'offers no encryption at all (cipher "none")',
    },
    {
      name: 'SSH-1 still allowed',
      change: { version: 'SSH-1.99-OldServer' },
      grade: 'D',
      reason: 'still allows the broken SSH-1 protocol',
    },
    {
      name: 'a host key other than the trusted one',
      change: { hostKeys: [{ type: 'ssh-ed25519', fingerprint: 'SHA256:y', trust: 'changed' }] },
      grade: 'F',
      reason:
        'its host key differs from the one you trusted before — someone may be intercepting the connection',
    },
  ];
  it.each(cases)('$name → $grade', ({ change, grade, reason }) => {
    const assessment = assessSsh({ ...MODERN_SSH, ...change }, true);
    expect(gradeOf(assessment.reasons)).toBe(grade);
    if (reason) expect(assessment.reasons.map((r) => r.text)).toContain(reason);
    else expect(assessment.reasons).toEqual([]);
  });

  it('says whether Ferry already trusts each host key', () => {
    const trusted = assessSsh(
      {
        ...MODERN_SSH,
        hostKeys: [{ type: 'ssh-ed25519', fingerprint: 'SHA256:x', trust: 'match' }],
      },
      true,
    );
    expect(trusted.notes).toContain('Host key ssh-ed25519 SHA256:x — already trusted by Ferry.');
  });

  it('marks down a server Ferry cannot complete key exchange with', () => {
    const assessment = assessSsh({ ...MODERN_SSH, hostKeys: [] }, false);
    expect(gradeOf(assessment.reasons)).toBe('D');
  });
});

const GOOD_CERT: CertificateReport = {
  subject: 'CN=files.example.com',
  issuer: 'CN=Example CA',
  subjectAltNames: ['DNS:files.example.com'],
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
  fingerprint256: 'AA:BB',
  keyType: 'rsa',
  keyBits: 2048,
  signatureAlgorithm: 'sha256WithRSAEncryption',
  selfSigned: false,
  hostnameMatches: true,
  trusted: true,
  pinned: false,
};

const MODERN_TLS: TlsReport = {
  versions: {
    TLSv1: 'refused',
    'TLSv1.1': 'refused',
    'TLSv1.2': 'accepted',
    'TLSv1.3': 'accepted',
  },
  protocol: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  weakCiphers: {
    cbc: 'refused',
    'no-forward-secrecy': 'refused',
    anonymous: 'refused',
    null: 'refused',
  },
  certificate: GOOD_CERT,
};

describe('TLS grading', () => {
  const cases: {
    name: string;
    tls?: Partial<TlsReport>;
    cert?: Partial<CertificateReport>;
    grade: Grade;
    reason?: string;
  }[] = [
    { name: 'TLS 1.2 and 1.3, AEAD only, a trusted certificate', grade: 'A' },
    {
      name: 'TLS 1.0 accepted',
      tls: { versions: { ...MODERN_TLS.versions, TLSv1: 'accepted' } },
      grade: 'C',
      reason: 'accepts TLS 1.0',
    },
    {
      name: 'TLS 1.1 accepted',
      tls: { versions: { ...MODERN_TLS.versions, 'TLSv1.1': 'accepted' } },
      grade: 'C',
      reason: 'accepts TLS 1.1',
    },
    {
      name: 'nothing newer than TLS 1.1',
      tls: {
        versions: {
          TLSv1: 'accepted',
          'TLSv1.1': 'accepted',
          'TLSv1.2': 'refused',
          'TLSv1.3': 'refused',
        },
      },
      grade: 'D',
      reason: 'offers no modern TLS (1.2 or 1.3)',
    },
    {
      name: 'CBC ciphers',
      tls: { weakCiphers: { ...MODERN_TLS.weakCiphers, cbc: 'accepted' } },
      grade: 'B',
      reason: 'CBC ciphers offered',
    },
    {
      name: 'anonymous ciphers',
      tls: { weakCiphers: { ...MODERN_TLS.weakCiphers, anonymous: 'accepted' } },
      grade: 'D',
      reason: 'accepts anonymous ciphers that skip the certificate, so a client could be fooled',
    },
    {
      name: 'NULL ciphers',
      tls: { weakCiphers: { ...MODERN_TLS.weakCiphers, null: 'accepted' } },
      grade: 'F',
      reason: 'accepts ciphers that do not encrypt at all (NULL)',
    },
    {
      name: 'an expired certificate',
      cert: { validTo: '2026-11-23T10:00:00.000Z', trusted: false },
      grade: 'D',
      reason: 'certificate expired 3 days ago',
    },
    {
      name: 'a certificate valid only from next year',
      cert: { validFrom: '2027-02-01T00:00:00.000Z', trusted: false },
      grade: 'D',
      reason: 'certificate is not valid until 2027-02-01',
    },
    {
      name: 'a self-signed certificate',
      cert: { selfSigned: true, trusted: false },
      grade: 'B',
      reason: 'self-signed certificate: compare its fingerprint with the administrator’s',
    },
    {
      name: 'an unknown authority',
      cert: { trusted: false },
      grade: 'B',
      reason: 'certificate is signed by an authority this computer does not trust',
    },
    {
      name: 'another host name',
      cert: { hostnameMatches: false },
      grade: 'C',
      reason: 'certificate is made out to another name (DNS:files.example.com)',
    },
    {
      name: 'a 1024-bit RSA key',
      cert: { keyBits: 1024 },
      grade: 'C',
      reason: 'certificate key is only 1024-bit RSA (2048 or more is safe)',
    },
    {
      name: 'a SHA-1 signature',
      cert: { signatureAlgorithm: 'sha1WithRSAEncryption' },
      grade: 'C',
      reason: 'certificate is signed with a broken hash (sha1WithRSAEncryption)',
    },
  ];
  it.each(cases)('$name → $grade', ({ tls, cert, grade, reason }) => {
    const report = { ...MODERN_TLS, ...tls, certificate: { ...GOOD_CERT, ...cert } };
    const assessment = assessTls(report, true, NOW);
    expect(gradeOf(assessment.reasons)).toBe(grade);
    if (reason) expect(assessment.reasons.map((r) => r.text)).toContain(reason);
    else expect(assessment.reasons).toEqual([]);
  });

  it('notes a certificate about to expire without marking the server down', () => {
    const soon = {
      ...MODERN_TLS,
      certificate: { ...GOOD_CERT, validTo: '2026-12-01T12:00:00.000Z' },
    };
    const assessment = assessTls(soon, true, NOW);
    expect(gradeOf(assessment.reasons)).toBe('A');
    expect(assessment.notes).toContain('The certificate expires in 5 days.');
  });
});

describe('FTP grading', () => {
  const tls = { ...MODERN_TLS };
  it('plain FTP is an F: login without encryption', () => {
    const endpoint = openEndpoint(
      21,
      {
        service: 'ftp',
        usable: true,
        ftp: { banner: '220 hi', authTls: false, loginWithoutTls: 'allowed' },
      },
      5,
      NOW,
    );
    expect(endpoint.grade).toBe('F');
    expect(endpoint.reasons[0]?.text).toBe(
      'plain FTP allows login without encryption: passwords and files travel in clear text',
    );
  });

  it('explicit FTPS that takes a login before TLS is marked down', () => {
    const endpoint = openEndpoint(
      21,
      {
        service: 'ftps-explicit',
        usable: true,
        ftp: { banner: '220 hi', authTls: true, loginWithoutTls: 'allowed' },
        tls,
      },
      5,
      NOW,
    );
    expect(endpoint.grade).toBe('C');
    expect(endpoint.reasons.map((r) => r.text)).toEqual([
      'allows login without encryption: a client that skips TLS sends the password in clear',
    ]);
  });

  it('explicit FTPS that insists on TLS first gets an A and says so', () => {
    const endpoint = openEndpoint(
      21,
      {
        service: 'ftps-explicit',
        usable: true,
        ftp: { banner: '220 hi', authTls: true, loginWithoutTls: 'refused' },
        tls,
      },
      5,
      NOW,
    );
    expect(endpoint.grade).toBe('A');
    expect(endpoint.notes).toContain('Refuses logins until the connection is encrypted.');
  });

  it('lists reasons worst first', () => {
    const endpoint = openEndpoint(
      21,
      {
        service: 'ftps-explicit',
        usable: true,
        ftp: { banner: '220 hi', authTls: true, loginWithoutTls: 'refused' },
        tls: {
          ...tls,
          weakCiphers: { ...tls.weakCiphers, cbc: 'accepted', anonymous: 'accepted' },
          versions: { ...tls.versions, TLSv1: 'accepted' },
        },
      },
      5,
      NOW,
    );
    expect(endpoint.reasons.map((r) => r.caps)).toEqual(['D', 'C', 'B']);
  });
});
