/**
 * The TLS session that FTPS data connections resume, without the server's certificate in it.
 *
 * Node hands a session to a new connection as OpenSSL's DER encoding (SSL_SESSION_ASN1), which
 * carries the server's certificate; OpenSSL 3.0 parses that certificate again for every data
 * connection (its public key through the provider decoders): ~0.5 ms of CPU per connection,
 * a quarter of Ferry's CPU time for 8 KiB files over FTPS. Resuming needs only the session's
 * keys and ticket, so the certificate ([3] peer, an optional field) is left out.
 *
 * What the certificate would have vouched for still holds: only the server that holds the
 * control connection's session keys can resume the session, and a connection that does not
 * resume must present exactly the control connection's certificate (ftp-data-guard.ts). Node's
 * own verdict on a resumed TLS 1.2 connection without a certificate is "unable to get issuer
 * certificate", which is why data connections leave that verdict to the guard (ftp-tls.ts).
 */

const SEQUENCE = 0x30;
/** Context-specific, constructed, tag 3: `peer [3] EXPLICIT X509 OPTIONAL`. */
const PEER = 0xa3;

/** A DER length at `at`: [length, where the contents start]; undefined if malformed. */
function lengthAt(der: Buffer, at: number): [number, number] | undefined {
  const first = der[at];
  if (first === undefined) return undefined;
  if (first < 0x80) return [first, at + 1];
  const bytes = first & 0x7f;
  if (bytes === 0 || bytes > 3 || at + 1 + bytes > der.length) return undefined;
  let length = 0;
  for (let i = 1; i <= bytes; i++) length = length * 256 + (der[at + i] ?? 0);
  return [length, at + 1 + bytes];
}

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  if (length < 0x100) return [0x81, length];
  if (length < 0x10000) return [0x82, length >> 8, length & 0xff];
  return [0x83, length >> 16, (length >> 8) & 0xff, length & 0xff];
}

/**
 * `session` without the server's certificate; unchanged when it holds none or is not the
 * encoding expected (the connection then only costs what it did before).
 */
export function withoutPeerCertificate(session: Buffer): Buffer {
  if (session[0] !== SEQUENCE) return session;
  const outer = lengthAt(session, 1);
  if (!outer || outer[1] + outer[0] !== session.length) return session;
  const [total, start] = outer;
  const kept: Buffer[] = [];
  let dropped = false;
  for (let at = start; at < start + total;) {
    const inner = lengthAt(session, at + 1);
    if (!inner || inner[1] + inner[0] > start + total) return session;
    const end = inner[1] + inner[0];
    if (session[at] === PEER) dropped = true;
    else kept.push(session.subarray(at, end));
    at = end;
  }
  if (!dropped) return session;
  const contents = Buffer.concat(kept);
  return Buffer.concat([Buffer.from([SEQUENCE, ...lengthBytes(contents.length)]), contents]);
}

/**
 * Remembers the slim copy of the session last handed out, so a session is shortened once, not
 * per connection. A new session (a TLS 1.3 ticket from the server) is shortened when it comes.
 */
export class SlimSessions {
  private slim: Buffer | undefined;

  /** What the next data connection should resume, given the session basic-ftp would use. */
  forDataConnection(current: Buffer): Buffer {
    if (current === this.slim) return current;
    this.slim = withoutPeerCertificate(current);
    return this.slim;
  }
}
