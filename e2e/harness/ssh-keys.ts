/**
 * Fresh SSH key pairs for in-test servers and key-file tests, in OpenSSH format.
 *
 * Not `ssh2.utils.generateKeyPairSync('ed25519')`: ssh2 (1.17) strips every leading zero byte of
 * the public key's DER bit string, meaning to drop only the "unused bits" byte, so about one key
 * in 256 (those whose 32-byte public key starts with 0x00) comes out 31 bytes long and neither
 * half of the pair parses ("Malformed OpenSSH public key"). Here node:crypto derives the public key and
 * its fixed-length JWK field keeps all 32 bytes. RSA goes through ssh2 (its integers
 * are encoded as proper mpints).
 */
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import ssh2 from 'ssh2';

export interface SshKeyPair {
  /** `-----BEGIN OPENSSH PRIVATE KEY-----` … (unencrypted). */
  private: string;
  /** `ssh-ed25519 AAAA…` / `ssh-rsa AAAA…`. */
  public: string;
}

export function generateSshKeyPair(type: 'ed25519' | 'rsa' = 'ed25519'): SshKeyPair {
  if (type === 'rsa') return ssh2.utils.generateKeyPairSync('rsa', { bits: 2048 });
  return ed25519KeyPairFromSeed(randomBytes(32));
}

/** The ed25519 key pair of a 32-byte seed (RFC 8032's private key). */
export function ed25519KeyPairFromSeed(seed: Buffer): SshKeyPair {
  if (seed.length !== 32) throw new Error('An ed25519 seed is 32 bytes');
  // PKCS#8 wrapping of an ed25519 seed (RFC 8410): node:crypto then derives the public key.
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  // JWK fields keep their fixed length: leading zero bytes stay.
  const publicKey = Buffer.from(jwk.x ?? '', 'base64url');
  if (publicKey.length !== 32) throw new Error('Unexpected ed25519 public key length');
  return openSshEd25519(seed, publicKey);
}

/** The OpenSSH encodings (PROTOCOL.key in OpenSSH's sources) of an ed25519 key. */
function openSshEd25519(seed: Buffer, publicKey: Buffer): SshKeyPair {
  const keyType = Buffer.from('ssh-ed25519');
  const publicBlob = Buffer.concat([sshString(keyType), sshString(publicKey)]);
  const check = randomBytes(4);
  const secret = Buffer.concat([
    check,
    check,
    publicBlob,
    sshString(Buffer.concat([seed, publicKey])),
    sshString(Buffer.alloc(0)), // comment
  ]);
  // Padded with 1, 2, 3… to the "none" cipher's block size of 8.
  const padding = Buffer.from(
    Array.from({ length: (8 - (secret.length % 8)) % 8 }, (_, i) => i + 1),
  );
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString(Buffer.from('none')), // cipher
    sshString(Buffer.from('none')), // key derivation
    sshString(Buffer.alloc(0)), // key derivation options
    uint32(1), // number of keys
    sshString(publicBlob),
    sshString(Buffer.concat([secret, padding])),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return {
    private: ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----']
      .join('\n')
      .concat('\n'),
    public: `ssh-ed25519 ${publicBlob.toString('base64')}`,
  };
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

function sshString(data: Buffer): Buffer {
  return Buffer.concat([uint32(data.length), data]);
}
