/**
 * Ferry's own sites file (site manager → Export…): folders and sites with their settings and
 * bookmarks, never a password, passphrase or proxy password, and no trust decision (known host
 * keys, pinned certificates, a plain-FTP acknowledgement stay with the computer that made them).
 *
 * The version is the sites file's (`sites.json`) whose site settings the export carries: 3 the
 * first exports (bookmarks, server time offset), 4 a site's proxy and FTP file name encoding, 5
 * its SSH jump host. A site setting new to the sites file raises that version (a migration), and
 * with it the export's, so a Ferry that does not know the setting refuses the file in words
 * instead of importing the sites without it. Older export files are read: what they lack takes
 * the form's defaults. Version 3 is the first one Ferry reads back.
 */
import { z } from 'zod';
import { siteDraft, type SiteDraft } from '../../../../shared/contract/sites';
import { CURRENT_VERSION } from '../document';

export const FERRY_EXPORT_FORMAT = 'ferry-sites';
export const FERRY_EXPORT_VERSION = CURRENT_VERSION;
/** The oldest export file Ferry reads (Ferry's first exports). */
export const FERRY_EXPORT_OLDEST = 3;

/** A file with more is refused: importing is quadratic in the sites of one folder. */
export const EXPORT_SITES_MAX = 5000;
export const EXPORT_FOLDERS_MAX = 2000;
/** Deeper folders are not placed as written (the site goes to the top level, with a note). */
export const EXPORT_FOLDER_DEPTH_MAX = 32;

/**
 * The settings that travel: every field of the site form but its id, name and folder (the file
 * places sites by its own folder list) and the plain-FTP acknowledgement (the user's consent on
 * this computer, asked again on the other). New form fields travel without a change here.
 */
const NOT_SETTINGS = ['id', 'name', 'folderId', 'plainFtpAcknowledgedFor'] as const;
export const SITE_SETTING_KEYS = Object.keys(siteDraft.shape).filter(
  (key) => !(NOT_SETTINGS as readonly string[]).includes(key),
) as (keyof SiteDraft)[];

const folderId = z.string().min(1).max(100);

/** The outside of the file, checked before its sites; each site is then checked on its own. */
export const ferryExportFile = z.object({
  format: z.literal(FERRY_EXPORT_FORMAT),
  version: z.number().int().min(FERRY_EXPORT_OLDEST).max(FERRY_EXPORT_VERSION),
  exportedAt: z.string().max(100).optional(),
  folders: z
    .array(
      z.object({
        id: folderId,
        name: z.string().max(1000),
        parentId: folderId.nullable(),
      }),
    )
    .max(EXPORT_FOLDERS_MAX),
  sites: z.array(z.record(z.string(), z.unknown())).max(EXPORT_SITES_MAX),
});
export type FerryExportFile = z.output<typeof ferryExportFile>;
export type ExportedFolder = FerryExportFile['folders'][number];

/** One site as the file has it (the writer's shape; the reader trusts none of it). */
export type ExportedSite = Partial<Omit<SiteDraft, (typeof NOT_SETTINGS)[number]>> & {
  name: string;
  folderId: string | null;
  bookmarks: { name: string; remoteDir: string; localDir: string; syncBrowsing: boolean }[];
};
