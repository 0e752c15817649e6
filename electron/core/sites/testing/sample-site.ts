import { DEFAULT_SITE_SETTINGS, type SiteDraft } from '../../../../shared/contract/sites';
import type { ConnectionParams } from '../../../../shared/types';

/** A complete site form for tests; override what the test is about. */
export function sampleDraft(overrides: Partial<SiteDraft> = {}): SiteDraft {
  return {
    ...DEFAULT_SITE_SETTINGS,
    name: 'Example',
    folderId: null,
    host: 'example.test',
    user: 'alice',
    ...overrides,
  };
}

/** A site form for the server `params` connect to (no secret saved: give it when connecting). */
export function sampleDraftFor(
  params: Pick<ConnectionParams, 'host' | 'port' | 'user'>,
  overrides: Partial<SiteDraft> = {},
): SiteDraft {
  return sampleDraft({ host: params.host, port: params.port, user: params.user, ...overrides });
}
