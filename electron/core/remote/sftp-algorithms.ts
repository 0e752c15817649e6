import type { Algorithms } from 'ssh2';
import { FerryError } from '../../../shared/errors';

/**
 * What Ferry offers in the SSH handshake, best first. Left out on purpose: SHA-1 (the `ssh-rsa`
 * host-key signature, hmac-sha1, sha1 key exchanges), CBC ciphers, DSA. AES-GCM leads: with
 * AES-NI it is the cheapest cipher, which is also the fastest for transfers.
 */
export const SSH_ALGORITHMS = {
  kex: [
    'curve25519-sha256',
    'curve25519-sha256@libssh.org',
    'ecdh-sha2-nistp256',
    'ecdh-sha2-nistp384',
    'ecdh-sha2-nistp521',
    'diffie-hellman-group-exchange-sha256',
    'diffie-hellman-group16-sha512',
    'diffie-hellman-group18-sha512',
    'diffie-hellman-group14-sha256',
  ],
  serverHostKey: [
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'rsa-sha2-512',
    'rsa-sha2-256',
  ],
  cipher: [
    'aes128-gcm@openssh.com',
    'aes256-gcm@openssh.com',
    'chacha20-poly1305@openssh.com',
    'aes128-ctr',
    'aes192-ctr',
    'aes256-ctr',
  ],
  hmac: [
    'hmac-sha2-256-etm@openssh.com',
    'hmac-sha2-512-etm@openssh.com',
    'hmac-sha2-256',
    'hmac-sha2-512',
  ],
} satisfies Algorithms;

/** The handshake's parts as ssh2's debug output names them, and as a person would. */
const PARTS: { debugName: string; ours: readonly string[]; plain: string }[] = [
  { debugName: 'KEX method', ours: SSH_ALGORITHMS.kex, plain: 'key exchange' },
  { debugName: 'Host key format', ours: SSH_ALGORITHMS.serverHostKey, plain: 'host key' },
  { debugName: 'C->S cipher', ours: SSH_ALGORITHMS.cipher, plain: 'encryption' },
  { debugName: 'S->C cipher', ours: SSH_ALGORITHMS.cipher, plain: 'encryption' },
  { debugName: 'C->S MAC', ours: SSH_ALGORITHMS.hmac, plain: 'integrity check' },
  { debugName: 'S->C MAC', ours: SSH_ALGORITHMS.hmac, plain: 'integrity check' },
];

/**
 * Remembers what the server offered in its handshake (ssh2 reports it only in debug output),
 * so a failed handshake can say what was outdated. The error's code comes from ssh2's error
 * level, never from this text; the text only fills in the message.
 */
export class OfferedAlgorithms {
  private readonly offered = new Map<string, string[]>();

  /** Feed every ssh2 debug line here. */
  readonly observe = (message: string): void => {
    const match = /^Handshake: \(remote\) (.+?): (.*)$/.exec(message);
    if (!match?.[1] || match[2] === undefined) return;
    // Markers such as kex-strict-s-v00@openssh.com and ext-info-s are listed as KEX methods.
    const names = match[2].split(',').filter((name) => !/^(kex-strict-|ext-info-)/.test(name));
    this.offered.set(match[1], names);
  };

  /**
   * A plain error when the handshake failed because everything the server offered for some part
   * is something Ferry refuses; undefined otherwise.
   */
  outdatedError(error: unknown, target: { host: string; port: number }): FerryError | undefined {
    if ((error as { level?: unknown } | null)?.level !== 'handshake') return undefined;
    const outdated: string[] = [];
    for (const part of PARTS) {
      const theirs = this.offered.get(part.debugName);
      if (!theirs || theirs.some((name) => part.ours.includes(name))) continue;
      const line = `${part.plain}: ${theirs.join(', ')}`;
      if (!outdated.includes(line)) outdated.push(line);
    }
    if (outdated.length === 0) return undefined;
    return new FerryError(
      'protocol_mismatch',
      `The server at ${target.host}:${target.port} offers only outdated security (${outdated.join('; ')}), so Ferry did not connect.`,
      'These algorithms (such as SHA-1 signatures) can be forged or broken. Ask the server administrator to enable modern ones (OpenSSH 7.2 or later has them).',
      { cause: error },
    );
  }
}
