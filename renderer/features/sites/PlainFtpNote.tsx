import { plainFtpAcknowledged, type SiteDraft } from '../../../shared/contract/sites';

/** The plain-FTP warning, always shown, and the site's remembered "I know" (revocable). */
export function PlainFtpNote({
  draft,
  onAcknowledged,
}: {
  draft: SiteDraft;
  onAcknowledged(yes: boolean): void;
}) {
  const acknowledged = plainFtpAcknowledged(draft);
  return (
    <div className="warning-banner sm-wide sm-plain-ftp" role="note">
      <p>
        Plain FTP sends your password and files in clear text.{' '}
        {acknowledged
          ? 'Ferry connects to this server without asking first, and marks the connection as not encrypted.'
          : 'Each time Ferry starts, it asks before the first connection to this server, and it marks the connection as not encrypted.'}
      </p>
      <label className="sm-check">
        <input
          type="checkbox"
          checked={acknowledged}
          disabled={draft.host.trim() === ''}
          onChange={(e) => onAcknowledged(e.target.checked)}
        />
        I know this server is not encrypted: do not ask before connecting
      </label>
    </div>
  );
}
