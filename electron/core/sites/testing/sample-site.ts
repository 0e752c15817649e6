import { DEFAULT_SITE_SETTINGS, type SiteDraft } from '../../../../shared/contract/sites';

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
