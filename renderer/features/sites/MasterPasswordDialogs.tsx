/**
 * The dialogs around the master password: set one, unlock, change it, stop using it. Each is a
 * small form of password fields; the main process checks the master password itself.
 */
import { useState, type ReactNode } from 'react';
import type { MethodName } from '../../../shared/contract';
import { call, errorInWords } from '../../api';
import { FormDialog } from '../../ui/FormDialog';
import { useSites } from './sitesStore';

interface PasswordField {
  label: string;
  autoComplete: 'current-password' | 'new-password';
}

interface FormCheck {
  /** The form cannot be sent yet. */
  blocking: boolean;
  /** What to tell the user about it (only once there is something to say). */
  problem?: string;
}

interface PasswordFormProps {
  title: string;
  intro?: ReactNode;
  fields: PasswordField[];
  submitLabel: string;
  check(values: string[]): FormCheck;
  /** Sends the values; throws the main process's error. */
  submit(values: string[]): Promise<unknown>;
  onDone(): void;
  onClose(): void;
  /** A button left of Cancel (e.g. "Forgot the master password…"). */
  aside?: ReactNode;
}

function PasswordFormDialog(props: PasswordFormProps) {
  const [values, setValues] = useState(() => props.fields.map(() => ''));
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { blocking, problem: typingProblem } = props.check(values);

  async function submit() {
    if (blocking) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await props.submit(values);
      await useSites.getState().load();
      props.onDone();
    } catch (error) {
      setProblem(errorInWords(error));
      setBusy(false);
    }
  }

  return (
    <FormDialog
      title={props.title}
      onCancel={props.onClose}
      onSubmit={() => void submit()}
      submitLabel={props.submitLabel}
      submitDisabled={busy || blocking}
      aside={props.aside}
      formClassName="sm-prompt"
    >
      {props.intro}
      {props.fields.map((field, index) => (
        <label className="sm-field" key={field.label}>
          <span className="sm-label">{field.label}</span>
          <input
            type="password"
            data-autofocus={index === 0 ? true : undefined}
            autoComplete={field.autoComplete}
            value={values[index] ?? ''}
            onChange={(e) => {
              const next = [...values];
              next[index] = e.target.value;
              setValues(next);
            }}
          />
        </label>
      ))}
      {typingProblem && <p className="sm-problem">{typingProblem}</p>}
      {problem && (
        <p className="sm-problem" role="alert">
          {problem}
        </p>
      )}
    </FormDialog>
  );
}

/** A new master password typed twice: long enough, and the same both times. */
function newPasswordCheck(password = '', repeat = ''): FormCheck {
  if (password.length < 8) {
    return password === ''
      ? { blocking: true }
      : { blocking: true, problem: 'Use at least 8 characters.' };
  }
  if (repeat !== password) {
    return repeat === ''
      ? { blocking: true }
      : { blocking: true, problem: 'The two new ones do not match.' };
  }
  return { blocking: false };
}

const filled = (values: string[]): FormCheck => ({ blocking: values.some((v) => v === '') });

interface DialogProps {
  onDone(notice?: string): void;
  onClose(): void;
}

const sendMasterPassword =
  (method: Extract<MethodName, 'sites.secrets.useMasterPassword' | 'sites.secrets.unlock'>) =>
  ([masterPassword = '']: string[]) =>
    call(method, { masterPassword });

export function CreateMasterPasswordDialog({ onDone, onClose }: DialogProps) {
  return (
    <PasswordFormDialog
      title="Protect passwords with a master password"
      intro={
        <p>
          Ferry will keep saved passwords in a file encrypted with this master password. After each
          start, type it once to use them. If you forget it, the saved passwords are lost (your
          sites are not).
        </p>
      }
      fields={[
        { label: 'Master password', autoComplete: 'new-password' },
        { label: 'Master password again', autoComplete: 'new-password' },
      ]}
      submitLabel="Use this master password"
      check={([password, repeat]) => newPasswordCheck(password, repeat)}
      submit={sendMasterPassword('sites.secrets.useMasterPassword')}
      onDone={() => onDone()}
      onClose={onClose}
    />
  );
}

export function UnlockDialog({ onDone, onClose, onForgot }: DialogProps & { onForgot(): void }) {
  return (
    <PasswordFormDialog
      title="Unlock saved passwords"
      fields={[{ label: 'Master password', autoComplete: 'current-password' }]}
      submitLabel="Unlock"
      check={filled}
      submit={sendMasterPassword('sites.secrets.unlock')}
      onDone={() => onDone()}
      onClose={onClose}
      aside={<ForgotButton onForgot={onForgot} />}
    />
  );
}

export function ChangeMasterPasswordDialog({
  onDone,
  onClose,
  onForgot,
}: DialogProps & { onForgot(): void }) {
  return (
    <PasswordFormDialog
      title="Change the master password"
      intro={
        <p>
          Ferry encrypts every saved password again with the new master password. Your sites and
          their passwords stay as they are.
        </p>
      }
      fields={[
        { label: 'Current master password', autoComplete: 'current-password' },
        { label: 'New master password', autoComplete: 'new-password' },
        { label: 'New master password again', autoComplete: 'new-password' },
      ]}
      submitLabel="Change master password"
      check={([current = '', password, repeat]) =>
        current === '' ? { blocking: true } : newPasswordCheck(password, repeat)
      }
      submit={([currentPassword = '', newPassword = '']) =>
        call('sites.secrets.changeMasterPassword', { currentPassword, newPassword })
      }
      onDone={() => onDone('The master password is changed.')}
      onClose={onClose}
      aside={<ForgotButton onForgot={onForgot} />}
    />
  );
}

export function StopMasterPasswordDialog({
  storeName,
  onDone,
  onClose,
}: DialogProps & { storeName: string }) {
  return (
    <PasswordFormDialog
      title="Stop using a master password"
      intro={
        <p>
          Ferry will move your saved passwords into {storeName} and delete its master-password file.
          After that, Ferry no longer asks for a master password.
        </p>
      }
      fields={[{ label: 'Master password', autoComplete: 'current-password' }]}
      submitLabel="Move passwords and stop"
      check={filled}
      submit={([masterPassword = '']) =>
        call('sites.secrets.stopMasterPassword', { masterPassword })
      }
      onDone={() => onDone(`Saved passwords are now kept in ${storeName}.`)}
      onClose={onClose}
    />
  );
}

function ForgotButton({ onForgot }: { onForgot(): void }) {
  return (
    <button type="button" className="sm-forgot" onClick={onForgot}>
      Forgot the master password…
    </button>
  );
}
