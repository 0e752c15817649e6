/**
 * An SSH login that asks for a one-time code after the password, as servers with two-step
 * verification do: sshd's keyboard-interactive login through PAM, with pam_unix (the password)
 * and Google Authenticator's PAM module (a time-based code, RFC 6238). OpenSSH names its PAM
 * service after its own file name, so a copy of sshd called `ferry-otp-<id>` gets its own
 * /etc/pam.d entry and the system's sshd configuration is never touched.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PAM_MODULE = '/lib/x86_64-linux-gnu/security/pam_google_authenticator.so';

export interface OneTimeCodeLogin {
  /** The sshd copy to run (its file name is the PAM service). */
  sshdPath: string;
  /** The shared secret in base32, as an authenticator app would be given it. */
  secret: string;
}

/**
 * A PAM service name for one instance: Linux-PAM looks service names up in lower case, so the
 * random part is lower-case hex (the instance's folder name mixes cases).
 */
export function oneTimeCodeService(): string {
  return `ferry-otp-${randomBytes(6).toString('hex')}`;
}

/** The service's PAM file (outside the instance's folder: removed by the harness on stop). */
export function pamPathOf(service: string): string {
  return join('/etc/pam.d', service);
}

/** Sets up the PAM service and the secret for one harness instance (root only). */
export async function prepareOneTimeCodeLogin(
  dir: string,
  service: string,
): Promise<OneTimeCodeLogin> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const sshdPath = join(dir, service);
  await copyFile('/usr/sbin/sshd', sshdPath);
  const secret = base32(randomBytes(10));
  const secretPath = join(dir, 'totp-secret');
  // No DISALLOW_REUSE: tests may log in several times within one 30-second step.
  await writeFile(secretPath, `${secret}\n" TOTP_AUTH\n" WINDOW_SIZE 3\n`, { mode: 0o400 });
  await writeFile(
    pamPathOf(service),
    [
      'auth required pam_unix.so',
      `auth required ${PAM_MODULE} secret=${secretPath} user=root`,
      'account required pam_permit.so',
      'session required pam_permit.so',
      '',
    ].join('\n'),
  );
  return { sshdPath, secret };
}

/** The code an authenticator app shows for `secret` at `time` (ms since the epoch). */
export function oneTimeCode(secret: string, time = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 30_000)));
  const digest = createHmac('sha1', fromBase32(secret)).update(counter).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  const value = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

function base32(bytes: Buffer): string {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((b) => BASE32[parseInt(b.padEnd(5, '0'), 2)]).join('');
}

function fromBase32(text: string): Buffer {
  let bits = '';
  for (const char of text) bits += BASE32.indexOf(char).toString(2).padStart(5, '0');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
}
