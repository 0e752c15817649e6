/**
 * Version 3 adds bookmarks to each site and FileZilla's "Adjust server time" offset. The version
 * is raised (rather than the fields defaulting) so that an older Ferry, which would drop the
 * bookmarks it does not know when it next writes the file, refuses to change it instead.
 */
import { z } from 'zod';

// Only what this step touches is looked at; the rest of each site passes through as it was and
// is checked by the current schema after the last step.
const documentV2 = z.looseObject({
  version: z.literal(2),
  sites: z.array(z.looseObject({})),
});

export function migrateV2(data: unknown): unknown {
  const v2 = documentV2.parse(data);
  return {
    ...v2,
    version: 3,
    sites: v2.sites.map((site) => ({ serverTimeOffsetMinutes: 0, ...site, bookmarks: [] })),
  };
}
