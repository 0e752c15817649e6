import { plainFtpAcknowledged, type SiteDraft } from '../../../shared/contract/sites';
import { siteJumpWords } from './plainFtpRoute';

/**
 * The plain-FTP warning, always shown, and the site's remembered "I know" (revocable). It holds
 * for the server and the way to it: a changed host, port or SSH jump host asks again, since the
 * same address through another jump host may be another machine.
 */
export function PlainFtpNote({
  draft,
  onAcknowledged,
}: {
  draft: SiteDraft;
  onAcknowledged(yes: boolean): void;
}) {
  const acknowledged = plainFtpAcknowledged(draft);
  const via = siteJumpWords(draft);
  const server = via ? `this server through the SSH jump host ${via}` : 'this server';
  const routeChanged = !acknowledged && draft.plainFtpAcknowledgedFor !== null;
  return (
    <div className="warning-banner sm-wide sm-plain-ftp" role="note">
      <p>
        Plain FTP sends your password and files in clear text.{' '}
        {acknowledged
          ? `Ferry connects to ${server} without asking first, and marks the connection as not encrypted.`
          : `Each time Ferry starts, it asks before the first connection to ${server}, and it marks the connection as not encrypted.`}
      </p>
      {routeChanged && (
        <p>
          You had said you know for another server or way to it: its host, port or SSH jump host
          changed since, and the same address through another jump host may be another machine, so
          Ferry asks again before your password goes there.
        </p>
      )}
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
