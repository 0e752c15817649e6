import { useState } from 'react';
import { PlainFtpWarning } from '../connect/PlainFtpWarning';
import { ServerPasswordDialog } from '../connect/ServerPasswordDialog';
import { siteJumpWords } from './plainFtpRoute';
import { canStoreSecrets } from './SecretField';
import { useSites } from './sitesStore';
import { useSiteConnect, type ConnectAnswers } from './useSiteConnect';
import type { SiteProfile, SiteSession } from '../../../shared/contract/sites';

interface Props {
  onConnected(session: SiteSession): void;
}

/**
 * What connecting may need to ask: the password, the own proxy's or the jump host's password, or
 * consent to plain FTP.
 */
export function ConnectPrompts({ onConnected }: Props) {
  const askPassword = useSiteConnect((s) => s.askPassword);
  const askPlainFtp = useSiteConnect((s) => s.askPlainFtp);
  const askProxyPassword = useSiteConnect((s) => s.askProxyPassword);
  const askJumpPassword = useSiteConnect((s) => s.askJumpPassword);
  const { connect, cancel, acceptPlainFtp } = useSiteConnect.getState();

  const finish = (session: SiteSession | undefined) => {
    if (session) onConnected(session);
  };
  if (askPlainFtp) {
    return (
      <PlainFtpWarning
        host={askPlainFtp.host}
        via={siteJumpWords(askPlainFtp)}
        onConnect={() => void acceptPlainFtp().then(finish)}
        onCancel={cancel}
        onUseFtps={() => {
          cancel();
          useSites.getState().select({ kind: 'site', id: askPlainFtp.id });
        }}
      />
    );
  }
  if (askPassword) {
    return (
      <PasswordPrompt
        site={askPassword.site}
        message={askPassword.message}
        onCancel={cancel}
        onSubmit={(answers) => void connect(askPassword.site, answers).then(finish)}
      />
    );
  }
  if (askProxyPassword) {
    const { site, answers } = askProxyPassword;
    return (
      <ServerPasswordDialog
        title={`Proxy password for ${site.name}`}
        label="Proxy password"
        why="This site connects through its own proxy, which asks for a password. Ferry has none saved for it (to keep it, enter it in the site’s Proxy settings)."
        account={`${site.proxyUser} at the proxy ${site.proxyHost}${site.proxyPort === null ? '' : `:${site.proxyPort}`}`}
        onCancel={cancel}
        onSubmit={(proxyPassword) => void connect(site, { ...answers, proxyPassword }).then(finish)}
      />
    );
  }
  if (askJumpPassword) {
    const { site, answers } = askJumpPassword;
    return (
      <ServerPasswordDialog
        title={`Jump host password for ${site.name}`}
        label="Jump host password"
        why="This site connects through an SSH jump host, and Ferry has no password saved for it (to keep it, enter it in the site’s SSH tunnel settings)."
        account={`${site.jumpUser}@${site.jumpHost}${site.jumpPort === null ? '' : `:${site.jumpPort}`}`}
        onCancel={cancel}
        onSubmit={(jumpPassword) => void connect(site, { ...answers, jumpPassword }).then(finish)}
      />
    );
  }
  return null;
}

function PasswordPrompt({
  site,
  message,
  onCancel,
  onSubmit,
}: {
  site: SiteProfile;
  message?: string;
  onCancel(): void;
  onSubmit(answers: ConnectAnswers): void;
}) {
  const [remember, setRemember] = useState(false);
  const protection = useSites((s) => s.snapshot?.protection);
  const mayRemember = site.auth === 'password' && canStoreSecrets(protection);
  return (
    <ServerPasswordDialog
      title={`Password for ${site.name}`}
      why={message}
      account={`${site.user || '(no user)'}@${site.host}`}
      onCancel={onCancel}
      onSubmit={(password) => onSubmit({ password, remember: mayRemember && remember })}
    >
      {mayRemember && (
        <label className="sm-check">
          <input
            type="checkbox"
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
          />
          Remember it for this site
        </label>
      )}
      {protection?.kind === 'master-password' && !protection.unlocked && (
        <p className="muted">
          Saved passwords are locked. To use them, unlock them with your master password at the
          bottom of the site manager.
        </p>
      )}
    </ServerPasswordDialog>
  );
}
