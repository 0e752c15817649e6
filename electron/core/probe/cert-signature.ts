/**
 * The algorithm a certificate is signed with, read from its DER: Node 20's X509Certificate does
 * not expose it, and a SHA-1 or MD5 signature is a weakness the check must name.
 */

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10040.4.3': 'dsaWithSHA1',
  '1.2.840.10045.4.1': 'ecdsaWithSHA1',
  '1.2.840.10045.4.3.2': 'ecdsaWithSHA256',
  '1.2.840.10045.4.3.3': 'ecdsaWithSHA384',
  '1.2.840.10045.4.3.4': 'ecdsaWithSHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

/** Signature algorithms whose hash is broken for signatures. */
export const BROKEN_SIGNATURE_ALGORITHMS = new Set([
  'md5WithRSAEncryption',
  'sha1WithRSAEncryption',
  'dsaWithSHA1',
  'ecdsaWithSHA1',
]);

interface Element {
  tag: number;
  contentStart: number;
  end: number;
}

function readElement(der: Buffer, offset: number): Element | undefined {
  const tag = der[offset];
  let lengthByte = der[offset + 1];
  if (tag === undefined || lengthByte === undefined) return undefined;
  let cursor = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) return undefined;
    length = 0;
    for (let i = 0; i < count; i += 1) {
      lengthByte = der[cursor++];
      if (lengthByte === undefined) return undefined;
      length = length * 256 + lengthByte;
    }
  }
  const end = cursor + length;
  return end <= der.length ? { tag, contentStart: cursor, end } : undefined;
}

function decodeOid(bytes: Buffer): string {
  const first = bytes[0] ?? 0;
  const parts = [
    Math.min(2, Math.floor(first / 40)),
    first - Math.min(2, Math.floor(first / 40)) * 40,
  ];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }` (RFC 5280). */
export function signatureAlgorithmOf(der: Buffer): string | undefined {
  const certificate = readElement(der, 0);
  if (certificate?.tag !== 0x30) return undefined;
  const tbs = readElement(der, certificate.contentStart);
  if (tbs?.tag !== 0x30) return undefined;
  const algorithm = readElement(der, tbs.end);
  if (algorithm?.tag !== 0x30) return undefined;
  const oid = readElement(der, algorithm.contentStart);
  if (oid?.tag !== 0x06) return undefined;
  const dotted = decodeOid(der.subarray(oid.contentStart, oid.end));
  return SIGNATURE_ALGORITHMS[dotted] ?? dotted;
}
