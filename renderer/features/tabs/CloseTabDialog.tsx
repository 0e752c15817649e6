import { Dialog } from '../../ui/Dialog';

interface Props {
  title: string;
  running: number;
  onKeepOpen(): void;
  onClose(): void;
}

/** Asks before closing a tab whose transfers are still running (as FileZilla does). */
export function CloseTabDialog({ title, running, onKeepOpen, onClose }: Props) {
  const transfers = running === 1 ? '1 transfer is' : `${running.toLocaleString()} transfers are`;
  return (
    <Dialog
      title="Close this connection?"
      tone="warning"
      onDismiss={onKeepOpen}
      actions={
        <>
          <button type="button" data-autofocus onClick={onKeepOpen}>
            Keep it open
          </button>
          <button type="button" className="danger" onClick={onClose}>
            Stop transfers and close
          </button>
        </>
      }
    >
      <p>
        {transfers} still running on {title}. Closing the tab disconnects from the server and stops{' '}
        {running === 1 ? 'it' : 'them'}.
      </p>
    </Dialog>
  );
}
