import { createHash } from 'node:crypto';

/** OpenSSH's fingerprint form: `SHA256:` + unpadded base64 of the raw key's SHA-256. */
export function sshFingerprint(rawKey: Buffer): string {
  const digest = createHash('sha256').update(rawKey).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/**
 * The key type named inside an SSH wire-format public key (its first length-prefixed string),
 * e.g. `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`.
 */
export function sshKeyType(rawKey: Buffer): string {
  if (rawKey.length < 4) return 'unknown';
  const length = rawKey.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > rawKey.length) return 'unknown';
  const name = rawKey.subarray(4, 4 + length).toString('latin1');
  return /^[\x21-\x7e]+$/.test(name) ? name : 'unknown';
}

export const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;
