/** The key file a user picks is read only if it is a small regular file (real files, no mocks). */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSshKeyPair } from '../../../e2e/harness/ssh-keys';
import { scratchForSuite } from '../../../e2e/harness/vitest-suite';
import { loadPrivateKey, MAX_KEY_FILE_BYTES } from './sftp-auth';

const scratch = scratchForSuite('ferry-key-file-');

describe('choosing a key file', () => {
  it('loads a real private key', async () => {
    const path = join(scratch.path, 'id_ed25519');
    await writeFile(path, generateSshKeyPair().private, { mode: 0o600 });
    const key = await loadPrivateKey(path);
    expect(key.type).toBe('ssh-ed25519');
  });

  it('refuses a device such as /dev/zero at once instead of reading it forever', async () => {
    const started = Date.now();
    await expect(loadPrivateKey('/dev/zero')).rejects.toMatchObject({
      code: 'auth_failed',
      message: 'The key file /dev/zero is not a regular file, so it cannot be a private key.',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a named pipe without waiting for a writer', async () => {
    const path = join(scratch.path, 'pipe');
    execFileSync('mkfifo', [path]);
    await expect(loadPrivateKey(path)).rejects.toMatchObject({
      code: 'auth_failed',
      message: expect.stringMatching(/is not a regular file/),
    });
  });

  it('refuses a folder and a file larger than 64 KiB', async () => {
    await expect(loadPrivateKey(scratch.path)).rejects.toMatchObject({
      code: 'auth_failed',
      message: expect.stringMatching(/is a folder/),
    });
    const big = join(scratch.path, 'big');
    await writeFile(big, Buffer.alloc(MAX_KEY_FILE_BYTES + 1, 0x41));
    await expect(loadPrivateKey(big)).rejects.toMatchObject({
      code: 'auth_failed',
      message: expect.stringMatching(/larger than 64 KiB/),
      hint: expect.stringMatching(/not the \.pub file/),
    });
  });

  it('still says plainly when the file is missing', async () => {
    await expect(loadPrivateKey(join(scratch.path, 'nope'))).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
