import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { loadKeyringModule } from './keyring-store';
import { Secrets, VAULT_FILE } from './secrets';
import { safeStorageStandIn } from './testing/safe-storage-stand-in';

const scratch = scratchPerTest('ferry-secrets-');

describe('choosing where passwords go', () => {
  it('uses safeStorage when the OS protects it', async () => {
    const secrets = await Secrets.open({
      dataDir: scratch.path,
      safeStorage: safeStorageStandIn('kwallet6'),
    });
    expect(secrets.protection).toEqual({ kind: 'safe-storage', backend: 'kwallet6' });
    await secrets.set('site:a:password', 'pw-1');
    expect(await secrets.get('site:a:password')).toBe('pw-1');
    await secrets.delete('site:a:password');
    expect(await secrets.get('site:a:password')).toBeUndefined();
  });

  it.each([
    ['basic_text (a fixed, public key)', safeStorageStandIn('basic_text')],
    ['unknown (asked before the app was ready)', safeStorageStandIn('unknown')],
    ['encryption unavailable', safeStorageStandIn('gnome_libsecret', false)],
  ])('treats safeStorage with %s as no protection', async (_label, safeStorage) => {
    const secrets = await Secrets.open({ dataDir: scratch.path, safeStorage });
    expect(secrets.protection.kind).not.toBe('safe-storage');
  });

  it('on this machine (no keyring binding, no secret service) keeps no passwords', async () => {
    // @napi-rs/keyring is not installed here; the loader must say so instead of throwing.
    expect(await loadKeyringModule()).toBeUndefined();
    const secrets = await Secrets.open({ dataDir: scratch.path });
    expect(secrets.protection).toEqual({ kind: 'none' });
    expect(secrets.canStore).toBe(false);
    await expect(secrets.set('site:a:password', 'x')).rejects.toMatchObject({
      code: 'secret_unavailable',
    });
  });
});

describe('the master-password vault', () => {
  it('is locked after a restart and opens only with the right password', async () => {
    const first = await Secrets.open({ dataDir: scratch.path });
    await first.useMasterPassword('correct horse battery');
    expect(first.protection).toEqual({ kind: 'master-password', unlocked: true });
    await first.set('site:a:password', 'server-pw');

    const second = await Secrets.open({ dataDir: scratch.path });
    expect(second.protection).toEqual({ kind: 'master-password', unlocked: false });
    expect(second.canStore).toBe(false);
    await expect(second.get('site:a:password')).rejects.toMatchObject({
      code: 'secret_unavailable',
    });
    await expect(second.unlock('wrong password')).rejects.toMatchObject({ code: 'auth_failed' });
    await second.unlock('correct horse battery');
    expect(await second.get('site:a:password')).toBe('server-pw');
  });

  it('binds each sealed entry to its name: swapping entries in the file does not work', async () => {
    const secrets = await Secrets.open({ dataDir: scratch.path });
    await secrets.useMasterPassword('correct horse battery');
    await secrets.set('site:a:password', 'for-a');
    await secrets.set('site:b:password', 'for-b');
    const path = join(scratch.path, VAULT_FILE);
    const file = JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, string> };
    file.entries['site:a:password'] = file.entries['site:b:password'] ?? '';
    await writeFile(path, JSON.stringify(file));
    expect(await secrets.get('site:a:password')).toBeUndefined();
  });

  it('cannot replace a protection that is already in effect', async () => {
    const secrets = await Secrets.open({
      dataDir: scratch.path,
      safeStorage: safeStorageStandIn(),
    });
    await expect(secrets.useMasterPassword('whatever123')).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
