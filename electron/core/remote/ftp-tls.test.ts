import { describe, expect, it, vi } from 'vitest';
import type { CertificateFacts } from './connect-deps';
import {
  dataTlsOptionsFor,
  isVerificationCode,
  secureContextFor,
  tlsOptionsFor,
  untrustedReason,
} from './ftp-tls';

/** Node's own createSecureContext, counted: contexts are meant to be built once per key. */
const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:tls', async (original) => {
  const tls = await original<typeof import('node:tls')>();
  const createSecureContext: typeof tls.createSecureContext = (options) => {
    built.count += 1;
    return tls.createSecureContext(options);
  };
  return { ...tls, default: { ...tls, createSecureContext }, createSecureContext };
});

const facts: CertificateFacts = {
  subject: 'O=Example, CN=ftp.example.org',
  issuer: 'CN=Example Private CA',
  subjectAltNames: ['DNS:ftp.example.org', 'DNS:files.example.org'],
  validFrom: '2025-01-01T00:00:00.000Z',
  validTo: '2026-01-01T00:00:00.000Z',
  fingerprint256: 'AB:CD',
};

describe('untrustedReason', () => {
  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed'],
    [
      'SELF_SIGNED_CERT_IN_CHAIN',
      '"CN=Example Private CA", an authority this computer does not know',
    ],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'an authority this computer does not know'],
    ['CERT_HAS_EXPIRED', 'expired on 2026-01-01'],
    ['CERT_NOT_YET_VALID', 'not valid before 2025-01-01'],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'for DNS:ftp.example.org, DNS:files.example.org, not for "10.0.0.5"',
    ],
    ['INVALID_PURPOSE', 'could not be verified (INVALID_PURPOSE)'],
  ])('%s', (code, words) => {
    expect(untrustedReason(code, facts, '10.0.0.5')).toContain(words);
  });
});

describe('isVerificationCode', () => {
  it('tells certificate verdicts from broken TLS', () => {
    expect(isVerificationCode('CERT_HAS_EXPIRED')).toBe(true);
    expect(isVerificationCode('ERR_SSL_WRONG_VERSION_NUMBER')).toBe(false);
    expect(isVerificationCode(undefined)).toBe(false);
  });
});

describe('tlsOptionsFor', () => {
  const params = {
    protocol: 'ftps-explicit' as const,
    host: 'ftp.example.org',
    port: 21,
    user: 'u',
  };

  it('verifies by default, with SNI for host names and none for IP addresses', () => {
    const options = tlsOptionsFor(params, { kind: 'authority' });
    expect(options.rejectUnauthorized).toBeUndefined();
    expect(options).toMatchObject({ servername: 'ftp.example.org', minVersion: 'TLSv1.2' });
    expect(options.secureContext).toBeDefined();
    expect(
      tlsOptionsFor({ ...params, host: '127.0.0.1' }, { kind: 'authority' }).servername,
    ).toBeUndefined();
  });

  it('accepts any certificate only in fingerprint mode (checked per socket elsewhere)', () => {
    const pinned = tlsOptionsFor(params, { kind: 'fingerprint', fingerprint256: 'AB' });
    expect(pinned.rejectUnauthorized).toBe(false);
  });

  it("keeps Node's check on data connections: only DataChannelGuard may turn it off", () => {
    for (const check of [
      { kind: 'authority' as const },
      { kind: 'fingerprint' as const, fingerprint256: 'AB' },
    ]) {
      for (const negotiated of ['TLSv1.2', 'TLSv1.3']) {
        const options = dataTlsOptionsFor(params, check, [], negotiated);
        expect(options.rejectUnauthorized).toBeUndefined();
      }
    }
  });

  it('builds one secure context per CA set and reuses it, never a per-socket CA list', () => {
    const first = tlsOptionsFor(params, { kind: 'authority' }, ['PEM A']);
    const again = tlsOptionsFor({ ...params, host: 'other.example.org' }, { kind: 'authority' }, [
      'PEM A',
    ]);
    // A `ca` option would make Node rebuild a context (~140 certificates) for every socket.
    expect(first.ca).toBeUndefined();
    expect(again.secureContext).toBe(first.secureContext);
    expect(tlsOptionsFor(params, { kind: 'authority' }, ['PEM B']).secureContext).not.toBe(
      first.secureContext,
    );
    expect(secureContextFor('TLSv1.3', ['PEM A'])).not.toBe(first.secureContext);
    expect(secureContextFor('TLSv1.2', ['PEM A'])).toBe(first.secureContext);
  });

  it('honours a stricter minimum TLS version', () => {
    expect(
      tlsOptionsFor({ ...params, minTlsVersion: 'TLSv1.3' }, { kind: 'authority' }),
    ).toMatchObject({ minVersion: 'TLSv1.3' });
  });
});

describe('dataTlsOptionsFor', () => {
  const params = { protocol: 'ftps-explicit' as const, host: '127.0.0.1', port: 21, user: 'u' };

  it('offers data connections only the TLS 1.2 of a TLS 1.2 login, never less', () => {
    const capped = dataTlsOptionsFor(params, { kind: 'authority' }, [], 'TLSv1.2');
    expect(capped).toMatchObject({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    expect(capped.secureContext).toBe(secureContextFor('TLSv1.2', [], 'TLSv1.2'));
    expect(capped.secureContext).not.toBe(secureContextFor('TLSv1.2', []));
  });

  it("offers data connections of a TLS 1.3 login a key share in the login's group first", () => {
    const led = dataTlsOptionsFor(params, { kind: 'authority' }, [], 'TLSv1.3', 'prime256v1');
    expect(led.maxVersion).toBeUndefined();
    expect(led.secureContext).toBe(secureContextFor('TLSv1.2', [], undefined, 'prime256v1'));
    expect(led.secureContext).not.toBe(secureContextFor('TLSv1.2', []));
    // Not after a TLS 1.2 login (a resumed session agrees on no key), nor for odd names.
    const capped = dataTlsOptionsFor(params, { kind: 'authority' }, [], 'TLSv1.2', 'prime256v1');
    expect(capped.secureContext).toBe(secureContextFor('TLSv1.2', [], 'TLSv1.2'));
    const odd = dataTlsOptionsFor(params, { kind: 'authority' }, [], 'TLSv1.3', 'P-256:X448');
    expect(odd.secureContext).toBe(secureContextFor('TLSv1.2', []));
    const unknown = dataTlsOptionsFor(params, { kind: 'authority' }, [], 'TLSv1.3', 'nosuch');
    expect(unknown.secureContext).toBe(secureContextFor('TLSv1.2', []));
  });

  it('tries a key-share group this OpenSSL lacks once, then keeps the context without it', () => {
    const fallback = secureContextFor('TLSv1.2', [], undefined, 'no-such-group');
    const before = built.count;
    expect(secureContextFor('TLSv1.2', [], undefined, 'no-such-group')).toBe(fallback);
    expect(built.count).toBe(before);
  });

  it('leaves data connections of a TLS 1.3 login as they are', () => {
    const open = dataTlsOptionsFor(params, { kind: 'authority' }, [], 'TLSv1.3');
    expect(open.maxVersion).toBeUndefined();
    expect(open.secureContext).toBe(secureContextFor('TLSv1.2', []));
  });
});
