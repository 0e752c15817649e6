/**
 * A site's SSH jump host: it reaches the connection with its login, its password or key
 * passphrase kept like the site's own (no file holds it in clear, the page never gets it), only
 * for the jump host and user it was saved for, and it goes with the site.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { safeStorageStandIn } from '../secrets/testing/safe-storage-stand-in';
import { sitesHarness, type SitesHarness } from './testing/sites-harness';
import { sampleDraft } from './testing/sample-site';

const JUMP_PW = 'jump-Pässword-7';
let harness: SitesHarness | undefined;
afterEach(async () => {
  if (harness) await rm(harness.dataDir, { recursive: true, force: true });
  harness = undefined;
});

const tunnel = {
  jumpEnabled: true,
  jumpHost: 'bastion.example.com',
  jumpPort: null,
  jumpUser: 'gate',
} as const;

it('a site with a jump host connects through it, its password never in a file or the profile', async () => {
  const h = (harness = await sitesHarness({ safeStorage: safeStorageStandIn() }));
  const plain = await h.call('sites.save', {
    site: sampleDraft({ name: 'Direct' }),
    secrets: { password: 'x' },
  });
  const jumped = await h.call('sites.save', {
    site: sampleDraft({ name: 'Behind', ...tunnel }),
    secrets: { password: 'x', jumpPassword: JUMP_PW },
  });
  expect(jumped.hasJumpPassword).toBe(true);
  expect(JSON.stringify(jumped)).not.toContain(JUMP_PW);
  for (const site of [plain, jumped]) await h.call('sites.connect', { siteId: site.id });
  expect(h.connects.map((c) => c.jump)).toEqual([
    undefined,
    { host: 'bastion.example.com', port: 22, user: 'gate', password: JUMP_PW },
  ]);
  for (const name of await readdir(h.dataDir)) {
    const text = await readFile(join(h.dataDir, name), 'utf8').catch(() => '');
    expect(text, name).not.toContain(JUMP_PW);
  }
});

it('keeps the jump password only for the same jump host and user; asks in words when it has none', async () => {
  const h = (harness = await sitesHarness({ safeStorage: safeStorageStandIn() }));
  const saved = await h.call('sites.save', {
    site: sampleDraft({ name: 'Behind', ...tunnel }),
    secrets: { password: 'x', jumpPassword: JUMP_PW },
  });
  const renamed = await h.call('sites.save', { site: { ...saved, name: 'Renamed' } });
  expect(renamed.hasJumpPassword).toBe(true);
  const moved = await h.call('sites.save', { site: { ...renamed, jumpHost: 'other.example.com' } });
  expect(moved.hasJumpPassword).toBe(false);
  const before = h.connects.length;
  await expect(h.call('sites.connect', { siteId: moved.id })).rejects.toMatchObject({
    code: 'invalid_input',
    message: expect.stringMatching(/SSH jump host other\.example\.com:22 as "gate".*no password/),
  });
  expect(h.connects).toHaveLength(before);
  await h.call('sites.connect', { siteId: moved.id, jumpPassword: 'typed now' });
  expect(h.connects.at(-1)?.jump).toMatchObject({
    host: 'other.example.com',
    password: 'typed now',
  });
});

it('a key file login for the jump host keeps its passphrase; turning the tunnel off forgets it', async () => {
  const h = (harness = await sitesHarness({ safeStorage: safeStorageStandIn() }));
  const saved = await h.call('sites.save', {
    site: sampleDraft({ name: 'Keyed', ...tunnel, jumpAuth: 'key', jumpKeyFile: '/keys/gate' }),
    secrets: { password: 'x', jumpPassphrase: 'phrase' },
  });
  expect(saved).toMatchObject({ hasJumpPassphrase: true, hasJumpPassword: false });
  await h.call('sites.connect', { siteId: saved.id });
  expect(h.connects.at(-1)?.jump).toEqual({
    host: 'bastion.example.com',
    port: 22,
    user: 'gate',
    privateKeyPath: '/keys/gate',
    passphrase: 'phrase',
  });
  const off = await h.call('sites.save', { site: { ...saved, jumpEnabled: false } });
  expect(off.hasJumpPassphrase).toBe(false);
  await h.call('sites.connect', { siteId: off.id });
  expect(h.connects.at(-1)?.jump).toBeUndefined();
});

it('"Test connection" uses the saved jump password only while the form points at that jump host', async () => {
  const h = (harness = await sitesHarness({ safeStorage: safeStorageStandIn() }));
  const saved = await h.call('sites.save', {
    site: sampleDraft({ name: 'Behind', ...tunnel }),
    secrets: { password: 'x', jumpPassword: JUMP_PW },
  });
  await h.call('sites.test', { site: { ...saved, name: 'Renamed in the form' } });
  expect(h.connects.at(-1)?.jump).toMatchObject({ host: 'bastion.example.com', password: JUMP_PW });
  const before = h.connects.length;
  await expect(
    h.call('sites.test', { site: { ...saved, jumpHost: 'elsewhere.example.com' } }),
  ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/no password/) });
  expect(h.connects).toHaveLength(before);
  await h.call('sites.test', {
    site: { ...saved, jumpHost: 'elsewhere.example.com' },
    jumpPassword: 'typed in the form',
  });
  expect(h.connects.at(-1)?.jump).toMatchObject({
    host: 'elsewhere.example.com',
    password: 'typed in the form',
  });
});
