import { DEFAULT_JUMP_PORT } from '../../../shared/jump-host';
import type { SiteDraft } from '../../../shared/contract/sites';

/** "host:port" of the site's SSH jump host, as the plain-FTP words name it; undefined: none. */
export function siteJumpWords(
  site: Pick<SiteDraft, 'jumpEnabled' | 'jumpHost' | 'jumpPort'>,
): string | undefined {
  const host = site.jumpHost.trim();
  if (!site.jumpEnabled || host === '') return undefined;
  return `${host}:${site.jumpPort ?? DEFAULT_JUMP_PORT}`;
}

/** "user@host:port" of a saved site's SSH jump host, as the security check names it. */
export function savedJumpWords(
  site: Pick<SiteDraft, 'jumpEnabled' | 'jumpHost' | 'jumpPort' | 'jumpUser'>,
): string | undefined {
  const where = siteJumpWords(site);
  return where && `${site.jumpUser}@${where}`;
}
