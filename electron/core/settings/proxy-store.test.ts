/**
 * The app's proxy setting on disk: its password is kept with the saved passwords (here the
 * safeStorage stand-in: real AES-GCM), never in proxy.json, never given back to the page, and
 * only for the proxy and user it was saved for.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Secrets } from '../secrets/secrets';
import { safeStorageStandIn } from '../secrets/testing/safe-storage-stand-in';
import { PROXY_FILE, ProxyStore } from './proxy-store';

let dir: string;
let secrets: Promise<Secrets>;
let store: ProxyStore;
const endpoint = { kind: 'socks5' as const, host: 'proxy.corp', port: 1080, user: 'me' };
const PASSWORD = 'proxy-pw-4711';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-proxy-store-'));
  const safeStorage = safeStorageStandIn();
  secrets = Secrets.open({ dataDir: dir, safeStorage, loadKeyring: async () => undefined });
  store = new ProxyStore(dir, () => secrets);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function everyFileText(): Promise<string> {
  const names = await readdir(dir);
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('\n');
}

it('starts with no proxy, and connections go direct', async () => {
  expect(await store.get()).toBeNull();
  expect(await store.forConnection()).toBeUndefined();
});

it('keeps the password out of every file in clear and out of what the page gets', async () => {
  const choice = await store.set(endpoint, PASSWORD);
  expect(choice).toEqual({ ...endpoint, hasPassword: true });
  expect(JSON.stringify(choice)).not.toContain(PASSWORD);
  expect(await everyFileText()).not.toContain(PASSWORD);
  expect(JSON.parse(await readFile(join(dir, PROXY_FILE), 'utf8'))).toMatchObject({
    proxy: endpoint,
    hasPassword: true,
  });
  expect(await store.forConnection()).toEqual({ ...endpoint, password: PASSWORD });
});

it('keeps a saved password for the same proxy and user only', async () => {
  await store.set(endpoint, PASSWORD);
  await store.set({ ...endpoint }); // the form saved again without typing it
  expect(await store.forConnection()).toEqual({ ...endpoint, password: PASSWORD });
  await store.set({ ...endpoint, host: 'elsewhere.corp' });
  expect(await store.get()).toMatchObject({ host: 'elsewhere.corp', hasPassword: false });
  expect(await store.forConnection()).toEqual({ ...endpoint, host: 'elsewhere.corp' });
  expect(await (await secrets).get('app:proxy:password')).toBeUndefined();
});

it('"No proxy" forgets the proxy and its password', async () => {
  await store.set(endpoint, PASSWORD);
  expect(await store.set(null)).toBeNull();
  expect(await store.forConnection()).toBeUndefined();
  expect(await (await secrets).get('app:proxy:password')).toBeUndefined();
});

it('refuses to save a password where nothing can keep it, in words', async () => {
  const bare = new ProxyStore(dir, () =>
    Secrets.open({ dataDir: dir, loadKeyring: async () => undefined }),
  );
  await expect(bare.set(endpoint, PASSWORD)).rejects.toMatchObject({
    code: 'secret_unavailable',
    hint: expect.stringContaining('master password'),
  });
  expect(await bare.set({ kind: 'socks5', host: 'proxy.corp', port: 1080 })).toMatchObject({
    hasPassword: false,
  });
});
