import {
  DEFAULT_SITE_SETTINGS,
  type SiteAuth,
  type SiteDraft,
  type SiteProfile,
} from '../../../shared/contract/sites';
import { defaultPort, PROTOCOL_INFO, type Protocol } from '../../../shared/protocols';

export function newDraft(folderId: string | null, values: Partial<SiteDraft> = {}): SiteDraft {
  return { ...DEFAULT_SITE_SETTINGS, name: '', folderId, ...values };
}

/** The editable part of a saved site. */
export function draftOf(site: SiteProfile): SiteDraft & { id: string } {
  const {
    hasPassword: _a,
    hasPassphrase: _b,
    passwordNotImported: _c,
    hasProxyPassword: _h,
    hasJumpPassword: _j,
    hasJumpPassphrase: _k,
    bookmarks: _g,
    revision: _d,
    createdAt: _e,
    updatedAt: _f,
    ...draft
  } = site;
  return draft;
}

export function sameDraft(a: SiteDraft, b: SiteDraft): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof SiteDraft)[]);
  return [...keys].every((k) => a[k] === b[k]);
}

/** Logins each protocol supports: key files and agents are SSH things. */
export function authChoices(protocol: Protocol): SiteAuth[] {
  return protocol === 'sftp' ? ['password', 'key', 'agent', 'ask'] : ['password', 'ask'];
}

export const AUTH_LABELS: Record<SiteAuth, string> = {
  password: 'Password',
  key: 'Key file',
  agent: 'SSH agent',
  ask: 'Ask every time',
};

/**
 * A new protocol keeps a port the user typed and follows the preset otherwise (port null).
 * An own port that equals the new preset becomes the preset.
 */
export function withProtocol(draft: SiteDraft, protocol: Protocol): SiteDraft {
  const port = draft.port !== null && draft.port !== defaultPort(protocol) ? draft.port : null;
  const auth = authChoices(protocol).includes(draft.auth) ? draft.auth : 'password';
  return { ...draft, protocol, port, auth };
}

/** What the port field holds (empty = preset) → the draft's port, or 'invalid'. */
export function parsePortField(text: string, protocol: Protocol): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return 'invalid';
  const port = Number(trimmed);
  if (port < 1 || port > 65535) return 'invalid';
  return port === defaultPort(protocol) ? null : port;
}

/** One line under the port field saying whether it is the preset or the user's own. */
export function portExplanation(draft: SiteDraft): string {
  const info = PROTOCOL_INFO[draft.protocol];
  return draft.port === null
    ? `Preset port for ${info.label}: ${info.defaultPort}`
    : `Your own port (the ${info.label} preset is ${info.defaultPort})`;
}

type DraftField =
  | 'name'
  | 'host'
  | 'port'
  | 'remoteDir'
  | 'keyFile'
  | 'proxy'
  | 'jumpHost'
  | 'jumpUser'
  | 'jumpKeyFile';

/** Plain-words problems that keep the form from saving, by field. */
export function draftProblems(
  draft: SiteDraft,
  portField: string,
): Partial<Record<DraftField, string>> {
  const problems: Partial<Record<DraftField, string>> = {};
  if (draft.name.trim() === '') problems.name = 'Give the site a name.';
  if (draft.host.trim() === '') problems.host = 'Type the server’s host name or address.';
  if (parsePortField(portField, draft.protocol) === 'invalid')
    problems.port = 'A port is a whole number from 1 to 65535.';
  if (draft.remoteDir !== '' && !draft.remoteDir.startsWith('/'))
    problems.remoteDir = 'A remote folder starts with /.';
  if (draft.auth === 'key' && draft.keyFile.trim() === '')
    problems.keyFile = 'Choose the private key file.';
  if (draft.proxyMode !== 'app' && draft.proxyMode !== 'none' && draft.proxyHost.trim() === '')
    problems.proxy = 'Enter the proxy host.';
  if (draft.jumpEnabled) {
    if (draft.jumpHost.trim() === '') problems.jumpHost = 'Type the jump host’s name or address.';
    if (draft.jumpUser === '') problems.jumpUser = 'Type your user name on the jump host.';
    if (draft.jumpAuth === 'key' && draft.jumpKeyFile.trim() === '')
      problems.jumpKeyFile = 'Choose the jump host’s private key file.';
  }
  return problems;
}
