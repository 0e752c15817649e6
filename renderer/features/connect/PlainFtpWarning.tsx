import { Dialog } from '../../ui/Dialog';

interface Props {
  host: string;
  /** The SSH jump host ("host:port") the connection goes through, if any. */
  via?: string | undefined;
  onConnect: () => void;
  onCancel: () => void;
  onUseFtps: () => void;
}

export function PlainFtpWarning({ host, via, onConnect, onCancel, onUseFtps }: Props) {
  return (
    <Dialog
      title="Plain FTP is not encrypted"
      tone="warning"
      onDismiss={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" onClick={onUseFtps}>
            Use FTPS instead
          </button>
          <button type="button" className="danger" onClick={onConnect}>
            Connect without encryption
          </button>
        </>
      }
    >
      <p>
        With plain FTP, your password and every file you move travel to <strong>{host}</strong> in
        clear text
        {via ? (
          <>
            {' '}
            from the SSH jump host <strong>{via}</strong> on (only the way to the jump host is
            encrypted)
          </>
        ) : null}
        . Anyone on the same network, or along the way, can read and change them.
      </p>
      <p>
        If the server offers FTPS or SFTP, use that instead. Connect without encryption only if you
        understand the risk. Ferry asks again for this server{via ? ' and jump host' : ''} the next
        time you start it.
      </p>
    </Dialog>
  );
}
