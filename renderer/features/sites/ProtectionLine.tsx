import { LockKeyhole, ShieldAlert, ShieldCheck } from 'lucide-react';
import { useId, useState } from 'react';
import type { SecretProtection } from '../../../shared/contract/sites';
import { call, describeError } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { useSites } from './sitesStore';

/** The one line that says how saved passwords are protected on this computer. */
export function protectionText(protection: SecretProtection): string {
  switch (protection.kind) {
    case 'safe-storage':
      return `Passwords are encrypted by your operating system’s key store${protection.backend ? ` (${protection.backend})` : ''}.`;
    case 'keyring':
      return 'Passwords are kept in your system keyring.';
    case 'master-password':
      return protection.unlocked
        ? 'Passwords are encrypted with your master password (unlocked until Ferry closes).'
        : 'Passwords are encrypted with your master password, and locked.';
    case 'none':
      return 'Passwords are not saved: this computer offers no protected store, so Ferry asks when you connect.';
  }
}

export function ProtectionLine({ protection }: { protection: SecretProtection }) {
  const [dialog, setDialog] = useState<'create' | 'unlock'>();
  const strong = protection.kind === 'safe-storage' || protection.kind === 'keyring';
  const Icon = strong ? ShieldCheck : protection.kind === 'none' ? ShieldAlert : LockKeyhole;
  return (
    <div className="sm-protection" role="status" aria-label="Password protection">
      <Icon size={15} aria-hidden="true" />
      <span>{protectionText(protection)}</span>
      {protection.kind === 'none' && (
        <button type="button" onClick={() => setDialog('create')}>
          Use a master password…
        </button>
      )}
      {protection.kind === 'master-password' && !protection.unlocked && (
        <button type="button" onClick={() => setDialog('unlock')}>
          Unlock…
        </button>
      )}
      {dialog && <MasterPasswordDialog mode={dialog} onClose={() => setDialog(undefined)} />}
    </div>
  );
}

function MasterPasswordDialog({ mode, onClose }: { mode: 'create' | 'unlock'; onClose(): void }) {
  const formId = useId();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const creating = mode === 'create';
  const tooShort = creating && password.length < 8;
  const mismatch = creating && repeat !== password;

  async function submit() {
    if (tooShort || mismatch || password === '') return;
    setBusy(true);
    try {
      if (creating) await call('sites.secrets.useMasterPassword', { masterPassword: password });
      else await call('sites.secrets.unlock', { masterPassword: password });
      await useSites.getState().load();
      onClose();
    } catch (error) {
      setProblem(describeError(error).message);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={creating ? 'Protect passwords with a master password' : 'Unlock saved passwords'}
      onDismiss={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form={formId}
            disabled={busy || tooShort || mismatch || password === ''}
          >
            {creating ? 'Use this master password' : 'Unlock'}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="sm-prompt"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {creating && (
          <p>
            Ferry will keep saved passwords in a file encrypted with this master password. After
            each start, type it once to use them. If you forget it, the saved passwords are lost
            (your sites are not).
          </p>
        )}
        <label className="sm-field">
          <span className="sm-label">Master password</span>
          <input
            type="password"
            data-autofocus
            autoComplete={creating ? 'new-password' : 'current-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {creating && (
          <label className="sm-field">
            <span className="sm-label">Master password again</span>
            <input
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          </label>
        )}
        {creating && password !== '' && tooShort && (
          <p className="sm-problem">Use at least 8 characters.</p>
        )}
        {creating && !tooShort && repeat !== '' && mismatch && (
          <p className="sm-problem">The two do not match.</p>
        )}
        {problem && (
          <p className="sm-problem" role="alert">
            {problem}
          </p>
        )}
      </form>
    </Dialog>
  );
}
