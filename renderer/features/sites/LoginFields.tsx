import type {
  SecretProtection,
  SiteAuth,
  SiteDraft,
  SiteProfile,
} from '../../../shared/contract/sites';
import { Field } from './Field';
import { SecretField } from './SecretField';
import type { SecretEdits } from './SiteForm';
import { AUTH_LABELS, authChoices } from './siteForm';

interface Props {
  draft: SiteDraft;
  set<K extends keyof SiteDraft>(key: K, value: SiteDraft[K]): void;
  problems: Partial<Record<string, string>>;
  site?: SiteProfile;
  secrets: SecretEdits;
  onSecrets(secrets: SecretEdits): void;
  protection?: SecretProtection;
}

/** User, kind of login, and the password or key file with its passphrase. */
export function LoginFields({ draft, set, problems, site, secrets, onSecrets, protection }: Props) {
  return (
    <fieldset>
      <legend>Login</legend>
      <Field label="User">
        {(id) => (
          <input
            id={id}
            value={draft.user}
            onChange={(e) => set('user', e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field label="Login">
        {(id) => (
          <select
            id={id}
            value={draft.auth}
            onChange={(e) => set('auth', e.target.value as SiteAuth)}
          >
            {authChoices(draft.protocol).map((a) => (
              <option key={a} value={a}>
                {AUTH_LABELS[a]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.auth === 'password' && (
        <SecretField
          label="Password"
          protection={protection}
          saved={site?.hasPassword ?? false}
          value={secrets.password}
          forget={secrets.forgetPassword}
          onChange={(password) => onSecrets({ ...secrets, password })}
          onForget={(forgetPassword) => onSecrets({ ...secrets, forgetPassword })}
        />
      )}
      {draft.auth === 'ask' && (
        <p className="muted sm-note sm-wide">
          Ferry asks for the password at every connection and never saves it.
        </p>
      )}
      {draft.auth === 'agent' && (
        <p className="muted sm-note sm-wide">
          Logs in with the keys your SSH agent holds (SSH_AUTH_SOCK).
        </p>
      )}
      {draft.auth === 'key' && (
        <>
          <Field
            label="Key file"
            problem={problems.keyFile}
            hint="The private key, e.g. ~/.ssh/id_ed25519"
            wide
          >
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                value={draft.keyFile}
                onChange={(e) => set('keyFile', e.target.value)}
                spellCheck={false}
              />
            )}
          </Field>
          <SecretField
            label="Key passphrase"
            protection={protection}
            saved={site?.hasPassphrase ?? false}
            value={secrets.passphrase}
            forget={secrets.forgetPassphrase}
            onChange={(passphrase) => onSecrets({ ...secrets, passphrase })}
            onForget={(forgetPassphrase) => onSecrets({ ...secrets, forgetPassphrase })}
          />
        </>
      )}
    </fieldset>
  );
}
