/** The site manager's master-password methods, through the contract's schemas, on real files. */
import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VAULT_FILE } from '../secrets/secrets';
import { sitesHarness, type SitesHarness } from './testing/sites-harness';
import { sampleDraft } from './testing/sample-site';

const MASTER = 'a long master pw';
let h: SitesHarness | undefined;
afterEach(async () => {
  if (h) await rm(h.dataDir, { recursive: true, force: true });
  h = undefined;
});

async function withSavedPassword() {
  h = await sitesHarness();
  await h.call('sites.secrets.useMasterPassword', { masterPassword: MASTER });
  const site = await h.call('sites.save', {
    site: sampleDraft({ name: 'Saved' }),
    secrets: { password: 'server password' },
  });
  const keySite = await h.call('sites.save', {
    site: sampleDraft({ name: 'Key', auth: 'key', keyFile: '/k' }),
    secrets: { passphrase: 'key passphrase' },
  });
  return { h, site, keySite };
}

describe('the master password in the site manager', () => {
  it('after a change, a restarted app unlocks with the new one and connects with the saved password', async () => {
    const { h, site } = await withSavedPassword();
    await expect(
      h.call('sites.secrets.changeMasterPassword', {
        currentPassword: MASTER,
        newPassword: 'short',
      }),
    ).rejects.toThrow(); // the contract refuses a new password under 8 characters
    await h.call('sites.secrets.changeMasterPassword', {
      currentPassword: MASTER,
      newPassword: 'the new master password',
    });
    expect(h.events).toContain('sites.changed');

    const restarted = await sitesHarness({ dataDir: h.dataDir });
    await expect(
      restarted.call('sites.secrets.unlock', { masterPassword: MASTER }),
    ).rejects.toMatchObject({ code: 'auth_failed' });
    await restarted.call('sites.secrets.unlock', { masterPassword: 'the new master password' });
    await restarted.call('sites.connect', { siteId: site.id });
    expect(restarted.connects[0]?.password).toBe('server password');
  });

  it('"forgot the master password" forgets every saved secret but keeps every site', async () => {
    const { h } = await withSavedPassword();
    const restarted = await sitesHarness({ dataDir: h.dataDir });
    expect(await restarted.call('sites.secrets.forgetAll', {})).toEqual({ kind: 'none' });

    const list = await restarted.call('sites.list', {});
    expect(list.protection).toEqual({ kind: 'none' });
    expect(list.sites.map((s) => [s.name, s.hasPassword, s.hasPassphrase])).toEqual([
      ['Saved', false, false],
      ['Key', false, false],
    ]);
    await expect(access(join(h.dataDir, VAULT_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    // A new master password can be set afterwards.
    await restarted.call('sites.secrets.useMasterPassword', { masterPassword: 'a fresh start!' });
    expect((await restarted.call('sites.list', {})).protection).toEqual({
      kind: 'master-password',
      unlocked: true,
    });
  });

  it('another running app notices the vault is gone and stops offering to unlock it', async () => {
    const { h } = await withSavedPassword();
    const other = await sitesHarness({ dataDir: h.dataDir });
    expect((await other.call('sites.list', {})).protection.kind).toBe('master-password');
    await h.call('sites.secrets.forgetAll', {});
    expect((await other.call('sites.list', {})).protection).toEqual({ kind: 'none' });
  });

  it('refuses to change, stop or forget where there is no master password', async () => {
    h = await sitesHarness();
    const refusals = [
      h.call('sites.secrets.changeMasterPassword', {
        currentPassword: 'x',
        newPassword: 'long enough',
      }),
      h.call('sites.secrets.stopMasterPassword', { masterPassword: 'x' }),
      h.call('sites.secrets.forgetAll', {}),
    ];
    for (const refusal of refusals) {
      await expect(refusal).rejects.toMatchObject({ code: 'invalid_input' });
    }
  });
});
