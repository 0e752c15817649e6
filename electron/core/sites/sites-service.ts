/**
 * The site manager's core: saved sites (SiteStore), their secrets (Secrets) and connecting with
 * them. Passwords enter here from the renderer or an import and leave only towards a server.
 */
import { randomUUID } from 'node:crypto';
import type { EmitEvent } from '../../../shared/contract';
import {
  plainFtpAcknowledged,
  plainFtpServerKey,
  type SiteDraft,
  type SiteProfile,
  type SiteSession,
  type SitesSnapshot,
} from '../../../shared/contract/sites';
import type { JumpHostSettings } from '../../../shared/jump-host';
import type { ProxySettings } from '../../../shared/proxy';
import type { ConnectionParams, SessionInfo } from '../../../shared/types';
import type { SessionOptions } from '../remote/sessions';
import { secretName } from '../secrets/secret-store';
import type { Secrets } from '../secrets/secrets';
import { NAME_MAX, type SitesDocument } from './document';
import {
  connectionParamsFor,
  passwordNeeded,
  sameServer,
  savedSecretNotForThisServer,
  type SiteSecrets,
} from './site-connection';
import * as ops from './site-ops';
import {
  proxyPasswordPlan,
  proxySecretName,
  sameSiteProxy,
  savedProxyPassword,
  siteProxy,
} from './site-proxy';
import {
  jumpPassphraseName,
  jumpPasswordName,
  jumpSecretPlan,
  sameSiteJump,
  savedJumpSecrets,
  siteJump,
} from './site-jump';
import { damagedStoreError, type SiteStore } from './site-store';
import { clampText } from './text-limits';

export interface SitesServiceDeps {
  store: SiteStore;
  secrets: () => Promise<Secrets>;
  emit: EmitEvent;
  connect: (params: ConnectionParams, options?: SessionOptions) => Promise<SessionInfo>;
  disconnect: (sessionId: string) => Promise<void>;
  /** After a site was saved (its open sessions may follow its new time offset). */
  siteSaved?: (site: SiteProfile) => void;
}

export interface SecretChanges {
  password?: string | null;
  passphrase?: string | null;
  proxyPassword?: string | null;
  jumpPassword?: string | null;
  jumpPassphrase?: string | null;
}

export interface OneTimeSecrets extends SiteSecrets {
  proxyPassword?: string;
  jumpPassword?: string;
  jumpPassphrase?: string;
}

const FLAG_OF = {
  password: 'hasPassword',
  passphrase: 'hasPassphrase',
  'proxy-password': 'hasProxyPassword',
  'jump-password': 'hasJumpPassword',
  'jump-passphrase': 'hasJumpPassphrase',
} as const;

function usesPassword(site: SiteDraft): boolean {
  return site.auth === 'password' || site.auth === 'ask';
}

export class SitesService {
  constructor(private readonly deps: SitesServiceDeps) {}

  async snapshot(): Promise<SitesSnapshot> {
    const [state, secrets] = await Promise.all([this.deps.store.read(), this.deps.secrets()]);
    await secrets.refresh();
    const protection = secrets.protection;
    if (!state.ok)
      return { folders: [], sites: [], recent: [], protection, damaged: state.damaged };
    const { folders, sites, recent } = state.document;
    return { folders, sites, recent, protection };
  }

  /** Edits the file and tells every window. */
  async change<T>(edit: (doc: SitesDocument) => T): Promise<T> {
    const result = await this.deps.store.update(edit);
    this.deps.emit('sites.changed', { at: Date.now() });
    return result;
  }

  async save(input: SiteDraft, changes: SecretChanges = {}): Promise<SiteProfile> {
    // An acknowledgement of plain FTP means nothing for an encrypted protocol: do not keep it.
    const draft = input.protocol === 'ftp' ? input : { ...input, plainFtpAcknowledgedFor: null };
    const secrets = await this.deps.secrets();
    const id = draft.id ?? randomUUID();
    const keepsPassword = draft.auth === 'password';
    const keepsPassphrase = draft.auth === 'key';
    const writes: [string, string][] = [];
    const forgets: string[] = [];
    const flags: Partial<ops.SiteFlags> = {};
    const before = draft.id === undefined ? undefined : await this.savedSite(draft.id);
    // The own proxy's password: kept only for the proxy and user it was saved for.
    const proxyPlan = proxyPasswordPlan(draft, before, changes.proxyPassword);
    if (proxyPlan.write !== undefined) writes.push([proxySecretName(id), proxyPlan.write]);
    else if (!proxyPlan.has) forgets.push(proxySecretName(id));
    flags.hasProxyPassword = proxyPlan.has;
    // The jump host's password or key passphrase: the same, for the jump host and its user.
    for (const [kind, change, name, flag] of [
      ['password', changes.jumpPassword, jumpPasswordName(id), 'hasJumpPassword'],
      ['passphrase', changes.jumpPassphrase, jumpPassphraseName(id), 'hasJumpPassphrase'],
    ] as const) {
      const plan = jumpSecretPlan(kind, draft, before, change);
      if (plan.write !== undefined) writes.push([name, plan.write]);
      else if (!plan.has) forgets.push(name);
      flags[flag] = plan.has;
    }
    for (const [kind, value, keeps] of [
      ['password', changes.password, keepsPassword],
      ['passphrase', changes.passphrase, keepsPassphrase],
    ] as const) {
      const flag = kind === 'password' ? 'hasPassword' : 'hasPassphrase';
      if (!keeps || value === null) {
        flags[flag] = false;
        forgets.push(secretName(id, kind));
      } else if (typeof value === 'string') {
        flags[flag] = true;
        writes.push([secretName(id, kind), value]);
      }
    }
    if (changes.password !== undefined || !keepsPassword) flags.passwordNotImported = false;
    // Secrets first: a site never claims a password the store does not have.
    for (const [name, value] of writes) await secrets.set(name, value);
    let saved: SiteProfile;
    try {
      saved = await this.change((doc) =>
        draft.id === undefined
          ? ops.addSite(
              doc,
              draft,
              id,
              { hasPassword: false, hasPassphrase: false, passwordNotImported: false, ...flags },
              Date.now(),
            )
          : ops.updateSite(doc, { ...draft, id }, flags, Date.now()),
      );
    } catch (error) {
      if (draft.id === undefined) for (const [name] of writes) await secrets.delete(name);
      throw error;
    }
    for (const name of forgets) await secrets.delete(name);
    this.deps.siteSaved?.(saved);
    return saved;
  }

  async duplicate(siteId: string): Promise<SiteProfile> {
    const secrets = await this.deps.secrets();
    const newId = randomUUID();
    const copy = await this.change((doc) => ops.duplicateSite(doc, siteId, newId, Date.now()));
    // Best effort: a copy whose secret could not be copied asks for it at connect time.
    const lost: Partial<SiteProfile> = {};
    for (const kind of [
      'password',
      'passphrase',
      'proxy-password',
      'jump-password',
      'jump-passphrase',
    ] as const) {
      const flag = FLAG_OF[kind];
      if (!copy[flag]) continue;
      const value = await secrets.get(secretName(siteId, kind)).catch(() => undefined);
      if (value !== undefined && secrets.canStore)
        await secrets.set(secretName(newId, kind), value);
      else lost[flag] = false;
    }
    if (Object.keys(lost).length === 0) return copy;
    return this.change((doc) => ops.updateSite(doc, ops.findSite(doc, newId), lost, Date.now()));
  }

  async delete(siteId: string): Promise<void> {
    await this.change((doc) => ops.deleteSite(doc, siteId));
    await this.forgetSecrets([siteId]);
  }

  async deleteFolder(folderId: string): Promise<void> {
    const removed = await this.change((doc) => ops.deleteFolder(doc, folderId));
    await this.forgetSecrets(removed.map((s) => s.id));
  }

  private async forgetSecrets(siteIds: string[]): Promise<void> {
    const secrets = await this.deps.secrets();
    for (const id of siteIds) {
      await secrets.delete(secretName(id, 'password'));
      await secrets.delete(secretName(id, 'passphrase'));
      await secrets.delete(proxySecretName(id));
      await secrets.delete(jumpPasswordName(id));
      await secrets.delete(jumpPassphraseName(id));
    }
  }

  async connect(
    siteId: string,
    given: OneTimeSecrets & { remember?: boolean; plainFtpConsentFor?: string },
  ): Promise<SiteSession> {
    const state = await this.deps.store.read();
    if (!state.ok) throw damagedStoreError(state.damaged);
    const site = ops.findSite(state.document, siteId);
    const secrets = await this.resolveSecrets(site, given);
    const params = connectionParamsFor(
      site,
      secrets,
      // The page's yes counts only for where the saved site goes now (its copy may be older).
      given.plainFtpConsentFor === plainFtpServerKey(site) || plainFtpAcknowledged(site),
    );
    params.proxy = siteProxy(
      site,
      given.proxyPassword ?? (await savedProxyPassword(await this.deps.secrets(), site)),
    );
    const savedJump = await savedJumpSecrets(await this.deps.secrets(), site);
    const jump = siteJump(site, {
      password: given.jumpPassword ?? savedJump.password,
      passphrase: given.jumpPassphrase ?? savedJump.passphrase,
    });
    if (jump) params.jump = jump;
    // The site's limit follows the session to the transfer queue (servers that cap connections).
    // The site's name titles the tab again after a page reload.
    const session = await this.deps.connect(params, {
      site: { id: site.id, name: site.name },
      ...(site.transferConcurrency === null
        ? {}
        : { transferConnections: site.transferConcurrency }),
      ...(site.serverTimeOffsetMinutes === 0
        ? {}
        : { serverTimeOffsetMinutes: site.serverTimeOffsetMinutes }),
    });
    await this.afterConnect(site, params, given).catch(() => undefined);
    const result: SiteSession = { ...session, siteId };
    if (site.remoteDir) result.initialRemoteDir = site.remoteDir;
    if (site.localDir) result.initialLocalDir = site.localDir;
    if (site.transferConcurrency !== null) result.transferConcurrency = site.transferConcurrency;
    return result;
  }

  /**
   * The way the saved site's connections go, for the security check: its SSH jump host (null:
   * none) with its saved secrets, and its proxy (undefined: the app's; null: none).
   */
  async route(
    siteId: string,
  ): Promise<{ jump: JumpHostSettings | null; proxy: ProxySettings | null | undefined }> {
    const state = await this.deps.store.read();
    if (!state.ok) throw damagedStoreError(state.damaged);
    const site = ops.findSite(state.document, siteId);
    const secrets = await this.deps.secrets();
    const jump = siteJump(site, await savedJumpSecrets(secrets, site));
    return { jump, proxy: siteProxy(site, await savedProxyPassword(secrets, site)) };
  }

  /**
   * Connects with the form's values, then disconnects: the form's "Test connection". Saved
   * secrets are used only while the form still points at the saved site's server.
   */
  async test(
    draft: SiteDraft,
    given: OneTimeSecrets & { plainFtpAcknowledged?: boolean },
  ): Promise<{ home: string; serverBanner?: string }> {
    let stored: SiteProfile | undefined;
    if (draft.id !== undefined) {
      const state = await this.deps.store.read();
      stored = state.ok ? state.document.sites.find((s) => s.id === draft.id) : undefined;
    }
    let secrets: SiteSecrets = given;
    if (stored && sameServer(stored, draft)) {
      secrets = await this.resolveSecrets({ ...stored, auth: draft.auth, name: draft.name }, given);
    } else if (stored?.hasPassword && usesPassword(draft) && given.password === undefined) {
      throw savedSecretNotForThisServer(stored.name);
    }
    const params = connectionParamsFor(draft, secrets, given.plainFtpAcknowledged);
    const savedForThisProxy =
      stored && sameSiteProxy(stored, draft)
        ? await savedProxyPassword(await this.deps.secrets(), stored)
        : undefined;
    params.proxy = siteProxy(draft, given.proxyPassword ?? savedForThisProxy);
    const savedJump =
      stored && sameSiteJump(stored, draft)
        ? await savedJumpSecrets(await this.deps.secrets(), stored)
        : {};
    const jump = siteJump(draft, {
      password: given.jumpPassword ?? savedJump.password,
      passphrase: given.jumpPassphrase ?? savedJump.passphrase,
    });
    if (jump) params.jump = jump;
    const session = await this.deps.connect(params);
    await this.deps.disconnect(session.sessionId).catch(() => undefined);
    return session.serverBanner === undefined
      ? { home: session.home }
      : { home: session.home, serverBanner: session.serverBanner };
  }

  /** Adds a successful connection to the recent list (quick connects included). */
  async recordRecent(params: ConnectionParams, site?: { id: string; name: string }): Promise<void> {
    await this.change((doc) =>
      ops.addRecent(doc, {
        ...(site ? { siteId: site.id } : {}),
        name:
          site?.name ??
          clampText(`${params.user ? `${params.user}@` : ''}${params.host}`, NAME_MAX),
        protocol: params.protocol,
        host: params.host,
        port: params.port,
        user: params.user,
        at: Date.now(),
      }),
    );
  }

  private async savedSite(siteId: string): Promise<SiteProfile | undefined> {
    const state = await this.deps.store.read();
    return state.ok ? state.document.sites.find((s) => s.id === siteId) : undefined;
  }

  private async resolveSecrets(site: SiteProfile, given: SiteSecrets): Promise<SiteSecrets> {
    const secrets = await this.deps.secrets();
    const out: SiteSecrets = {};
    if (given.password !== undefined) out.password = given.password;
    else if (site.auth === 'password' && site.hasPassword) {
      out.password = await secrets.get(secretName(site.id, 'password'));
      if (out.password === undefined) throw passwordNeeded(site.name);
    }
    if (given.passphrase !== undefined) out.passphrase = given.passphrase;
    else if (site.auth === 'key' && site.hasPassphrase) {
      out.passphrase = await secrets.get(secretName(site.id, 'passphrase'));
    }
    return out;
  }

  private async afterConnect(
    site: SiteProfile,
    params: ConnectionParams,
    given: OneTimeSecrets & { remember?: boolean },
  ): Promise<void> {
    const secrets = await this.deps.secrets();
    if (
      given.remember &&
      given.password !== undefined &&
      site.auth === 'password' &&
      secrets.canStore
    ) {
      await secrets.set(secretName(site.id, 'password'), given.password);
      await this.deps.store.update((doc) => {
        Object.assign(ops.findSite(doc, site.id), {
          hasPassword: true,
          passwordNotImported: false,
        });
      });
    }
    await this.recordRecent(params, site);
  }
}
