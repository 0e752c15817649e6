/**
 * A site's own proxy: "app" leaves the connection to the app's proxy, "none" connects directly,
 * its own goes with its password, which is kept like the login password (no file holds it in
 * clear, the page never gets it), only for the proxy it was saved for, and goes with the site.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { safeStorageStandIn } from '../secrets/testing/safe-storage-stand-in';
import { sitesHarness, type SitesHarness } from './testing/sites-harness';
import { sampleDraft } from './testing/sample-site';

const PROXY_PW = 'proxy-Pässword-42';
let harness: SitesHarness | undefined;
afterEach(async () => {
  if (harness) await rm(harness.dataDir, { recursive: true, force: true });
  harness = undefined;
});

const own = {
  proxyMode: 'socks5',
  proxyHost: 'proxy.corp',
  proxyPort: null,
  proxyUser: 'me',
} as const;

it('app, none and own proxies reach the connection as undefined, null and the proxy', async () => {
  const h = (harness = await sitesHarness({ safeStorage: safeStorageStandIn() }));
  const app = await h.call('sites.save', {
    site: sampleDraft({ name: 'App' }),
    secrets: { password: 'x' },
  });
  const none = await h.call('sites.save', {
    site: sampleDraft({ name: 'Direct', proxyMode: 'none' }),
    secrets: { password: 'x' },
  });
  const mine = await h.call('sites.save', {
    site: sampleDraft({ name: 'Own', ...own }),
    secrets: { password: 'x', proxyPassword: PROXY_PW },
  });
  expect(mine.hasProxyPassword).toBe(true);
  expect(JSON.stringify(mine)).not.toContain(PROXY_PW);
  for (const site of [app, none, mine]) await h.call('sites.connect', { siteId: site.id });
  expect(h.connects.map((c) => c.proxy)).toEqual([
    undefined,
    null,
    { kind: 'socks5', host: 'proxy.corp', port: 1080, user: 'me', password: PROXY_PW },
  ]);
  for (const name of await readdir(h.dataDir)) {
    const text = await readFile(join(h.dataDir, name), 'utf8').catch(() => '');
    expect(text, name).not.toContain(PROXY_PW);
  }
});

it('keeps the proxy password only while the proxy and user stay the same; deleting forgets it', async () => {
  const h = (harness = await sitesHarness({ safeStorage: safeStorageStandIn() }));
  const saved = await h.call('sites.save', {
    site: sampleDraft({ name: 'Own', ...own }),
    secrets: { password: 'x', proxyPassword: PROXY_PW },
  });
  const renamed = await h.call('sites.save', { site: { ...saved, name: 'Renamed' } });
  expect(renamed.hasProxyPassword).toBe(true);
  const moved = await h.call('sites.save', { site: { ...renamed, proxyHost: 'other.corp' } });
  expect(moved.hasProxyPassword).toBe(false);
  // Not sent to the new proxy, and not dialled without one: the page asks for it.
  const connectsBefore = h.connects.length;
  await expect(h.call('sites.connect', { siteId: moved.id })).rejects.toMatchObject({
    code: 'invalid_input',
    message: expect.stringMatching(/own proxy other\.corp:1080 as "me".*no password/),
    hint: expect.stringMatching(/Enter the proxy password in the site’s Proxy settings/),
  });
  expect(h.connects).toHaveLength(connectsBefore);
  await h.call('sites.connect', { siteId: moved.id, proxyPassword: 'typed now' });
  expect(h.connects.at(-1)?.proxy).toEqual({
    kind: 'socks5',
    host: 'other.corp',
    port: 1080,
    user: 'me',
    password: 'typed now',
  });
});

it('an imported site whose own proxy has a user is not dialled without the proxy password', async () => {
  const h = (harness = await sitesHarness({ safeStorage: safeStorageStandIn() }));
  const content = JSON.stringify({
    format: 'ferry-sites',
    version: 3,
    folders: [],
    sites: [{ ...sampleDraft({ name: 'Imported', ...own }), auth: 'ask' }],
  });
  await h.call('sites.import.commit', { format: 'ferry', content, skip: [] });
  const { sites } = await h.call('sites.list', {});
  const imported = sites.find((s) => s.name === 'Imported');
  expect(imported?.proxyUser).toBe('me');
  expect(imported?.hasProxyPassword).toBeFalsy();
  await expect(
    h.call('sites.connect', { siteId: imported?.id ?? '', password: 'x' }),
  ).rejects.toMatchObject({ message: expect.stringMatching(/no password for that proxy/) });
  expect(h.connects).toHaveLength(0);
});
