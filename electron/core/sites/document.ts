/**
 * The sites file (`sites.json`): its current shape, and the migrations that bring older files up
 * to it. Secrets are never part of it; `hasPassword` only says one is saved elsewhere.
 */
import { z } from 'zod';
import { bookmarkList } from '../../../shared/contract/bookmarks';
import { siteDraft } from '../../../shared/contract/sites';
import { consentNamesJumpHost } from '../../../shared/plain-ftp-route';
import { PROTOCOLS } from '../../../shared/protocols';
import { migrateV1 } from './migrate-v1';
import { migrateV2 } from './migrate-v2';
import { migrateV3 } from './migrate-v3';
import { migrateV4 } from './migrate-v4';

export const CURRENT_VERSION = 5;

const id = z.string().min(1).max(100);

/** Longest name of a folder or a recent connection. */
export const NAME_MAX = 200;

export const storedSite = siteDraft.extend({
  id,
  hasPassword: z.boolean(),
  hasPassphrase: z.boolean(),
  passwordNotImported: z.boolean(),
  hasProxyPassword: z.boolean().optional(),
  hasJumpPassword: z.boolean().optional(),
  hasJumpPassphrase: z.boolean().optional(),
  bookmarks: bookmarkList,
  revision: z.number().int().min(0),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const storedFolder = z.object({
  id,
  name: z.string().min(1).max(NAME_MAX),
  parentId: id.nullable(),
});

const storedRecent = z.object({
  siteId: id.optional(),
  name: z.string().max(NAME_MAX),
  protocol: z.enum(PROTOCOLS),
  host: z.string().max(255),
  port: z.number().int().min(1).max(65535),
  user: z.string().max(255),
  at: z.number(),
});

export const sitesDocument = z.object({
  version: z.literal(CURRENT_VERSION),
  folders: z.array(storedFolder),
  sites: z.array(storedSite),
  recent: z.array(storedRecent),
});
export type SitesDocument = z.output<typeof sitesDocument>;

export function emptyDocument(): SitesDocument {
  return { version: CURRENT_VERSION, folders: [], sites: [], recent: [] };
}

/** Each step takes the whole file of version N and returns version N+1. */
const MIGRATIONS: Record<number, (data: unknown) => unknown> = {
  1: migrateV1,
  2: migrateV2,
  3: migrateV3,
  4: migrateV4,
};

export type ParseResult =
  | { ok: true; document: SitesDocument; migratedFrom?: number }
  | { ok: false; reason: 'corrupt' | 'newer-version' };

/** Parses and migrates a sites file's text; never throws. */
export function parseSitesFile(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: 'corrupt' };
  }
  if (version > CURRENT_VERSION) return { ok: false, reason: 'newer-version' };
  try {
    for (let v = version; v < CURRENT_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (!step) return { ok: false, reason: 'corrupt' };
      data = step(data);
    }
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  const parsed = sitesDocument.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'corrupt' };
  const document = withoutRoutelessConsents(parsed.data);
  return version === CURRENT_VERSION
    ? { ok: true, document }
    : { ok: true, document, migratedFrom: version };
}

/**
 * Earlier builds wrote a plain-FTP consent as the server alone ("host:port"). On a site behind an
 * SSH jump host it may have been given for that way: kept, it would hold for the server reached
 * directly (the password in clear on another network) once the tunnel is off. It asks again.
 */
function withoutRoutelessConsents(document: SitesDocument): SitesDocument {
  const routeless = (site: SitesDocument['sites'][number]): boolean =>
    site.jumpEnabled &&
    site.plainFtpAcknowledgedFor !== null &&
    !consentNamesJumpHost(site.plainFtpAcknowledgedFor);
  if (!document.sites.some(routeless)) return document;
  const sites = document.sites.map((site) =>
    routeless(site) ? { ...site, plainFtpAcknowledgedFor: null } : site,
  );
  return { ...document, sites };
}

export function serialiseSites(document: SitesDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
