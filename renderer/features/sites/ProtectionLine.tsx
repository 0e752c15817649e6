import { LockKeyhole, ShieldAlert, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import type { SecretProtection } from '../../../shared/contract/sites';
import { call, errorInWords } from '../../api';
import { ConfirmDialog } from './ConfirmDialog';
import {
  ChangeMasterPasswordDialog,
  CreateMasterPasswordDialog,
  StopMasterPasswordDialog,
  UnlockDialog,
} from './MasterPasswordDialogs';
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

const STORE_NAMES = {
  'safe-storage': 'your operating system’s key store',
  keyring: 'your system keyring',
} as const;

type MasterDialog = 'create' | 'unlock' | 'change' | 'stop' | 'forget';

export function ProtectionLine({ protection }: { protection: SecretProtection }) {
  const [dialog, setDialog] = useState<MasterDialog>();
  const [notice, setNotice] = useState<string>();
  const strong = protection.kind === 'safe-storage' || protection.kind === 'keyring';
  const Icon = strong ? ShieldCheck : protection.kind === 'none' ? ShieldAlert : LockKeyhole;
  const master = protection.kind === 'master-password' ? protection : undefined;
  const open = (next: MasterDialog) => {
    setNotice(undefined);
    setDialog(next);
  };
  const close = () => setDialog(undefined);
  const done = (message?: string) => {
    setDialog(undefined);
    setNotice(message);
  };
  return (
    <div className="sm-protection" role="status" aria-label="Password protection">
      <Icon size={15} aria-hidden="true" />
      <span>
        {protectionText(protection)}
        {notice && ` ${notice}`}
      </span>
      {protection.kind === 'none' && (
        <button type="button" onClick={() => open('create')}>
          Use a master password…
        </button>
      )}
      {master && !master.unlocked && (
        <button type="button" onClick={() => open('unlock')}>
          Unlock…
        </button>
      )}
      {master && (
        <button type="button" onClick={() => open('change')}>
          Change master password…
        </button>
      )}
      {master?.alternative && (
        <button type="button" onClick={() => open('stop')}>
          Stop using a master password…
        </button>
      )}
      {dialog === 'create' && <CreateMasterPasswordDialog onDone={done} onClose={close} />}
      {dialog === 'unlock' && (
        <UnlockDialog onDone={done} onClose={close} onForgot={() => open('forget')} />
      )}
      {dialog === 'change' && (
        <ChangeMasterPasswordDialog onDone={done} onClose={close} onForgot={() => open('forget')} />
      )}
      {dialog === 'stop' && master?.alternative && (
        <StopMasterPasswordDialog
          storeName={STORE_NAMES[master.alternative]}
          onDone={done}
          onClose={close}
        />
      )}
      {dialog === 'forget' && <ForgetSavedPasswordsDialog onDone={done} onClose={close} />}
    </div>
  );
}

/** "Forgot the master password": the saved passwords cannot be recovered, only forgotten. */
function ForgetSavedPasswordsDialog({
  onDone,
  onClose,
}: {
  onDone(notice?: string): void;
  onClose(): void;
}) {
  const sites = useSites((s) => s.snapshot?.sites ?? []);
  const [problem, setProblem] = useState<string>();
  const withSecrets = sites.filter((s) => s.hasPassword || s.hasPassphrase).length;
  async function forget() {
    try {
      await call('sites.secrets.forgetAll', {});
      await useSites.getState().load();
      onDone('Saved passwords were forgotten; your sites are kept.');
    } catch (error) {
      setProblem(errorInWords(error));
    }
  }
  return (
    <ConfirmDialog
      title="Forget all saved passwords?"
      confirm="Forget saved passwords"
      danger
      onConfirm={() => void forget()}
      onCancel={onClose}
    >
      <p>
        Without the master password nobody can read the saved passwords, Ferry included, so they
        cannot be recovered. Ferry can forget them and start again.
      </p>
      <p>
        {withSecrets === 1
          ? '1 site loses its saved password or key passphrase.'
          : `${withSecrets} sites lose their saved passwords or key passphrases.`}{' '}
        All {sites.length} sites stay, with every other setting; Ferry asks for the password when
        you connect. You can set a new master password afterwards.
      </p>
      {problem && (
        <p className="sm-problem" role="alert">
          {problem}
        </p>
      )}
    </ConfirmDialog>
  );
}
