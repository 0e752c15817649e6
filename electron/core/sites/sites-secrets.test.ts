/** The promise: no password of the user's is readable in any file Ferry writes. */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeStorageStandIn } from '../secrets/testing/safe-storage-stand-in';
import { sitesHarness, type SitesHarness } from './testing/sites-harness';
import { sampleDraft } from './testing/sample-site';

const PASSWORDS = ['first-Pässword!', 'second pass word', 'th1rd/with+base64=chars'];

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

/** Every spelling of a password that would make it readable: clear, base64, hex, JSON-escaped. */
function readableForms(password: string): string[] {
  const bytes = Buffer.from(password, 'utf8');
  return [
    password,
    bytes.toString('base64'),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    JSON.stringify(password).slice(1, -1),
  ];
}

let harness: SitesHarness | undefined;
afterEach(async () => {
  if (harness) await rm(harness.dataDir, { recursive: true, force: true });
  harness = undefined;
});

describe.each([
  ['safeStorage (desktop)', () => sitesHarness({ safeStorage: safeStorageStandIn() })],
  [
    'master-password vault',
    async () => {
      const h = await sitesHarness();
      await h.call('sites.secrets.useMasterPassword', { masterPassword: 'a long master pw' });
      return h;
    },
  ],
])('with %s', (_label, make) => {
  it('after saving three sites with passwords, no file holds any of them in a readable form', async () => {
    harness = await make();
    const h = harness;
    for (const [i, password] of PASSWORDS.entries()) {
      await h.call('sites.save', {
        site: sampleDraft({ name: `Site ${i}` }),
        secrets: { password },
      });
    }
    // Also a key passphrase and a duplicate, which copies the secret.
    const keySite = await h.call('sites.save', {
      site: sampleDraft({ name: 'Key', auth: 'key', keyFile: '/k' }),
      secrets: { passphrase: PASSWORDS[0] ?? '' },
    });
    await h.call('sites.duplicate', { siteId: keySite.id });

    const list = await h.call('sites.list', {});
    expect(list.sites.filter((s) => s.hasPassword)).toHaveLength(3);
    const files = await filesUnder(h.dataDir);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const content = await readFile(file, 'utf8');
      for (const password of PASSWORDS) {
        for (const form of readableForms(password)) expect(content).not.toContain(form);
      }
    }
    // And the passwords still work: connecting sends each one to the server.
    for (const site of list.sites.filter((s) => s.hasPassword)) {
      await h.call('sites.connect', { siteId: site.id });
    }
    expect(h.connects.map((c) => c.password)).toEqual(PASSWORDS);
  });
});
