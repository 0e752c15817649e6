/**
 * A saved site's SSH jump host (Site → SSH tunnel, as WinSCP's Tunnel page). Its password, or
 * its key's passphrase, is a site secret like the login's: saved, forgotten, and sent only to the
 * jump host (host, port, user) it was saved for.
 */
import type { SiteDraft, SiteProfile } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import {
  DEFAULT_JUMP_PORT,
  type JumpHostEndpoint,
  type JumpHostSettings,
} from '../../../shared/jump-host';
import { secretName } from '../secrets/secret-store';
import type { Secrets } from '../secrets/secrets';

export const jumpPasswordName = (siteId: string): string => secretName(siteId, 'jump-password');
export const jumpPassphraseName = (siteId: string): string => secretName(siteId, 'jump-passphrase');

/** The site's jump host without its secrets; null: none. */
export function siteJumpEndpoint(site: SiteDraft): JumpHostEndpoint | null {
  if (!site.jumpEnabled) return null;
  const host = site.jumpHost.trim();
  if (host === '' || site.jumpUser === '') {
    throw new FerryError(
      'invalid_input',
      `"${site.name}" connects through an SSH jump host, but its ${host === '' ? 'host' : 'user name'} is not set.`,
      'Edit the site: fill in the SSH tunnel’s host and user, or turn the tunnel off.',
    );
  }
  return { host, port: site.jumpPort ?? DEFAULT_JUMP_PORT, user: site.jumpUser };
}

/**
 * For ConnectionParams.jump, with the secrets its login needs. A password login with no password
 * is refused before connecting: sent without one, the refusal would read as a wrong password (an
 * imported site never brings it).
 */
export function siteJump(
  site: SiteDraft,
  secrets: { password?: string | undefined; passphrase?: string | undefined },
): JumpHostSettings | null {
  const endpoint = siteJumpEndpoint(site);
  if (!endpoint) return null;
  if (site.jumpAuth === 'key') {
    if (site.jumpKeyFile === '') {
      throw new FerryError(
        'invalid_input',
        `"${site.name}" logs in to its SSH jump host with a key file, but no key file is chosen.`,
        'Edit the site and choose the jump host’s private key file.',
      );
    }
    const jump: JumpHostSettings = { ...endpoint, privateKeyPath: site.jumpKeyFile };
    if (secrets.passphrase !== undefined) jump.passphrase = secrets.passphrase;
    return jump;
  }
  if (secrets.password === undefined) {
    // Not secret_unavailable: the page answers that by asking for the server's password.
    throw new FerryError(
      'invalid_input',
      `"${site.name}" connects through the SSH jump host ${endpoint.host}:${endpoint.port} as "${endpoint.user}", and Ferry has no password for it.`,
      'Enter the jump host’s password in the site’s SSH tunnel settings. If the saved passwords are locked, unlock them at the bottom of the site manager.',
    );
  }
  return { ...endpoint, password: secrets.password };
}

/** Same jump host and user: its saved secrets may go there. */
export function sameSiteJump(a: SiteDraft, b: SiteDraft): boolean {
  if (!a.jumpEnabled || !b.jumpEnabled) return false;
  return (
    a.jumpHost.trim().toLowerCase() === b.jumpHost.trim().toLowerCase() &&
    (a.jumpPort ?? DEFAULT_JUMP_PORT) === (b.jumpPort ?? DEFAULT_JUMP_PORT) &&
    a.jumpUser === b.jumpUser
  );
}

/** The saved jump host secrets of a site (those it has and can be read). */
export async function savedJumpSecrets(
  secrets: Secrets,
  site: SiteProfile,
): Promise<{ password?: string; passphrase?: string }> {
  if (!site.jumpEnabled) return {};
  const read = (name: string): Promise<string | undefined> =>
    secrets.get(name).catch(() => undefined);
  const found: { password?: string; passphrase?: string } = {};
  const password = site.hasJumpPassword ? await read(jumpPasswordName(site.id)) : undefined;
  const passphrase = site.hasJumpPassphrase ? await read(jumpPassphraseName(site.id)) : undefined;
  if (password !== undefined) found.password = password;
  if (passphrase !== undefined) found.passphrase = passphrase;
  return found;
}

/**
 * What saving does with one jump host secret: `change` is a new one (string), forget (null) or
 * keep (undefined: only while the jump host and user are the saved ones and the login still uses
 * it).
 */
export function jumpSecretPlan(
  kind: 'password' | 'passphrase',
  draft: SiteDraft,
  saved: SiteProfile | undefined,
  change: string | null | undefined,
): { write?: string; has: boolean } {
  const wantsOne =
    draft.jumpEnabled &&
    (kind === 'password' ? draft.jumpAuth === 'password' : draft.jumpAuth === 'key');
  if (!wantsOne || change === null) return { has: false };
  if (typeof change === 'string')
    return change === '' ? { has: false } : { write: change, has: true };
  const had = kind === 'password' ? saved?.hasJumpPassword : saved?.hasJumpPassphrase;
  return { has: had === true && saved !== undefined && sameSiteJump(saved, draft) };
}
