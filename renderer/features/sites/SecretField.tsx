import type { SecretProtection } from '../../../shared/contract/sites';

export function canStoreSecrets(protection: SecretProtection | undefined): boolean {
  if (!protection) return false;
  return protection.kind === 'master-password' ? protection.unlocked : protection.kind !== 'none';
}

interface Props {
  label: 'Password' | 'Key passphrase';
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
  protection,
  saved,
  value,
  forget,
  onChange,
  onForget,
}: Props) {
  const noun = label === 'Password' ? 'password' : 'passphrase';
  if (!canStoreSecrets(protection)) {
    const locked = protection?.kind === 'master-password';
    // Nothing is saved, but what the user types still serves "Test connection".
    return (
      <div className="sm-field sm-wide">
        <label className="sm-label" htmlFor={`secret-${noun}`}>
          {label}
        </label>
        <input
          id={`secret-${noun}`}
          type="password"
          autoComplete="off"
          value={value ?? ''}
          placeholder="Only for “Test connection”; not saved"
          aria-describedby={`secret-${noun}-note`}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
        <span id={`secret-${noun}-note`} className="muted sm-hint">
          {locked
            ? `Saved passwords are locked${saved ? ' (one is saved for this site)' : ''}: unlock them below to change it. Otherwise Ferry asks when you connect.`
            : `Not saved: this computer has no protected place for passwords, so Ferry asks for the ${noun} when you connect.`}
        </span>
      </div>
    );
  }
  return (
    <div className="sm-field sm-wide">
      <label className="sm-label" htmlFor={`secret-${noun}`}>
        {label}
      </label>
      <div className="sm-inline">
        <input
          id={`secret-${noun}`}
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
            Forget the saved {noun}
          </label>
        )}
      </div>
    </div>
  );
}
