/** In-test SSH keys always parse, including the 1-in-256 ed25519 keys that start with a zero byte. */
import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { ed25519KeyPairFromSeed, generateSshKeyPair } from './ssh-keys';

/** The first seed (counting up) whose public key starts with a zero byte (1 in 256 do). */
function seedOfKeyStartingWithZero(): Buffer {
  for (let i = 0; ; i++) {
    const seed = createHash('sha256').update(`seed ${i}`).digest();
    const blob = Buffer.from(ed25519KeyPairFromSeed(seed).public.split(' ')[1] ?? '', 'base64');
    // The blob is string "ssh-ed25519" (4 + 11 bytes), then the key's length (4), then the key.
    if (blob[19] === 0) return seed;
  }
}

function expectUsable(pair: { private: string; public: string }): void {
  const privateKey = ssh2.utils.parseKey(pair.private);
  const publicKey = ssh2.utils.parseKey(pair.public);
  if (privateKey instanceof Error) throw privateKey;
  if (publicKey instanceof Error) throw publicKey;
  expect(publicKey.getPublicSSH().equals(privateKey.getPublicSSH())).toBe(true);
  const data = Buffer.from('host key proof');
  expect(publicKey.verify(data, privateKey.sign(data))).toBe(true);
}

describe('ed25519 keys for in-test servers', () => {
  it('parse and sign when the public key starts with a zero byte', () => {
    const pair = ed25519KeyPairFromSeed(seedOfKeyStartingWithZero());
    expect(Buffer.from(pair.public.split(' ')[1] ?? '', 'base64').readUInt32BE(15)).toBe(32);
    expectUsable(pair);
  });

  it('parse and sign, key after key', () => {
    for (let i = 0; i < 300; i++) expectUsable(generateSshKeyPair());
  });
});
