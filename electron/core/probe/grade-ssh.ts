import type { SshReport } from '../../../shared/contract/probe';
import { emptyAssessment, weakness, type Assessment } from './assessment';

/** Judges an SSH server by what it offers: any weak offer is one a client could be talked into. */
export function assessSsh(ssh: SshReport, usable: boolean): Assessment {
  const a = emptyAssessment();
  const protocol = /^SSH-([\d.]+)-/.exec(ssh.version)?.[1];
  if (protocol === '1.99') weakness(a, 'D', 'still allows the broken SSH-1 protocol');
  else if (protocol !== undefined && protocol !== '2.0') {
    weakness(a, 'F', 'speaks only the old, broken SSH-1 protocol');
  }

  const changed = ssh.hostKeys.filter((k) => k.trust === 'changed');
  const matched = ssh.hostKeys.filter((k) => k.trust === 'match');
  if (changed.length > 0 && matched.length === 0) {
    weakness(
      a,
      'F',
      'its host key differs from the one you trusted before — someone may be intercepting the connection',
    );
  }

  const hostKeys = ssh.hostKeyAlgorithms;
  if (hostKeys.includes('ssh-dss'))
    weakness(a, 'D', 'offers DSA host keys (ssh-dss), which are broken');
  if (hostKeys.includes('ssh-rsa')) weakness(a, 'B', 'offers ssh-rsa with SHA-1 signatures');
  for (const key of ssh.hostKeys) {
    if (key.type === 'ssh-rsa' && key.bits !== undefined && key.bits < 2048) {
      weakness(a, 'C', `its RSA host key is only ${key.bits} bits (2048 or more is safe)`);
    }
  }

  if (ssh.kex.includes('diffie-hellman-group1-sha1')) {
    weakness(a, 'C', 'offers 1024-bit key exchange (diffie-hellman-group1-sha1)');
  }
  if (
    ssh.kex.some(
      (k) => k === 'diffie-hellman-group14-sha1' || k === 'diffie-hellman-group-exchange-sha1',
    )
  ) {
    weakness(a, 'B', 'offers key exchange with SHA-1');
  }

  const ciphers = ssh.ciphers;
  if (ciphers.includes('none')) weakness(a, 'F', 'offers no encryption at all (cipher "none")');
  if (ciphers.some((c) => c.startsWith('arcfour')))
    weakness(a, 'C', 'offers RC4 (arcfour) ciphers');
  if (ciphers.some((c) => /^(3des|blowfish|cast128)-/.test(c))) {
    weakness(a, 'C', 'offers 64-bit block ciphers (3DES, Blowfish or CAST)');
  }
  const cbc = ciphers.some((c) => c.endsWith('-cbc') || c === 'rijndael-cbc@lysator.liu.se');
  if (cbc) weakness(a, 'B', 'CBC ciphers offered');

  const macs = ssh.macs;
  if (macs.includes('none')) weakness(a, 'F', 'offers no message integrity (MAC "none")');
  if (macs.some((m) => m.startsWith('hmac-md5')))
    weakness(a, 'C', 'offers MD5 message authentication');
  if (macs.some((m) => m.endsWith('-96') || m.endsWith('-96-etm@openssh.com'))) {
    weakness(a, 'B', 'offers truncated 96-bit message authentication');
  }

  // Terrapin (CVE-2023-48795): needs ChaCha20-Poly1305 or CBC with EtM MACs, and no strict KEX.
  const strictKex = ssh.kex.includes('kex-strict-s-v00@openssh.com');
  const etm = macs.some((m) => m.includes('-etm@'));
  if (!strictKex && (ciphers.includes('chacha20-poly1305@openssh.com') || (cbc && etm))) {
    weakness(
      a,
      'B',
      'open to the Terrapin attack (CVE-2023-48795): the SSH server needs an update',
    );
  }

  if (ssh.kex.length === 0) {
    weakness(a, 'D', 'did not tell which algorithms it offers');
  } else if (!usable) {
    weakness(a, 'D', 'Ferry could not agree on a secure key exchange with it');
  }

  for (const key of ssh.hostKeys) {
    const trust =
      key.trust === 'match'
        ? 'already trusted by Ferry'
        : key.trust === 'changed'
          ? 'NOT the key Ferry trusted before'
          : 'not trusted yet: Ferry shows it when you first connect';
    a.notes.push(`Host key ${key.type} ${key.fingerprint} — ${trust}.`);
  }
  if (strictKex) a.notes.push('Protected against the Terrapin attack (strict key exchange).');
  return a;
}
