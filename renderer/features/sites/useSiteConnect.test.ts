import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_SETTINGS, type SiteProfile } from '../../../shared/contract/sites';
import { isAsking, needsJumpPassword, needsProxyPassword, useSiteConnect } from './useSiteConnect';

const site = (overrides: Partial<SiteProfile> = {}): SiteProfile => ({
  ...DEFAULT_SITE_SETTINGS,
  id: 'site-1',
  name: 'Behind a proxy',
  folderId: null,
  protocol: 'sftp',
  host: 'files.example',
  user: 'me',
  hasPassword: true,
  hasPassphrase: false,
  passwordNotImported: false,
  bookmarks: [],
  revision: 1,
  createdAt: 0,
  updatedAt: 0,
  proxyMode: 'http',
  proxyHost: 'proxy.corp',
  proxyUser: 'proxy-me',
  ...overrides,
});

afterEach(() => useSiteConnect.getState().cancel());

describe('connecting to a site whose own proxy has a user', () => {
  it('asks for the proxy password when none is saved, before anything is sent', async () => {
    const imported = site();
    expect(needsProxyPassword(imported)).toBe(true);
    await expect(useSiteConnect.getState().connect(imported)).resolves.toBeUndefined();
    const state = useSiteConnect.getState();
    expect(state.askProxyPassword).toEqual({ site: imported, answers: {} });
    // A reconnect from a tab or an unfinished-transfers restore waits for this answer too.
    expect(isAsking(state)).toBe(true);
  });

  it('asks the login password first, then the proxy password with that answer kept', async () => {
    const asks = site({ auth: 'ask', hasPassword: false });
    await useSiteConnect.getState().connect(asks);
    expect(useSiteConnect.getState().askPassword?.site).toBe(asks);
    await useSiteConnect.getState().connect(asks, { password: 'server secret' });
    const state = useSiteConnect.getState();
    expect(state.askPassword).toBeUndefined();
    expect(state.askProxyPassword?.answers).toEqual({ password: 'server secret' });
    expect(isAsking(state)).toBe(true);
  });

  it('does not ask when the password is saved, or the proxy wants no login', () => {
    expect(needsProxyPassword(site({ hasProxyPassword: true }))).toBe(false);
    expect(needsProxyPassword(site({ proxyUser: '' }))).toBe(false);
    expect(needsProxyPassword(site({ proxyMode: 'app' }))).toBe(false);
  });
});

describe('connecting to a site behind an SSH jump host', () => {
  const jumped = (overrides: Partial<SiteProfile> = {}) =>
    site({
      proxyMode: 'app',
      jumpEnabled: true,
      jumpHost: 'bastion.corp',
      jumpUser: 'gate',
      ...overrides,
    });

  it('asks for the jump host password when none is saved, keeping the answers before it', async () => {
    const imported = jumped({ auth: 'ask', hasPassword: false });
    expect(needsJumpPassword(imported)).toBe(true);
    await useSiteConnect.getState().connect(imported, { password: 'server secret' });
    const state = useSiteConnect.getState();
    expect(state.askJumpPassword).toEqual({
      site: imported,
      answers: { password: 'server secret' },
    });
    expect(isAsking(state)).toBe(true);
  });

  it('does not ask when it is saved, the jump host logs in with a key, or there is none', () => {
    expect(needsJumpPassword(jumped({ hasJumpPassword: true }))).toBe(false);
    expect(needsJumpPassword(jumped({ jumpAuth: 'key', jumpKeyFile: '/k' }))).toBe(false);
    expect(needsJumpPassword(jumped({ jumpEnabled: false }))).toBe(false);
  });
});
