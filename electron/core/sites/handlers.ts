/**
 * The site manager's part of the contract. The composition root (electron/core/app.ts) spreads
 * these handlers into its own and passes the session manager's connect/disconnect.
 */
import { randomUUID } from 'node:crypto';
import type { EmitEvent, Handlers, MethodName } from '../../../shared/contract';
import { FerryError } from '../../../shared/errors';
import type { ConnectionParams, SessionInfo } from '../../../shared/types';
import type { SessionOptions } from '../remote/sessions';
import type { KeyringEntryClass } from '../secrets/keyring-store';
import type { SafeStorageLike } from '../secrets/secret-store';
import { Secrets } from '../secrets/secrets';
import { addBookmark, deleteBookmark, renameBookmark } from './bookmark-ops';
import { exportSites } from './export-sites';
import { importSites } from './import-sites';
import { parseImport, previewOf } from './import/parse-import';
import { siteIsForSession } from './site-connection';
import * as ops from './site-ops';
import { damagedStoreError, SiteStore } from './site-store';
import { SitesService } from './sites-service';

export interface SitesDeps {
  dataDir: string;
  emit: EmitEvent;
  edition: 'desktop' | 'browser';
  /** Electron's safeStorage (desktop only). */
  safeStorage?: SafeStorageLike;
  /** The session manager's connect: trust prompts and errors as for remote.connect. */
  connect: (params: ConnectionParams, options?: SessionOptions) => Promise<SessionInfo>;
  disconnect: (sessionId: string) => Promise<void>;
  /** The open sessions (for sites.session.adopt): what each is, and giving one to a site. */
  sessions?: {
    info(sessionId: string): SessionInfo;
    adoptSite(
      sessionId: string,
      site: { id: string; name: string },
      serverTimeOffsetMinutes: number,
    ): void;
    /** A saved site's time offset changed: its open sessions follow. */
    siteTimeOffsetChanged(siteId: string, serverTimeOffsetMinutes: number): void;
  };
  /** Test seam; defaults to loading the optional `@napi-rs/keyring`. */
  loadKeyring?: () => Promise<KeyringEntryClass | undefined>;
}

type SitesMethodName = Extract<MethodName, `sites.${string}`>;
export type SitesHandlers = Pick<Handlers, SitesMethodName>;

export interface Sites {
  handlers: SitesHandlers;
  /** Adds a successful quick connection (remote.connect) to the recent list. */
  recordRecent(params: ConnectionParams): Promise<void>;
  /** Where passwords are kept (the app's proxy password is kept there too). */
  secrets: () => Promise<Secrets>;
  /** The way a saved site's connections go: jump host and proxy (for the security check). */
  route: SitesService['route'];
}

export function createSites(deps: SitesDeps): Sites {
  let secrets: Promise<Secrets> | undefined;
  const getSecrets = () => {
    secrets ??= Secrets.open({
      dataDir: deps.dataDir,
      ...(deps.safeStorage ? { safeStorage: deps.safeStorage } : {}),
      ...(deps.loadKeyring ? { loadKeyring: deps.loadKeyring } : {}),
    });
    return secrets;
  };
  const store = new SiteStore(deps.dataDir);
  const service = new SitesService({
    store,
    secrets: getSecrets,
    emit: deps.emit,
    connect: deps.connect,
    disconnect: deps.disconnect,
    siteSaved: (site) =>
      deps.sessions?.siteTimeOffsetChanged(site.id, site.serverTimeOffsetMinutes),
  });
  const changed = () => deps.emit('sites.changed', { at: Date.now() });

  const handlers: SitesHandlers = {
    'sites.list': () => service.snapshot(),
    'sites.save': ({ site, secrets: changes }) => service.save(site, changes),
    'sites.duplicate': ({ siteId }) => service.duplicate(siteId),
    'sites.delete': ({ siteId }) => service.delete(siteId),
    'sites.folder.create': ({ name, parentId }) =>
      service.change((doc) => ops.createFolder(doc, name, parentId, randomUUID())),
    'sites.folder.delete': ({ folderId }) => service.deleteFolder(folderId),
    'sites.rename': ({ kind, id, name }) =>
      service.change((doc) => ops.renameEntry(doc, kind, id, name)),
    'sites.move': ({ kind, id, parentId }) =>
      service.change((doc) => ops.moveEntry(doc, kind, id, parentId)),
    'sites.connect': ({ siteId, ...given }) => service.connect(siteId, given),
    'sites.test': ({ site, ...given }) => service.test(site, given),
    'sites.bookmark.add': ({ siteId, bookmark }) =>
      service.change((doc) => addBookmark(doc, siteId, bookmark, randomUUID())),
    'sites.bookmark.rename': ({ siteId, bookmarkId, name }) =>
      service.change((doc) => renameBookmark(doc, siteId, bookmarkId, name)),
    'sites.bookmark.delete': ({ siteId, bookmarkId }) =>
      service.change((doc) => deleteBookmark(doc, siteId, bookmarkId)),
    'sites.session.adopt': async ({ sessionId, siteId }) => {
      const state = await store.read();
      if (!state.ok) throw damagedStoreError(state.damaged);
      const site = ops.findSite(state.document, siteId);
      const sessions = deps.sessions;
      if (!sessions) throw new FerryError('internal', 'Sessions cannot be given to a site here.');
      if (!siteIsForSession(site, sessions.info(sessionId))) {
        throw new FerryError(
          'invalid_input',
          `“${site.name}” is for another server or user than this connection.`,
          'Save the connection as a new site, or connect with the site itself.',
        );
      }
      sessions.adoptSite(sessionId, { id: site.id, name: site.name }, site.serverTimeOffsetMinutes);
    },
    'sites.recent.clear': () =>
      service.change((doc) => {
        doc.recent = [];
      }),
    'sites.import.preview': async ({ format, content }) =>
      previewOf(format, parseImport(format, content)),
    'sites.import.commit': async ({ format, content, skip }) =>
      importSites(format, content, skip, await getSecrets(), (edit) => service.change(edit)),
    'sites.export': async ({ scope }) => {
      const state = await store.read();
      if (!state.ok) throw damagedStoreError(state.damaged);
      return exportSites(state.document, scope);
    },
    'sites.store.recover': async ({ action }) => {
      await store.recover(action);
      changed();
      return service.snapshot();
    },
    'sites.secrets.useMasterPassword': async ({ masterPassword }) => {
      const protection = await (await getSecrets()).useMasterPassword(masterPassword);
      changed();
      return protection;
    },
    'sites.secrets.unlock': async ({ masterPassword }) => {
      const protection = await (await getSecrets()).unlock(masterPassword);
      changed();
      return protection;
    },
    'sites.secrets.changeMasterPassword': async ({ currentPassword, newPassword }) => {
      const secrets = await getSecrets();
      const protection = await secrets.changeMasterPassword(currentPassword, newPassword);
      changed();
      return protection;
    },
    'sites.secrets.stopMasterPassword': async ({ masterPassword }) => {
      const protection = await (await getSecrets()).stopMasterPassword(masterPassword);
      changed();
      return protection;
    },
    'sites.secrets.forgetAll': async () => {
      const secrets = await getSecrets();
      if (secrets.protection.kind !== 'master-password') {
        throw new FerryError(
          'invalid_input',
          'There is no master password to forget.',
          'Delete a single saved password in the site’s settings instead.',
        );
      }
      // The sites first: a crash in between leaves unreadable ciphertext behind, never a site
      // that claims a password which no longer exists.
      await service.change((doc) => ops.clearSavedSecrets(doc, Date.now()));
      return secrets.forgetMasterPasswordVault();
    },
  };
  return {
    handlers,
    recordRecent: (params) => service.recordRecent(params),
    secrets: getSecrets,
    route: (siteId) => service.route(siteId),
  };
}

export function createSitesHandlers(deps: SitesDeps): SitesHandlers {
  return createSites(deps).handlers;
}
