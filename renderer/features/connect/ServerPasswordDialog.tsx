import { useState, type ReactNode } from 'react';
import { FormDialog } from '../../ui/FormDialog';

interface Props {
  title: string;
  /** Who is asked for: user@host (and more), shown under the explanation. */
  account: ReactNode;
  /** Why the password is asked (above the account line). */
  why?: ReactNode;
  onCancel(): void;
  onSubmit(password: string): void;
  /** The field's name: the server's password unless said otherwise (a proxy's). */
  label?: string;
  /** More fields or notes below the password (a "Remember it" box). */
  children?: ReactNode;
}

/** The one "Password for …" question before connecting: a saved site's, or a quick connection's. */
export function ServerPasswordDialog({
  title,
  account,
  why,
  onCancel,
  onSubmit,
  label = 'Server password',
  children,
}: Props) {
  const [password, setPassword] = useState('');
  return (
    <FormDialog
      title={title}
      onCancel={onCancel}
      onSubmit={() => onSubmit(password)}
      submitLabel="Connect"
      formClassName="sm-prompt"
    >
      {why && <p>{why}</p>}
      <p className="muted">{account}</p>
      <label className="sm-field">
        <span className="sm-label">{label}</span>
        <input
          type="password"
          data-autofocus
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {children}
    </FormDialog>
  );
}
