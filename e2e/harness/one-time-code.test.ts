import { Client, type KeyboardInteractiveAuthMethod } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { oneTimeCode } from './one-time-code';
import { harnessForSuite } from './vitest-suite';

describe('oneTimeCode', () => {
  it('gives the codes of RFC 6238 (SHA-1, 30-second steps), as authenticator apps do', () => {
    // RFC 6238's secret "12345678901234567890" in base32; its 8-digit codes' last 6 digits.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(oneTimeCode(secret, 59_000)).toBe('287082');
    expect(oneTimeCode(secret, 1_111_111_109_000)).toBe('081804');
    expect(oneTimeCode(secret, 2_000_000_000_000)).toBe('279037');
  });
});

describe('the two-step SSH login server (sftp-otp)', () => {
  const harness = harnessForSuite(['sftp-otp']);

  /** Logs in answering each question by its text; resolves with the questions asked. */
  function login(answer: (prompt: string) => string): Promise<string[]> {
    const server = harness.servers.sftpOtp;
    if (!server) throw new Error('sftp-otp was not started');
    const asked: string[] = [];
    const keyboard: KeyboardInteractiveAuthMethod = {
      type: 'keyboard-interactive',
      username: harness.servers.user.name,
      prompt(_name, _instructions, _lang, prompts, finish) {
        asked.push(...prompts.map((p) => p.prompt));
        finish(prompts.map((p) => answer(p.prompt)));
      },
    };
    return new Promise((resolve, reject) => {
      const client = new Client();
      client
        .on('ready', () => {
          client.end();
          resolve(asked);
        })
        .on('error', (error) => reject(Object.assign(error, { asked })))
        .connect({
          host: '127.0.0.1',
          port: server.port,
          username: harness.servers.user.name,
          hostVerifier: () => true,
          authHandler: [keyboard],
        });
    });
  }

  it('asks for the password and then a code, and lets the right pair in', async () => {
    const { servers } = harness;
    const asked = await login((prompt) =>
      /code/i.test(prompt) ? (servers.sftpOtp?.oneTimeCode() ?? '') : servers.user.password,
    );
    expect(asked).toEqual(['Password: ', 'Verification code: ']);
  });

  it('refuses a wrong code', async () => {
    const { servers } = harness;
    const wrong = String((Number(servers.sftpOtp?.oneTimeCode()) + 1) % 1_000_000).padStart(6, '0');
    await expect(
      login((prompt) => (/code/i.test(prompt) ? wrong : servers.user.password)),
    ).rejects.toThrow(/authentication methods failed/i);
  });
});
