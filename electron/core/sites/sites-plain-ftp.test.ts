/** A site's remembered acknowledgement of plain FTP: for its own server only, and revocable. */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { plainFtpServerKey } from '../../../shared/contract/sites';
import { safeStorageStandIn } from '../secrets/testing/safe-storage-stand-in';
import { SITES_FILE } from './site-store';
import { sitesHarness, type SitesHarness } from './testing/sites-harness';
import { sampleDraft } from './testing/sample-site';

let h: SitesHarness | undefined;
afterEach(async () => {
  if (h) await rm(h.dataDir, { recursive: true, force: true });
  h = undefined;
});

const ftpSite = sampleDraft({ name: 'Old box', protocol: 'ftp', host: 'Files.Example.test' });

it('connects without the question only to the server the user acknowledged', async () => {
  h = await sitesHarness({ safeStorage: safeStorageStandIn() });
  const site = await h.call('sites.save', {
    site: { ...ftpSite, plainFtpAcknowledgedFor: plainFtpServerKey(ftpSite) },
    secrets: { password: 'pw' },
  });
  expect(site.plainFtpAcknowledgedFor).toBe('files.example.test:21');
  await h.call('sites.connect', { siteId: site.id });
  expect(h.connects[0]?.plainFtpAcknowledged).toBe(true);

  // Moved to another port: the acknowledgement was for the old one and does not carry over.
  await h.call('sites.save', { site: { ...site, port: 2121 } });
  await h.call('sites.connect', { siteId: site.id });
  expect(h.connects[1]?.plainFtpAcknowledged).toBeUndefined();

  // Revoked in the editor.
  await h.call('sites.save', { site: { ...site, plainFtpAcknowledgedFor: null } });
  await h.call('sites.connect', { siteId: site.id });
  expect(h.connects[2]?.plainFtpAcknowledged).toBeUndefined();
});

it('holds for the way to the server too: another SSH jump host, or none, asks again (the same address may be another machine)', async () => {
  h = await sitesHarness({ safeStorage: safeStorageStandIn() });
  const viaBastion = {
    ...ftpSite,
    jumpEnabled: true,
    jumpHost: 'Bastion.Example.test',
    jumpUser: 'me',
  };
  expect(plainFtpServerKey(viaBastion)).toBe('files.example.test:21 via bastion.example.test:22');
  const site = await h.call('sites.save', {
    site: { ...viaBastion, plainFtpAcknowledgedFor: plainFtpServerKey(viaBastion) },
    secrets: { password: 'pw', jumpPassword: 'jump-pw' },
  });
  await h.call('sites.connect', { siteId: site.id });
  expect(h.connects[0]).toMatchObject({ plainFtpAcknowledged: true, password: 'pw' });

  // Only the jump host changed: the acknowledgement (and so the password in clear) does not follow.
  await h.call('sites.save', {
    site: { ...site, jumpHost: 'other-bastion.example.test' },
    secrets: { jumpPassword: 'other-pw' },
  });
  await h.call('sites.connect', { siteId: site.id });
  expect(h.connects[1]?.plainFtpAcknowledged).toBeUndefined();
  expect(h.connects[1]?.jump?.host).toBe('other-bastion.example.test');

  // Nor to the same address reached directly.
  await h.call('sites.save', { site: { ...site, jumpEnabled: false } });
  await h.call('sites.connect', { siteId: site.id });
  expect(h.connects[2]?.plainFtpAcknowledged).toBeUndefined();

  // Back through the jump host it was given for: it holds again.
  await h.call('sites.save', { site, secrets: { jumpPassword: 'jump-pw' } });
  await h.call('sites.connect', { siteId: site.id });
  expect(h.connects[3]?.plainFtpAcknowledged).toBe(true);
});

it('is dropped when the site switches to an encrypted protocol', async () => {
  h = await sitesHarness();
  const site = await h.call('sites.save', {
    site: { ...ftpSite, plainFtpAcknowledgedFor: plainFtpServerKey(ftpSite) },
  });
  const encrypted = await h.call('sites.save', {
    site: { ...site, protocol: 'ftps-explicit' },
  });
  expect(encrypted.plainFtpAcknowledgedFor).toBeNull();
});

it('reads sites files written before the field existed', async () => {
  h = await sitesHarness();
  await h.call('sites.save', { site: ftpSite });
  const path = join(h.dataDir, SITES_FILE);
  const file = JSON.parse(await readFile(path, 'utf8')) as { sites: Record<string, unknown>[] };
  for (const site of file.sites) delete site.plainFtpAcknowledgedFor;
  await writeFile(path, JSON.stringify(file));
  const list = await h.call('sites.list', {});
  expect(list.damaged).toBeUndefined();
  expect(list.sites[0]?.plainFtpAcknowledgedFor).toBeNull();
});
