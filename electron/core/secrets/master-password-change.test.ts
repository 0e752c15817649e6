/**
 * Changing, giving up and forgetting the master password, against real files: every saved
 * secret survives a change, a wrong current password or a crash in the middle changes nothing,
 * and a window still holding the old key cannot mix entries under two keys into one vault.
 */
import { spawnSync } from 'node:child_process';
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { Secrets, VAULT_FILE } from './secrets';
import { safeStorageStandIn } from './testing/safe-storage-stand-in';

const OLD = 'correct horse battery';
const NEW = 'new staple for the vault';
const SAVED = {
  'site:a:password': 'pässword A',
  'site:b:password': 'password B',
  'site:c:passphrase': 'key passphrase C',
};

const scratch = scratchPerTest('ferry-vault-change-');
let vaultPath: string;
beforeEach(() => {
  vaultPath = join(scratch.path, VAULT_FILE);
});

/** A vault with SAVED in it, unlocked with OLD. */
async function vaultWithSecrets(
  options: Parameters<typeof Secrets.open>[0] = { dataDir: scratch.path },
) {
  const secrets = await Secrets.open(options);
  await secrets.useMasterPassword(OLD);
  for (const [name, value] of Object.entries(SAVED)) await secrets.set(name, value);
  return secrets;
}

async function readAll(secrets: Secrets): Promise<Record<string, string | undefined>> {
  const out: Record<string, string | undefined> = {};
  for (const name of Object.keys(SAVED)) out[name] = await secrets.get(name);
  return out;
}

/** A fresh start of Ferry: which password opens the vault, and what it then reads. */
async function afterRestart(password: string) {
  const secrets = await Secrets.open({ dataDir: scratch.path });
  await secrets.unlock(password);
  return readAll(secrets);
}

describe('changing the master password', () => {
  it('re-encrypts every saved secret: after a restart only the new password opens them', async () => {
    const secrets = await vaultWithSecrets();
    const protection = await secrets.changeMasterPassword(OLD, NEW);
    expect(protection).toEqual({ kind: 'master-password', unlocked: true });
    // This window stays unlocked and keeps working, saving under the new key.
    expect(await readAll(secrets)).toEqual(SAVED);
    await secrets.set('site:d:password', 'saved after the change');

    await expect(afterRestart(OLD)).rejects.toMatchObject({ code: 'auth_failed' });
    expect(await afterRestart(NEW)).toEqual(SAVED);
    const fresh = await Secrets.open({ dataDir: scratch.path });
    await fresh.unlock(NEW);
    expect(await fresh.get('site:d:password')).toBe('saved after the change');
  });

  it('refuses a wrong current password, in plain words, and changes nothing', async () => {
    const secrets = await vaultWithSecrets();
    const before = await readFile(vaultPath, 'utf8');
    const error = await secrets.changeMasterPassword('not the password', NEW).catch((e) => e);
    expect(error).toMatchObject({
      code: 'auth_failed',
      message: expect.stringMatching(/not the current master password.*Nothing was changed/),
      hint: expect.stringMatching(/Forgot the master password/),
    });
    expect(await readFile(vaultPath, 'utf8')).toBe(before);
    expect(await afterRestart(OLD)).toEqual(SAVED);
  });

  it('also works from a locked vault: the current password is what proves the right to change it', async () => {
    await vaultWithSecrets();
    const locked = await Secrets.open({ dataDir: scratch.path });
    expect(locked.protection).toEqual({ kind: 'master-password', unlocked: false });
    await locked.changeMasterPassword(OLD, NEW);
    expect(locked.protection).toEqual({ kind: 'master-password', unlocked: true });
    expect(await readAll(locked)).toEqual(SAVED);
  });

  it('a crash in the middle leaves the old vault whole; the next change succeeds', async () => {
    await vaultWithSecrets();
    const before = await readFile(vaultPath, 'utf8');
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'testing/crash-during-change.ts'),
        vaultPath,
        OLD,
        NEW,
      ],
      { encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    expect(child.signal).toBe('SIGKILL');
    // The re-encrypted vault reached the disk only under a temporary name.
    expect((await readdir(scratch.path)).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);
    expect(await readFile(vaultPath, 'utf8')).toBe(before);
    await expect(afterRestart(NEW)).rejects.toMatchObject({ code: 'auth_failed' });
    expect(await afterRestart(OLD)).toEqual(SAVED);

    // The dead process's lock is taken over at once, not after a long wait.
    const secrets = await Secrets.open({ dataDir: scratch.path });
    const started = Date.now();
    await secrets.changeMasterPassword(OLD, NEW);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await afterRestart(NEW)).toEqual(SAVED);
  });

  it('a window still holding the old key locks itself instead of mixing keys in the vault', async () => {
    const first = await vaultWithSecrets();
    const second = await Secrets.open({ dataDir: scratch.path });
    await second.unlock(OLD);

    await first.changeMasterPassword(OLD, NEW);
    await expect(second.set('site:e:password', 'sealed with the old key')).rejects.toMatchObject({
      code: 'secret_unavailable',
      message: expect.stringMatching(/changed in another Ferry window/),
    });
    expect(second.protection).toEqual({ kind: 'master-password', unlocked: false });
    await expect(second.get('site:a:password')).rejects.toMatchObject({
      code: 'secret_unavailable',
    });
    await second.unlock(NEW);
    expect(await readAll(second)).toEqual(SAVED);
    const file = JSON.parse(await readFile(vaultPath, 'utf8')) as { entries: object };
    expect(Object.keys(file.entries).sort()).toEqual(Object.keys(SAVED).sort());
  });
});

describe('stopping the master password where the OS protects passwords', () => {
  it('keeps using an existing vault even when a better store appears, and says so', async () => {
    await vaultWithSecrets();
    const safeStorage = safeStorageStandIn('gnome_libsecret');
    const secrets = await Secrets.open({ dataDir: scratch.path, safeStorage });
    expect(secrets.protection).toEqual({
      kind: 'master-password',
      unlocked: false,
      alternative: 'safe-storage',
    });
  });

  it('moves every secret into the OS store and deletes the vault; a wrong password changes nothing', async () => {
    await vaultWithSecrets();
    const safeStorage = safeStorageStandIn('gnome_libsecret');
    const secrets = await Secrets.open({ dataDir: scratch.path, safeStorage });
    await expect(secrets.stopMasterPassword('wrong one')).rejects.toMatchObject({
      code: 'auth_failed',
    });
    await access(vaultPath);

    expect(await secrets.stopMasterPassword(OLD)).toEqual({
      kind: 'safe-storage',
      backend: 'gnome_libsecret',
    });
    expect(await readAll(secrets)).toEqual(SAVED);
    await expect(access(vaultPath)).rejects.toMatchObject({ code: 'ENOENT' });

    const restarted = await Secrets.open({ dataDir: scratch.path, safeStorage });
    expect(restarted.protection.kind).toBe('safe-storage');
    expect(await readAll(restarted)).toEqual(SAVED);
  });

  it('is refused where nothing better exists: the passwords would lose their protection', async () => {
    const secrets = await vaultWithSecrets();
    await expect(secrets.stopMasterPassword(OLD)).rejects.toMatchObject({
      code: 'secret_unavailable',
    });
    expect(await afterRestart(OLD)).toEqual(SAVED);
  });
});
