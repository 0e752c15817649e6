import type { SecretProtection } from '../../../shared/contract/sites';

export function canStoreSecrets(protection: SecretProtection | undefined): boolean {
  if (!protection) return false;
  return protection.kind === 'master-password' ? protection.unlocked : protection.kind !== 'none';
}

interface Props {
  /** "Password", "Key passphrase", or the jump host's ("Jump host password"). */
  label: string;
  /** Another secret of the same kind on the form (the jump host's): its own element ids. */
  idPrefix?: string;
  protection: SecretProtection | undefined;
  saved: boolean;
  /** undefined = leave the saved one as it is. */
  value: string | undefined;
  forget: boolean;
  onChange(value: string | undefined): void;
  onForget(forget: boolean): void;
}

/**
 * A password or passphrase the site keeps in the secret store. The saved value never comes back
 * to the page: the field is empty and says whether one is saved; typing replaces it.
 */
export function SecretField({
  label,
  idPrefix = 'secret',
  protection,
  saved,
  value,
  forget,
  onChange,
  onForget,
}: Props) {
  const noun = /passphrase/i.test(label) ? 'passphrase' : 'password';
  const id = `${idPrefix}-${noun}`;
  if (!canStoreSecrets(protection)) {
    const locked = protection?.kind === 'master-password';
    // Nothing is saved, but what the user types still serves "Test connection".
    return (
      <div className="sm-field sm-wide">
        <label className="sm-label" htmlFor={id}>
          {label}
        </label>
        <input
          id={id}
          type="password"
          autoComplete="off"
          value={value ?? ''}
          placeholder="Only for “Test connection”; not saved"
          aria-describedby={`${id}-note`}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
        <span id={`${id}-note`} className="muted sm-hint">
          {locked
            ? `Saved passwords are locked${saved ? ' (one is saved for this site)' : ''}: unlock them below to change it. Otherwise Ferry asks when you connect.`
            : `Not saved: this computer has no protected place for passwords, so Ferry asks for the ${noun} when you connect.`}
        </span>
      </div>
    );
  }
  return (
    <div className="sm-field sm-wide">
      <label className="sm-label" htmlFor={id}>
        {label}
      </label>
      <div className="sm-inline">
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          value={value ?? ''}
          disabled={forget}
          placeholder={saved && !forget ? 'Saved — type to replace' : 'Not saved'}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
        {saved && (
          <label className="sm-check">
            <input type="checkbox" checked={forget} onChange={(e) => onForget(e.target.checked)} />
            Forget the saved{' '}
            {/^(Password|Key passphrase)$/.test(label) ? noun : label.toLowerCase()}
          </label>
        )}
      </div>
    </div>
  );
}
