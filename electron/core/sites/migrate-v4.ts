/**
 * Version 5 adds each site's SSH jump host (off, host, port, user, password or key file); the
 * fields have defaults (off), so a version-4 site reads unchanged. The version is raised so that
 * a Ferry that knows only version 4, which would drop the jump host when it next writes the
 * file, refuses to change it instead (as versions 3 and 4 did).
 */
import { z } from 'zod';

const documentV4 = z.looseObject({ version: z.literal(4) });

export function migrateV4(data: unknown): unknown {
  return { ...documentV4.parse(data), version: 5 };
}
