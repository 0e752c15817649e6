import { useState } from 'react';
import {
  JUMP_AUTH,
  type JumpAuth,
  type SecretProtection,
  type SiteDraft,
  type SiteProfile,
} from '../../../shared/contract/sites';
import { DEFAULT_JUMP_PORT } from '../../../shared/jump-host';
import { Field } from '../sites/Field';
import { SecretField } from '../sites/SecretField';
import type { SecretEdits } from '../sites/SiteForm';

const PORT_PROBLEM = 'A port is a whole number from 1 to 65535.';

function isPort(text: string): boolean {
  const n = Number(text.trim());
  return /^\d+$/.test(text.trim()) && n >= 1 && n <= 65535;
}

const JUMP_AUTH_LABELS: Record<JumpAuth, string> = { password: 'Password', key: 'Key file' };

/** Same jump host and user as the saved site: its saved secrets still apply. */
function sameJumpHost(saved: SiteProfile | undefined, draft: SiteDraft): boolean {
  return (
    saved !== undefined &&
    saved.jumpEnabled &&
    saved.jumpHost.trim().toLowerCase() === draft.jumpHost.trim().toLowerCase() &&
    (saved.jumpPort ?? DEFAULT_JUMP_PORT) === (draft.jumpPort ?? DEFAULT_JUMP_PORT) &&
    saved.jumpUser === draft.jumpUser
  );
}

/**
 * The site's "SSH tunnel" group (WinSCP's Tunnel page, OpenSSH's ProxyJump): off, or the jump
 * host Ferry logs in to first and reaches the server from, with its own login.
 */
export function SiteJumpFields({
  draft,
  onDraft,
  problems,
  site,
  secrets,
  onSecrets,
  protection,
  onPortProblem,
}: {
  draft: SiteDraft;
  onDraft(draft: SiteDraft): void;
  problems: Partial<Record<string, string>>;
  site?: SiteProfile;
  secrets: SecretEdits;
  onSecrets(secrets: SecretEdits): void;
  protection?: SecretProtection;
  /** A port typed that is not one keeps the form from saving (the site keeps its last port). */
  onPortProblem(problem: string | undefined): void;
}) {
  // The port as typed (undefined: as the site says); a half-typed port is not the site's yet.
  const [portText, setPortText] = useState<string | undefined>(undefined);
  const set = <K extends keyof SiteDraft>(key: K, value: SiteDraft[K]) =>
    onDraft({ ...draft, [key]: value });
  const port = portText ?? String(draft.jumpPort ?? DEFAULT_JUMP_PORT);
  const portValid = isPort(port);
  const sameHost = sameJumpHost(site, draft);
  return (
    <fieldset>
      <legend>SSH tunnel (jump host)</legend>
      <label className="sm-check sm-wide">
        <input
          type="checkbox"
          checked={draft.jumpEnabled}
          onChange={(e) => {
            set('jumpEnabled', e.target.checked);
            // Off, the port is not used: nothing to refuse.
            onPortProblem(e.target.checked && !portValid ? PORT_PROBLEM : undefined);
          }}
        />
        Connect through an SSH jump host
      </label>
      {!draft.jumpEnabled ? (
        <p className="muted sm-note sm-wide">
          For servers reachable only from another computer (a bastion): Ferry logs in there over SSH
          and reaches the server from it.
        </p>
      ) : (
        <>
          <Field label="Jump host" problem={problems.jumpHost}>
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                value={draft.jumpHost}
                onChange={(e) => set('jumpHost', e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <Field
            label="Jump host port"
            problem={portValid || !draft.jumpEnabled ? undefined : PORT_PROBLEM}
          >
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                inputMode="numeric"
                value={port}
                onChange={(e) => {
                  const text = e.target.value;
                  setPortText(text);
                  onPortProblem(isPort(text) ? undefined : PORT_PROBLEM);
                  const n = Number(text.trim());
                  if (isPort(text)) set('jumpPort', n === DEFAULT_JUMP_PORT ? null : n);
                }}
              />
            )}
          </Field>
          <Field label="Jump host user" problem={problems.jumpUser}>
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                value={draft.jumpUser}
                onChange={(e) => set('jumpUser', e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <Field label="Jump host login">
            {(id) => (
              <select
                id={id}
                value={draft.jumpAuth}
                onChange={(e) => set('jumpAuth', e.target.value as JumpAuth)}
              >
                {JUMP_AUTH.map((a) => (
                  <option key={a} value={a}>
                    {JUMP_AUTH_LABELS[a]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {draft.jumpAuth === 'password' ? (
            <SecretField
              label="Jump host password"
              idPrefix="jump-secret"
              protection={protection}
              saved={sameHost && site?.hasJumpPassword === true}
              value={secrets.jumpPassword}
              forget={secrets.forgetJumpPassword === true}
              onChange={(jumpPassword) => onSecrets({ ...secrets, jumpPassword })}
              onForget={(forgetJumpPassword) => onSecrets({ ...secrets, forgetJumpPassword })}
            />
          ) : (
            <>
              <Field
                label="Jump host key file"
                problem={problems.jumpKeyFile}
                hint="The private key for the jump host, e.g. ~/.ssh/id_ed25519"
                wide
              >
                {(id, d) => (
                  <input
                    id={id}
                    aria-describedby={d}
                    value={draft.jumpKeyFile}
                    onChange={(e) => set('jumpKeyFile', e.target.value)}
                    spellCheck={false}
                  />
                )}
              </Field>
              <SecretField
                label="Jump host key passphrase"
                idPrefix="jump-secret"
                protection={protection}
                saved={sameHost && site?.hasJumpPassphrase === true}
                value={secrets.jumpPassphrase}
                forget={secrets.forgetJumpPassphrase === true}
                onChange={(jumpPassphrase) => onSecrets({ ...secrets, jumpPassphrase })}
                onForget={(forgetJumpPassphrase) => onSecrets({ ...secrets, forgetJumpPassphrase })}
              />
            </>
          )}
          <p className="muted sm-note sm-wide">
            Ferry checks the jump host’s own key the first time, as any server’s. The server is
            reached from the jump host: its name and address are as the jump host sees them.
          </p>
        </>
      )}
    </fieldset>
  );
}
