/**
 * The master-password vault against someone who can edit its file: shortened GCM tags and weak
 * key-derivation settings are refused, in plain words, instead of being trusted.
 */
import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { scratchPerTest } from '../../../e2e/harness/vitest-suite';
import { Secrets, VAULT_FILE } from './secrets';

const MASTER = 'correct horse battery';

interface VaultFile {
  extra: Record<string, string>;
  entries: Record<string, string>;
}

const scratch = scratchPerTest('ferry-vault-');
let vaultPath: string;
beforeEach(() => {
  vaultPath = join(scratch.path, VAULT_FILE);
});

async function editVault(edit: (file: VaultFile) => void): Promise<void> {
  const file = JSON.parse(await readFile(vaultPath, 'utf8')) as VaultFile;
  edit(file);
  await writeFile(vaultPath, JSON.stringify(file));
}

/** `iv.tag.data` with the tag cut to `bytes`. */
function shortenTag(sealed: string, bytes: number): string {
  const [iv, tag, data] = sealed.split('.');
  return [
    iv,
    Buffer.from(tag ?? '', 'base64')
      .subarray(0, bytes)
      .toString('base64'),
    data,
  ].join('.');
}

/** The check value a vault with these scrypt settings would hold for MASTER (as Ferry seals it). */
function checkFor(salt: Buffer, cost: { N: number; r: number; p: number }): string {
  const key = scryptSync(MASTER, salt, 32, { ...cost, maxmem: 512 * 1024 * 1024 });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from('ferry:vault-check', 'utf8'));
  const data = Buffer.concat([
    cipher.update('Ferry master password check', 'utf8'),
    cipher.final(),
  ]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
}

describe('a tampered master-password vault', () => {
  it.each([4, 8, 12, 15])('refuses an entry whose tag was cut to %i bytes', async (bytes) => {
    const secrets = await Secrets.open({ dataDir: scratch.path });
    await secrets.useMasterPassword(MASTER);
    await secrets.set('site:a:password', 'server-pw');
    await secrets.set('site:b:password', 'other-pw');
    await editVault((file) => {
      file.entries['site:a:password'] = shortenTag(file.entries['site:a:password'] ?? '', bytes);
    });
    expect(await secrets.get('site:a:password')).toBeUndefined();
    expect(await secrets.get('site:b:password')).toBe('other-pw');
  });

  it('calls a vault whose check value has a shortened tag damaged, not a wrong password', async () => {
    await (await Secrets.open({ dataDir: scratch.path })).useMasterPassword(MASTER);
    await editVault((file) => {
      file.extra.check = shortenTag(file.extra.check ?? '', 4);
    });
    const later = await Secrets.open({ dataDir: scratch.path });
    await expect(later.unlock(MASTER)).rejects.toMatchObject({
      code: 'secret_unavailable',
      message: expect.stringContaining('damaged'),
    });
    expect(later.protection).toEqual({ kind: 'master-password', unlocked: false });
  });

  it.each([
    ['a weak N (2^10)', { N: '1024', r: '8', p: '1' }, true],
    ['N below 2^15 (2^14)', { N: '16384', r: '8', p: '1' }, true],
    ['r other than 8', { N: '32768', r: '1', p: '1' }, true],
    ['p other than 1', { N: '32768', r: '8', p: '2' }, true],
    ['N not a power of two', { N: '40000', r: '8', p: '1' }, false],
    ['N beyond the memory Ferry allows (2^20)', { N: '1048576', r: '8', p: '1' }, false],
    ['N written in hex', { N: '0x8000', r: '8', p: '1' }, false],
    ['no N at all', { N: '', r: '8', p: '1' }, false],
  ])('refuses %s as damaged, even with a check that matches', async (_label, cost, realCheck) => {
    await (await Secrets.open({ dataDir: scratch.path })).useMasterPassword(MASTER);
    await editVault((file) => {
      Object.assign(file.extra, cost);
      if (realCheck) {
        const salt = Buffer.from(file.extra.salt ?? '', 'base64');
        file.extra.check = checkFor(salt, { N: +cost.N, r: +cost.r, p: +cost.p });
      }
    });
    const later = await Secrets.open({ dataDir: scratch.path });
    await expect(later.unlock(MASTER)).rejects.toMatchObject({
      code: 'secret_unavailable',
      message: expect.stringContaining('damaged'),
      hint: expect.stringContaining('Type the passwords'),
    });
    expect(later.protection).toEqual({ kind: 'master-password', unlocked: false });
  });

  it('still opens an untouched vault, and one written with N = 2^16', async () => {
    await (await Secrets.open({ dataDir: scratch.path })).useMasterPassword(MASTER);
    const later = await Secrets.open({ dataDir: scratch.path });
    await later.unlock(MASTER);
    await later.set('site:a:password', 'pw');
    await editVault((file) => {
      file.extra.N = '65536';
      file.extra.check = checkFor(Buffer.from(file.extra.salt ?? '', 'base64'), {
        N: 65536,
        r: 8,
        p: 1,
      });
    });
    const stronger = await Secrets.open({ dataDir: scratch.path });
    await stronger.unlock(MASTER);
    expect(stronger.protection).toEqual({ kind: 'master-password', unlocked: true });
  });
});
