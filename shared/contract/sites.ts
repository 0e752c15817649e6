import { NAME_ENCODINGS } from '../name-encodings';
import { z } from 'zod';
import { PROTOCOLS, type Protocol } from '../protocols';
import { PROXY_KINDS } from '../proxy';
import type { SessionInfo } from '../types';
import type { Bookmark } from './bookmarks';
import { event, method } from './define';
import { connectId, pageId } from './remote';

/** How a saved site logs in. `ask` asks for the password at every connect. */
export const SITE_AUTH = ['password', 'key', 'agent', 'ask'] as const;
export type SiteAuth = (typeof SITE_AUTH)[number];

export const SITE_COLOURS = [
  'red',
  'orange',
  'yellow',
  'green',
  'cyan',
  'blue',
  'purple',
  'grey',
] as const;
export type SiteColour = (typeof SITE_COLOURS)[number];

const id = z.string().min(1).max(100);
const secret = z.string().max(1024);
const remoteDir = z
  .string()
  .max(4096)
  .refine((p) => p === '' || p.startsWith('/'), 'A remote folder starts with /');

/**
 * FileZilla's "Adjust server time": minutes added to the times the server lists (−24 h..+24 h,
 * in quarter hours so that half-hour and 45-minute zones fit). Older files have none: 0.
 */
export const SERVER_TIME_OFFSET_MAX = 24 * 60;
export const SERVER_TIME_OFFSET_STEP = 15;
export const serverTimeOffset = z
  .number()
  .int()
  .min(-SERVER_TIME_OFFSET_MAX)
  .max(SERVER_TIME_OFFSET_MAX)
  .refine((m) => m % SERVER_TIME_OFFSET_STEP === 0, 'An offset is in steps of 15 minutes');

/** How a site's jump host logs in. */
export const JUMP_AUTH = ['password', 'key'] as const;
export type JumpAuth = (typeof JUMP_AUTH)[number];

export const SITE_PROXY_MODES = ['app', 'none', ...PROXY_KINDS] as const;
export type SiteProxyMode = (typeof SITE_PROXY_MODES)[number];

/** What the site form edits. Empty strings mean "not set". */
export const siteDraft = z.object({
  /** Absent for a new site. */
  id: id.optional(),
  name: z.string().trim().min(1, 'A site needs a name').max(200),
  /** null = top level. */
  folderId: id.nullable(),
  protocol: z.enum(PROTOCOLS),
  host: z.string().trim().min(1, 'A site needs a host').max(255),
  /** null = the protocol's preset port. */
  port: z.number().int().min(1).max(65535).nullable(),
  user: z.string().max(255),
  auth: z.enum(SITE_AUTH),
  keyFile: z.string().max(4096),
  localDir: z.string().max(4096),
  remoteDir,
  /** FTP/FTPS: passive data connections (the default); false = active. */
  passive: z.boolean(),
  minTlsVersion: z.enum(['TLSv1.2', 'TLSv1.3']),
  /** Parallel transfers for this site; null = the app's setting. */
  transferConcurrency: z.number().int().min(1).max(16).nullable(),
  colour: z.enum(SITE_COLOURS).nullable(),
  notes: z.string().max(10_000),
  /**
   * Plain FTP only: the server and the way to it (see plainFtpServerKey) the user said they know
   * is not encrypted. Connecting there that way then skips the question; the "not encrypted"
   * marks still show. Older files have no such field: null.
   */
  plainFtpAcknowledgedFor: z.string().max(600).nullable().default(null),
  /** See serverTimeOffset. */
  serverTimeOffsetMinutes: serverTimeOffset.default(0),
  /**
   * The proxy: 'app' = the app's (Settings → Proxy), 'none' = connect directly, else the site's
   * own (its password with the site's secrets). Older files have none of these: the app's.
   */
  proxyMode: z.enum(SITE_PROXY_MODES).default('app'),
  proxyHost: z.string().trim().max(255).default(''),
  /** null = the kind's usual port (1080 SOCKS5, 8080 HTTP). */
  proxyPort: z.number().int().min(1).max(65535).nullable().default(null),
  /** Empty: the proxy asks for no login. */
  proxyUser: z.string().max(255).default(''),
  /**
   * FTP/FTPS: how the server writes file names (FileZilla's Charset). Older files have none:
   * 'auto', which is how they connected.
   */
  nameEncoding: z.enum(NAME_ENCODINGS).default('auto'),
  /**
   * An SSH jump host (WinSCP's "Connect through SSH tunnel", OpenSSH's ProxyJump): Ferry logs in
   * there and reaches the server from it. Its password or key passphrase is a site secret. Older
   * files have none of these: off.
   */
  jumpEnabled: z.boolean().default(false),
  jumpHost: z.string().trim().max(255).default(''),
  /** null = 22. */
  jumpPort: z.number().int().min(1).max(65535).nullable().default(null),
  jumpUser: z.string().max(255).default(''),
  jumpAuth: z.enum(JUMP_AUTH).default('password'),
  jumpKeyFile: z.string().max(4096).default(''),
});
export type SiteDraft = z.output<typeof siteDraft>;

// A plain-FTP consent's server and way to it: in ../plain-ftp-route.ts, said here as before.
export { plainFtpAcknowledged, plainFtpRouteKey, plainFtpServerKey } from '../plain-ftp-route';

/** The settings a site starts with before the user (or an imported file) fills them in. */
export const DEFAULT_SITE_SETTINGS: Readonly<Omit<SiteDraft, 'id' | 'name' | 'folderId'>> = {
  protocol: 'sftp',
  host: '',
  port: null,
  user: '',
  auth: 'password',
  keyFile: '',
  localDir: '',
  remoteDir: '',
  passive: true,
  minTlsVersion: 'TLSv1.2',
  transferConcurrency: null,
  colour: null,
  notes: '',
  plainFtpAcknowledgedFor: null,
  serverTimeOffsetMinutes: 0,
  proxyMode: 'app',
  proxyHost: '',
  proxyPort: null,
  proxyUser: '',
  nameEncoding: 'auto',
  jumpEnabled: false,
  jumpHost: '',
  jumpPort: null,
  jumpUser: '',
  jumpAuth: 'password',
  jumpKeyFile: '',
};

export interface SiteProfile extends SiteDraft {
  id: string;
  /** A password is saved in the secret store (never sent to the renderer). */
  hasPassword: boolean;
  /** A key passphrase is saved in the secret store. */
  hasPassphrase: boolean;
  /** Imported without its password (e.g. FileZilla's master-password-encrypted ones). */
  passwordNotImported: boolean;
  /** The site's own proxy has a saved password (absent: none). */
  hasProxyPassword?: boolean;
  /** The site's jump host has a saved password, or key passphrase (absent: none). */
  hasJumpPassword?: boolean;
  hasJumpPassphrase?: boolean;
  /**
   * Its bookmarks, in the order added. Changed only by the sites.bookmark.* methods, and without
   * a new revision: the site form does not edit them, so its "changed elsewhere" check ignores them.
   */
  bookmarks: Bookmark[];
  /** Bumped on every change; the form warns when another window changed the site meanwhile. */
  revision: number;
  createdAt: number;
  updatedAt: number;
}

export interface SiteFolder {
  id: string;
  name: string;
  parentId: string | null;
}

export interface RecentConnection {
  /** Set when the connection came from a saved site. */
  siteId?: string;
  name: string;
  protocol: Protocol;
  host: string;
  port: number;
  user: string;
  at: number;
}

/** Which protection passwords get; the site manager states it in one line. */
export type SecretProtection =
  | { kind: 'safe-storage'; backend?: string }
  | { kind: 'keyring' }
  | {
      kind: 'master-password';
      unlocked: boolean;
      /** A better store this computer offers, where "stop using a master password" moves them. */
      alternative?: 'safe-storage' | 'keyring';
    }
  | { kind: 'none' };

/** The sites file could not be read; nothing is changed until the user decides. */
export interface DamagedStore {
  reason: 'corrupt' | 'newer-version' | 'missing';
  message: string;
  file: string;
  /** The last good copy, when one exists and reads correctly. */
  backup?: { file: string; sites: number; folders: number; savedAt: number };
}

export interface SitesSnapshot {
  folders: SiteFolder[];
  sites: SiteProfile[];
  recent: RecentConnection[];
  protection: SecretProtection;
  damaged?: DamagedStore;
}

/** What sites.connect returns: the session plus the site's start folders. */
export interface SiteSession extends SessionInfo {
  siteId: string;
  initialRemoteDir?: string;
  initialLocalDir?: string;
  transferConcurrency?: number;
}

/** `ferry`: a file from Ferry's own Export… (settings only, never a password). */
export const IMPORT_FORMATS = ['filezilla', 'winscp', 'ferry'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportPreviewItem {
  index: number;
  name: string;
  /** Folder names from the top. */
  folderPath: string[];
  protocol?: Protocol;
  host: string;
  port?: number;
  user: string;
  /** A readable password comes along (moved into Ferry's secret store). */
  withPassword: boolean;
  /** Why it cannot be imported; absent when it can. */
  refused?: string;
  /** Things the user should know (password left out, protocol changed). */
  notes: string[];
}

export interface ImportPreview {
  format: ImportFormat;
  items: ImportPreviewItem[];
}

export interface ImportSummary {
  imported: number;
  foldersCreated: number;
  refused: { name: string; reason: string }[];
  passwordsStored: number;
  /** Passwords that were readable but could not be stored (no secret store in effect). */
  passwordsDropped: number;
  withoutPassword: string[];
}

export interface SitesExport {
  fileName: string;
  content: string;
  /** How many sites and folders the file holds. */
  sites: number;
  folders: number;
}

/** The largest file Import… reads (characters; sites files are far smaller). */
export const IMPORT_FILE_MAX_CHARS = 5_000_000;

const importSource = z.object({
  format: z.enum(IMPORT_FORMATS),
  /** The file's text; the renderer reads the file the user picked. */
  content: z.string().min(1).max(IMPORT_FILE_MAX_CHARS),
});

const secretChanges = z.object({
  /** string = save this; null = forget the saved one; absent = keep as is. */
  password: secret.nullable().optional(),
  passphrase: secret.nullable().optional(),
  /** The site's own proxy's password, the same way. */
  proxyPassword: secret.nullable().optional(),
  /** The jump host's password, or its key's passphrase, the same way. */
  jumpPassword: secret.nullable().optional(),
  jumpPassphrase: secret.nullable().optional(),
});

const oneTimeSecrets = {
  password: secret.optional(),
  passphrase: secret.optional(),
  proxyPassword: secret.optional(),
  jumpPassword: secret.optional(),
  jumpPassphrase: secret.optional(),
};

export const sitesMethods = {
  'sites.list': method<SitesSnapshot>()(z.object({})),
  'sites.save': method<SiteProfile>()(
    z.object({ site: siteDraft, secrets: secretChanges.optional() }),
  ),
  'sites.duplicate': method<SiteProfile>()(z.object({ siteId: id })),
  'sites.delete': method<void>()(z.object({ siteId: id })),
  'sites.folder.create': method<SiteFolder>()(
    z.object({ name: z.string().trim().min(1).max(200), parentId: id.nullable() }),
  ),
  /** Deletes the folder with everything in it (the UI confirms first). */
  'sites.folder.delete': method<void>()(z.object({ folderId: id })),
  'sites.rename': method<void>()(
    z.object({
      kind: z.enum(['site', 'folder']),
      id,
      name: z.string().trim().min(1).max(200),
    }),
  ),
  'sites.move': method<void>()(
    z.object({ kind: z.enum(['site', 'folder']), id, parentId: id.nullable() }),
  ),
  /** Connects with the saved secrets; passwords given here are used once unless `remember`. */
  'sites.connect': method<SiteSession>()(
    z.object({
      siteId: id,
      ...oneTimeSecrets,
      /**
       * The plain-FTP server and way to it (plainFtpServerKey) the user said yes to on this page:
       * it counts only while the saved site still goes there (the page's copy may be older).
       */
      plainFtpConsentFor: z.string().max(600).optional(),
      remember: z.boolean().optional(),
      // The page connecting, and its name for this connect: as in remote.connect.
      pageId: pageId.optional(),
      connectId: connectId.optional(),
    }),
  ),
  /** Connects with the form's values and disconnects again. */
  'sites.test': method<{ home: string; serverBanner?: string }>()(
    z.object({ site: siteDraft, ...oneTimeSecrets, plainFtpAcknowledged: z.boolean().optional() }),
  ),
  'sites.recent.clear': method<void>()(z.object({})),
  'sites.import.preview': method<ImportPreview>()(importSource),
  'sites.import.commit': method<ImportSummary>()(
    importSource.extend({ skip: z.array(z.number().int().min(0)).max(100_000) }),
  ),
  /**
   * The sites as a JSON document without any secret or trust decision: all of them, one folder
   * (with everything in it) or one site.
   */
  'sites.export': method<SitesExport>()(
    z.object({ scope: z.object({ kind: z.enum(['site', 'folder']), id }).optional() }),
  ),
  /** The user's answer to a damaged sites file. */
  'sites.store.recover': method<SitesSnapshot>()(
    z.object({ action: z.enum(['restore-backup', 'start-fresh']) }),
  ),
  /** Opts into a file of passwords protected by a master password (when nothing better exists). */
  'sites.secrets.useMasterPassword': method<SecretProtection>()(
    z.object({ masterPassword: z.string().min(8).max(1024) }),
  ),
  'sites.secrets.unlock': method<SecretProtection>()(
    z.object({ masterPassword: z.string().min(1).max(1024) }),
  ),
  /** Re-encrypts every saved secret under a new master password (the current one is required). */
  'sites.secrets.changeMasterPassword': method<SecretProtection>()(
    z.object({
      currentPassword: z.string().min(1).max(1024),
      newPassword: z.string().min(8).max(1024),
    }),
  ),
  /** Moves the saved secrets to the OS store (`alternative`) and deletes the vault. */
  'sites.secrets.stopMasterPassword': method<SecretProtection>()(
    z.object({ masterPassword: z.string().min(1).max(1024) }),
  ),
  /** A forgotten master password: forgets every saved secret; the sites stay. */
  'sites.secrets.forgetAll': method<SecretProtection>()(z.object({})),
};

export const sitesEvents = {
  /** The saved sites changed (maybe in another window): reload the list. */
  'sites.changed': event<{ at: number }>(),
};
