import { create } from 'zustand';
import {
  plainFtpAcknowledged,
  plainFtpServerKey,
  type SiteProfile,
  type SiteSession,
} from '../../../shared/contract/sites';
import type { ErrorInfo } from '../../../shared/errors';
import { defaultPort } from '../../../shared/protocols';
import { call, describeError } from '../../api';
import { hasPlainFtpConsent, rememberPlainFtpConsent } from '../connect/plainFtpConsent';
import { pageId } from '../../transport/pageId';
import { whileConnecting } from '../tabs/connectsInFlight';
import { useSites } from './sitesStore';

export interface ConnectAnswers {
  password?: string;
  remember?: boolean;
  /** For the site's own proxy: asked each time unless saved with the site. */
  proxyPassword?: string;
  /** For the site's SSH jump host, typed in its form where nothing can be saved. */
  jumpPassword?: string;
  jumpPassphrase?: string;
}

interface SiteConnectState {
  /** The site being connected to. */
  connecting?: string;
  error?: ErrorInfo;
  /** Waiting for the user to type a password (the message says why). */
  askPassword?: { site: SiteProfile; message?: string };
  /** Waiting for the password of the site's own proxy (`answers`: what was asked before). */
  askProxyPassword?: { site: SiteProfile; answers: ConnectAnswers };
  /** Waiting for the SSH jump host's password (none saved for it). */
  askJumpPassword?: { site: SiteProfile; answers: ConnectAnswers };
  /** Waiting for the user to accept plain FTP for this site. */
  askPlainFtp?: SiteProfile;
  connect(site: SiteProfile, answers?: ConnectAnswers): Promise<SiteSession | undefined>;
  acceptPlainFtp(): Promise<SiteSession | undefined>;
  cancel(): void;
  dismissError(): void;
}

export function needsPassword(site: SiteProfile): boolean {
  return site.auth === 'ask' || (site.auth === 'password' && !site.hasPassword);
}

/** Connecting waits for the user: a password, the own proxy's password, or plain-FTP consent. */
export function isAsking(
  state: Pick<
    SiteConnectState,
    'askPassword' | 'askProxyPassword' | 'askJumpPassword' | 'askPlainFtp'
  >,
): boolean {
  return (
    state.askPassword !== undefined ||
    state.askProxyPassword !== undefined ||
    state.askJumpPassword !== undefined ||
    state.askPlainFtp !== undefined
  );
}

/** The site's own proxy wants a user's password and none is saved (an imported site's never is). */
export function needsProxyPassword(site: SiteProfile): boolean {
  const ownProxy = site.proxyMode === 'socks5' || site.proxyMode === 'http';
  return ownProxy && site.proxyUser !== '' && site.hasProxyPassword !== true;
}

/** The site's SSH jump host logs in with a password and none is saved (an imported site's never is). */
export function needsJumpPassword(site: SiteProfile): boolean {
  return site.jumpEnabled && site.jumpAuth === 'password' && site.hasJumpPassword !== true;
}

/** Connecting from the site manager: asks for what the saved site does not have, then connects. */
export const useSiteConnect = create<SiteConnectState>((set, get) => ({
  connect: async (site, answers = {}) => {
    // A site that remembers the user's acknowledgement skips the question (the marks stay), for
    // the server and the way to it (its SSH jump host) it was given for.
    const acknowledged = plainFtpAcknowledged(site) || hasPlainFtpConsent(plainFtpServerKey(site));
    if (site.protocol === 'ftp' && !acknowledged) {
      set({ askPlainFtp: site, error: undefined });
      return undefined;
    }
    if (needsPassword(site) && answers.password === undefined) {
      set({ askPassword: { site }, error: undefined });
      return undefined;
    }
    if (needsProxyPassword(site) && answers.proxyPassword === undefined) {
      set({ askPassword: undefined, askProxyPassword: { site, answers }, error: undefined });
      return undefined;
    }
    if (needsJumpPassword(site) && answers.jumpPassword === undefined) {
      set({
        askPassword: undefined,
        askProxyPassword: undefined,
        askJumpPassword: { site, answers },
        error: undefined,
      });
      return undefined;
    }
    set({
      connecting: site.id,
      error: undefined,
      askPassword: undefined,
      askProxyPassword: undefined,
      askJumpPassword: undefined,
    });
    try {
      const { protocol, host, user } = site;
      const port = site.port ?? defaultPort(protocol);
      const about = {
        endpoint: { protocol, host, port, user },
        site: { id: site.id, name: site.name },
      };
      const session = await whileConnecting(about, (connectId) =>
        call('sites.connect', {
          siteId: site.id,
          pageId: pageId(),
          connectId,
          ...(answers.password !== undefined ? { password: answers.password } : {}),
          ...(answers.remember ? { remember: true } : {}),
          ...(answers.proxyPassword !== undefined ? { proxyPassword: answers.proxyPassword } : {}),
          ...(answers.jumpPassword !== undefined ? { jumpPassword: answers.jumpPassword } : {}),
          ...(answers.jumpPassphrase !== undefined
            ? { jumpPassphrase: answers.jumpPassphrase }
            : {}),
          // The server and way to it the user said yes to: the core checks the site still goes there.
          ...(site.protocol === 'ftp' ? { plainFtpConsentFor: plainFtpServerKey(site) } : {}),
        }),
      );
      set({ connecting: undefined });
      return session;
    } catch (error) {
      const info = describeError(error);
      const fresh = info.code === 'plain_ftp_not_acknowledged' && (await savedNow(site.id));
      if (fresh) {
        // The page's copy of the site was older: ask about where the saved site goes now.
        set({ connecting: undefined, askPlainFtp: fresh });
      } else if (info.code === 'secret_unavailable') {
        set({ connecting: undefined, askPassword: { site, message: info.message } });
      } else set({ connecting: undefined, error: info });
      return undefined;
    }
  },
  acceptPlainFtp: async () => {
    const site = get().askPlainFtp;
    if (!site) return undefined;
    rememberPlainFtpConsent(plainFtpServerKey(site));
    set({ askPlainFtp: undefined });
    return get().connect(site);
  },
  cancel: () =>
    set({
      askPassword: undefined,
      askProxyPassword: undefined,
      askJumpPassword: undefined,
      askPlainFtp: undefined,
    }),
  dismissError: () => set({ error: undefined }),
}));

/** The site as saved now (the list reloaded); undefined if it is gone. */
async function savedNow(siteId: string): Promise<SiteProfile | undefined> {
  await useSites.getState().load();
  return useSites.getState().snapshot?.sites.find((s) => s.id === siteId);
}
