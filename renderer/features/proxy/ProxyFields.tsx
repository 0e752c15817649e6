import { useId } from 'react';
import { PROXY_LABEL, type ProxyKind } from '../../../shared/proxy';
import { portAfterKindChange, proxyProblem, type ProxyDraft } from './proxyDraft';

/**
 * A proxy's fields (FileZilla's Generic proxy, WinSCP's Proxy page): the kind, then host, port
 * and an optional user name and password. `noneLabel` names the choice of no proxy.
 */
export function ProxyFields({
  draft,
  onChange,
  noneLabel = 'No proxy',
  appLabel,
  cannotKeepPassword = false,
}: {
  draft: ProxyDraft;
  onChange(draft: ProxyDraft): void;
  noneLabel?: string;
  /** Offers "use the app's proxy" first (a site's form), under this label. */
  appLabel?: string;
  /** Nothing can keep a password yet (no protected store, or a locked one): say so. */
  cannotKeepPassword?: boolean;
}) {
  const id = useId();
  const problem = proxyProblem(draft);
  const set = (patch: Partial<ProxyDraft>) => onChange({ ...draft, ...patch });
  return (
    <>
      <label>
        Connect through
        <select
          value={draft.kind}
          onChange={(e) => {
            const kind = e.target.value as ProxyDraft['kind'];
            set(
              kind === 'none' || kind === 'app'
                ? { kind }
                : { kind, port: portAfterKindChange(draft, kind) },
            );
          }}
        >
          {appLabel !== undefined && <option value="app">{appLabel}</option>}
          <option value="none">{noneLabel}</option>
          {(Object.keys(PROXY_LABEL) as ProxyKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {PROXY_LABEL[kind]} proxy
            </option>
          ))}
        </select>
      </label>
      {draft.kind !== 'none' && draft.kind !== 'app' && (
        <>
          <label>
            Proxy host
            <input
              value={draft.host}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={draft.host.trim() === ''}
              onChange={(e) => set({ host: e.target.value })}
            />
          </label>
          <label>
            Proxy port
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={65535}
              value={draft.port}
              onChange={(e) => set({ port: e.target.value })}
            />
          </label>
          <label>
            Proxy user (optional)
            <input
              value={draft.user}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => set({ user: e.target.value })}
            />
          </label>
          {draft.user !== '' && (
            <label>
              Proxy password
              <input
                type="password"
                value={draft.password}
                autoComplete="new-password"
                disabled={cannotKeepPassword}
                placeholder={draft.hasPassword ? 'Saved (type to replace)' : ''}
                aria-describedby={`${id}-password`}
                onChange={(e) => set({ password: e.target.value })}
              />
            </label>
          )}
          {draft.user !== '' && (
            <p id={`${id}-password`} className="muted settings-help">
              {cannotKeepPassword
                ? 'Ferry cannot keep a proxy password yet: choose (or unlock) a master password in the site manager first.'
                : 'Kept with your saved passwords, never shown again; sent only to this proxy.'}
            </p>
          )}
          {problem && (
            <p className="speed-limit-problem" role="alert">
              {problem}
            </p>
          )}
          <p className="muted settings-help">
            {draft.kind === 'socks5'
              ? 'The proxy looks up server names, so names only it knows work.'
              : 'The proxy must allow CONNECT to the server’s port.'}{' '}
            FTP goes through it in passive mode only (active mode cannot work through a proxy).
          </p>
        </>
      )}
    </>
  );
}
