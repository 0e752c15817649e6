import { describe, expect, it } from 'vitest';
import { SlimSessions, withoutPeerCertificate } from './ftp-tls-session';

/** DER: a tag, a length (short or long form), the contents. */
function der(tag: number, contents: Buffer): Buffer {
  const n = contents.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), contents]);
}

const version = der(0x02, Buffer.from([1]));
const masterKey = der(0x04, Buffer.alloc(48, 7));
const peer = der(0xa3, der(0x30, Buffer.alloc(900, 1)));
const ticket = der(0xaa, der(0x04, Buffer.alloc(200, 2)));

describe('withoutPeerCertificate', () => {
  it("leaves out the server's certificate and keeps every other field in order", () => {
    const session = der(0x30, Buffer.concat([version, masterKey, peer, ticket]));
    expect(withoutPeerCertificate(session)).toEqual(
      der(0x30, Buffer.concat([version, masterKey, ticket])),
    );
  });

  it('returns a session without a certificate, or one it cannot read, as it is', () => {
    const plain = der(0x30, Buffer.concat([version, masterKey]));
    expect(withoutPeerCertificate(plain)).toBe(plain);
    const truncated = der(0x30, Buffer.concat([version, peer])).subarray(0, 60);
    expect(withoutPeerCertificate(truncated)).toBe(truncated);
    const notASequence = Buffer.from([0x04, 0x01, 0x00]);
    expect(withoutPeerCertificate(notASequence)).toBe(notASequence);
  });
});

describe('SlimSessions', () => {
  it('shortens a session once, and a new one when it comes', () => {
    const slim = new SlimSessions();
    const first = slim.forDataConnection(der(0x30, Buffer.concat([version, peer])));
    expect(first).toEqual(der(0x30, version));
    expect(slim.forDataConnection(first)).toBe(first);
    const next = slim.forDataConnection(der(0x30, Buffer.concat([masterKey, peer])));
    expect(next).toEqual(der(0x30, masterKey));
  });
});
