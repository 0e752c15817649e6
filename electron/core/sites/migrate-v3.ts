/**
 * Version 4 adds each site's proxy (the app's, none, or its own) and an FTP site's file name
 * encoding; both have defaults, so a version-3 site reads unchanged. The version is raised so that
 * a Ferry that knows only version 3, which would drop these settings when it next writes the
 * file, refuses to change it instead (as version 3 did for bookmarks).
 */
import { z } from 'zod';

const documentV3 = z.looseObject({ version: z.literal(3) });

export function migrateV3(data: unknown): unknown {
  return { ...documentV3.parse(data), version: 4 };
}
