/** The proxy fields of a form (Settings, a site) as typed, and what they amount to. */
import type { ProxyChoice } from '../../../shared/contract/proxy';
import { DEFAULT_PROXY_PORT, type ProxyEndpoint, type ProxyKind } from '../../../shared/proxy';

export interface ProxyDraft {
  /** 'app': a site that uses the app's proxy (Settings). */
  kind: 'app' | 'none' | ProxyKind;
  host: string;
  port: string;
  user: string;
  /** Typed now; empty keeps a saved one (`hasPassword`). */
  password: string;
  hasPassword: boolean;
}

export const NO_PROXY: ProxyDraft = {
  kind: 'none',
  host: '',
  port: '',
  user: '',
  password: '',
  hasPassword: false,
};

export function draftOf(choice: ProxyChoice | null): ProxyDraft {
  if (!choice) return NO_PROXY;
  return {
    kind: choice.kind,
    host: choice.host,
    port: String(choice.port),
    user: choice.user ?? '',
    password: '',
    hasPassword: choice.hasPassword,
  };
}

/** The port shown after the kind changes: the new kind's usual one unless the user typed another. */
export function portAfterKindChange(draft: ProxyDraft, kind: ProxyKind): string {
  const usual = Object.values(DEFAULT_PROXY_PORT).map(String);
  return draft.port === '' || usual.includes(draft.port)
    ? String(DEFAULT_PROXY_PORT[kind])
    : draft.port;
}

/** What is wrong with the fields, in words; undefined when they can be saved. */
export function proxyProblem(draft: ProxyDraft): string | undefined {
  if (draft.kind === 'none' || draft.kind === 'app') return undefined;
  if (draft.host.trim() === '') return 'Enter the proxy host.';
  if (/\s/.test(draft.host.trim())) return 'A proxy host has no spaces.';
  const port = Number(draft.port);
  if (!/^\d+$/.test(draft.port.trim()) || port < 1 || port > 65535) {
    return 'The proxy port is a number from 1 to 65535.';
  }
  if (draft.kind === 'http' && draft.user.includes(':')) {
    return 'An HTTP proxy user name cannot contain a colon.';
  }
  return undefined;
}

/** The proxy the fields describe (null: none); call only when proxyProblem is undefined. */
export function endpointOf(draft: ProxyDraft): ProxyEndpoint | null {
  if (draft.kind === 'none' || draft.kind === 'app') return null;
  const endpoint: ProxyEndpoint = {
    kind: draft.kind,
    host: draft.host.trim(),
    port: Number(draft.port),
  };
  if (draft.user !== '') endpoint.user = draft.user;
  return endpoint;
}

/** The password to send: a new one, or undefined to keep the saved one (or none). */
export function passwordOf(draft: ProxyDraft): string | undefined {
  return draft.kind !== 'none' && draft.kind !== 'app' && draft.user !== '' && draft.password !== ''
    ? draft.password
    : undefined;
}
