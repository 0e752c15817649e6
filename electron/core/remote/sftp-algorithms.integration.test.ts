/**
 * Ferry refuses SHA-1 and other outdated SSH algorithms, says so plainly, and still connects to a
 * modern OpenSSH (the harness sshd) with AES-GCM.
 */
import { describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { FerryError } from '../../../shared/errors';
import { connectSftp } from './sftp';
import { captureLog, sftpParams, testDeps } from './sftp-testing';
import { startScriptedSftp, type ScriptedServerOptions } from './sftp-test-server';

describe('a modern OpenSSH server', () => {
  const harness = harnessForSuite(['sftp']);

  it('still connects, with AES-GCM and without SHA-1', async () => {
    const log = captureLog();
    const fs = await connectSftp(sftpParams(harness.servers), testDeps(harness.servers, { log }));
    try {
      expect((await fs.list(await fs.home())).path).toBeTruthy();
      const chosen = log.lines.map((l) => l.text).filter((t) => /^ssh: Handshake: [^(]/.test(t));
      expect(chosen).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/C->S cipher: aes128-gcm@openssh\.com$/i),
          expect.stringMatching(/S->C cipher: aes128-gcm@openssh\.com$/i),
        ]),
      );
      expect(chosen.join('\n')).not.toMatch(/ssh-rsa\b|sha1/);
    } finally {
      await fs.close();
    }
  });
});

const OUTDATED: [string, ScriptedServerOptions, string][] = [
  [
    'host keys signed with SHA-1 only (ssh-rsa)',
    { hostKeyType: 'rsa', algorithms: { serverHostKey: ['ssh-rsa'], hmac: ['hmac-sha1'] } },
    'host key: ssh-rsa',
  ],
  [
    'integrity checks with SHA-1 only (hmac-sha1)',
    { algorithms: { cipher: ['aes128-ctr'], hmac: ['hmac-sha1'] } },
    'integrity check: hmac-sha1',
  ],
  [
    'SHA-1 key exchange only',
    { algorithms: { kex: ['diffie-hellman-group14-sha1'] } },
    'key exchange: diffie-hellman-group14-sha1',
  ],
];

describe.each(OUTDATED)('a server offering %s', (_what, options, named) => {
  it('is refused with a plain message naming what it offered', async () => {
    const server = await startScriptedSftp(options);
    try {
      const error = await server.connect().then(
        async (fs) => {
          await fs.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FerryError);
      expect((error as FerryError).code).toBe('protocol_mismatch');
      expect((error as FerryError).message).toBe(
        `The server at 127.0.0.1:${server.port} offers only outdated security (${named}), so Ferry did not connect.`,
      );
      expect((error as FerryError).hint).toMatch(/Ask the server administrator/);
    } finally {
      await server.close();
    }
  });
});
