import { isIP } from 'node:net';
import {
  type ConnectionOptions,
  type SecureContext,
  type TLSSocket,
  createSecureContext,
  rootCertificates,
} from 'node:tls';
import { X509Certificate } from 'node:crypto';
import type { ConnectionParams } from '../../../shared/types';
import { certificateFactsOf } from './certificate-facts';
import type { CertificateFacts } from './connect-deps';

/**
 * How the server's certificate is to be checked:
 * - `authority`: by the system's certificate authorities (plus any extra CA given), the default;
 * - `fingerprint`: exactly this certificate and no other, after the user trusted it (or pinned it).
 */
export type CertificateCheck =
  { kind: 'authority' } | { kind: 'fingerprint'; fingerprint256: string };

/** Node's verification error codes that mean "the certificate is not vouched for", not "TLS broke". */
const VERIFICATION_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'CERT_CHAIN_TOO_LONG',
  'CERT_SIGNATURE_FAILURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
]);

export function isVerificationCode(code: string | undefined): code is string {
  return code !== undefined && VERIFICATION_CODES.has(code);
}

type MinTlsVersion = NonNullable<ConnectionParams['minTlsVersion']>;

/** Built contexts by minimum version and extra CAs; a handful at most (one per CA set in use). */
const contexts = new Map<string, SecureContext>();
const MAX_CONTEXTS = 8;

/**
 * One context per version range and CA set, shared by every connection that uses them (the
 * control connection, its data connections, reconnects and parallel transfer connections).
 * Built per socket from a `ca` list, Node would parse ~140 certificates each time: 20-65 ms per
 * data connection (8 KiB files over FTPS at 13/s instead of ~150/s). The context holds only trust
 * anchors and the versions; certificate checks and pins stay per connection. (Node ignores
 * minVersion/maxVersion given beside a secureContext: the versions must be in the context.)
 */
export function secureContextFor(
  minVersion: MinTlsVersion,
  extraCa: readonly string[],
  maxVersion?: MinTlsVersion,
  firstGroup?: string,
): SecureContext {
  const key = JSON.stringify([minVersion, maxVersion ?? '', firstGroup ?? '', ...extraCa]);
  const cached = contexts.get(key);
  if (cached) return cached;
  const settings: ContextSettings =
    maxVersion === undefined ? { minVersion } : { minVersion, maxVersion };
  if (firstGroup !== undefined) settings.ecdhCurve = groupsStartingWith(firstGroup);
  let context: SecureContext;
  try {
    context = withExtraAuthorities(settings, extraCa);
  } catch (error) {
    // A group this OpenSSL cannot offer is only a lost shortcut; kept under this key as well, so
    // later data connections do not try (and fail) again.
    if (firstGroup === undefined) throw error;
    context = secureContextFor(minVersion, extraCa, maxVersion);
  }
  if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value ?? '');
  contexts.set(key, context);
  return context;
}

/** What Node's native context offers to add one more trusted authority (PEM) in place. */
interface NativeContext {
  addCACert(pem: string): void;
}

function nativeContextOf(context: SecureContext): NativeContext | undefined {
  const native: unknown = (context as { context?: unknown }).context;
  const add: unknown =
    typeof native === 'object' && native !== null ? Reflect.get(native, 'addCACert') : undefined;
  return typeof add === 'function' ? (native as NativeContext) : undefined;
}

/** What a context is built from: the versions, and the key-exchange groups if not OpenSSL's. */
interface ContextSettings {
  minVersion: MinTlsVersion;
  maxVersion?: MinTlsVersion;
  /** The key-exchange groups offered, the first with a key share (TLS 1.3). */
  ecdhCurve?: string;
}

/** OpenSSL's default groups for clients, in its order. */
const DEFAULT_GROUPS = ['X25519', 'prime256v1', 'X448', 'secp521r1', 'secp384r1'];

/** The same groups as OpenSSL offers by default, `first` first (it gets the key share). */
function groupsStartingWith(first: string): string {
  return [first, ...DEFAULT_GROUPS.filter((group) => group !== first)].join(':');
}

/**
 * A context trusting Node's bundled authorities plus `extraCa`. Handing Node a `ca` list would
 * mean `[...rootCertificates, ...extraCa]`: ~140 PEM certificates parsed one by one, 20-45 ms of
 * CPU at every FTPS start with --ca or a site's own CA. Instead the context starts from the
 * bundled store (loaded natively, once per process) and the extra CAs go into this context's own
 * copy of it (Node copies the shared store before the first addition, so no other context, nor
 * Node's default, ever trusts them) — the same authorities as the list, without the parsing.
 */
function withExtraAuthorities(
  versions: ContextSettings,
  extraCa: readonly string[],
): SecureContext {
  if (extraCa.length === 0) return createSecureContext(versions);
  const context = createSecureContext(versions);
  const native = nativeContextOf(context);
  if (!native) return createSecureContext({ ...versions, ca: [...rootCertificates, ...extraCa] });
  for (const pem of extraCa) native.addCACert(pem);
  return context;
}

/**
 * TLS options for the control connection; basic-ftp reuses them for every data connection.
 * Extra CAs are added to Node's bundled authorities, never in place of verification.
 */
export function tlsOptionsFor(
  params: ConnectionParams,
  check: CertificateCheck,
  extraCa: readonly string[] = [],
  maxVersion?: MinTlsVersion,
  firstGroup?: string,
): ConnectionOptions {
  const minVersion = params.minTlsVersion ?? 'TLSv1.2';
  const secureContext = secureContextFor(minVersion, extraCa, maxVersion, firstGroup);
  const options: ConnectionOptions = { host: params.host, minVersion, secureContext };
  if (maxVersion !== undefined) options.maxVersion = maxVersion;
  // SNI carries host names only (RFC 6066); Node warns when given an IP address.
  if (isIP(params.host) === 0) options.servername = params.host;
  if (check.kind === 'fingerprint') {
    // The user trusted this exact certificate although no authority vouches for it (self-signed,
    // expired, another name). Node cannot be told "accept fingerprint X" ahead of its own verdict,
    // so that verdict is not fatal here; instead every socket is checked against X before anything
    // is sent on it (presentsExpectedCertificate, used by ftp-connect.ts and ftp-data-guard.ts).
    options.rejectUnauthorized = false;
  }
  return options;
}

/**
 * TLS options for the data connections of a control connection that negotiated `negotiated`.
 * After a TLS 1.2 login, data connections offer TLS 1.2 only: they resume the login's session
 * (servers such as vsftpd with require_ssl_reuse insist), and a resumed session keeps its
 * version, so offering TLS 1.3 as well only cost an X25519 key share per connection (~15% of the
 * CPU time of an 8 KiB download). Elsewhere data connections get exactly the login's version,
 * which is the one Ferry shows. After a TLS 1.3 login nothing changes.
 */
export function dataTlsOptionsFor(
  params: ConnectionParams,
  check: CertificateCheck,
  extraCa: readonly string[],
  negotiated: string | null,
  keyGroup?: string,
): ConnectionOptions {
  const capped = negotiated === 'TLSv1.2' && (params.minTlsVersion ?? 'TLSv1.2') === 'TLSv1.2';
  // A TLS 1.3 resumption still agrees on a key, in the group the server picks; a key share in
  // another group (OpenSSL's X25519 where vsftpd only takes P-256) costs a HelloRetryRequest:
  // a second hello, a round trip and a second key per data connection. The login's group,
  // which the server just picked, leads instead; the other groups stay offered.
  const group =
    negotiated === 'TLSv1.3' && keyGroup !== undefined && /^[\w-]{1,32}$/.test(keyGroup)
      ? keyGroup
      : undefined;
  const options = tlsOptionsFor(params, check, extraCa, capped ? 'TLSv1.2' : undefined, group);
  // Node's check stays on here, even for a trusted fingerprint: data connections resume the
  // login's session without its certificate (ftp-tls-session.ts), which that check refuses, so
  // DataChannelGuard turns it off on the connections it verifies itself, before any byte is used
  // (the session resumed — only the verified server holds its keys — or exactly the login's
  // certificate). A data connection opened without the guard is refused by Node.
  delete options.rejectUnauthorized;
  return options;
}

/**
 * Whether a finished TLS handshake proves the server is the one the user trusts: a resumed
 * session proves it (only the holder of our control connection's session keys can resume it);
 * otherwise the certificate must be exactly the expected one.
 */
export function presentsExpectedCertificate(socket: TLSSocket, fingerprint256: string): boolean {
  if (socket.isSessionReused()) return true;
  return socket.getPeerCertificate().fingerprint256 === fingerprint256;
}

/** What a user needs to see to decide about the certificate on `socket`. */
export function certificateFacts(socket: TLSSocket): CertificateFacts | undefined {
  const raw = socket.getPeerCertificate().raw as Buffer | undefined;
  if (!raw || raw.length === 0) return undefined;
  return certificateFactsOf(new X509Certificate(raw));
}

/** Why the system did not trust the certificate, in words for the trust dialog. */
export function untrustedReason(code: string, facts: CertificateFacts, host: string): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'The certificate is self-signed: no certificate authority vouches for this server.';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_UNTRUSTED':
      return `The certificate was issued by "${facts.issuer}", an authority this computer does not know.`;
    case 'CERT_HAS_EXPIRED':
      return `The certificate expired on ${facts.validTo.slice(0, 10)}.`;
    case 'CERT_NOT_YET_VALID':
      return `The certificate is not valid before ${facts.validFrom.slice(0, 10)}.`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH': {
      const names = facts.subjectAltNames.join(', ') || facts.subject;
      return `The certificate is for ${names}, not for "${host}".`;
    }
    default:
      return `The certificate could not be verified (${code}).`;
  }
}
