import { Dialog } from '../../ui/Dialog';

interface Props {
  /** The titles of the tabs to close. */
  titles: string[];
  running: number;
  onKeepOpen(): void;
  onClose(): void;
}

/** Asks before closing tabs whose transfers are still running (as FileZilla does). */
export function CloseTabDialog({ titles, running, onKeepOpen, onClose }: Props) {
  const one = titles.length === 1;
  const transfers = running === 1 ? '1 transfer is' : `${running.toLocaleString()} transfers are`;
  const where = one ? titles[0] : `${titles.length.toLocaleString()} servers`;
  return (
    <Dialog
      title={one ? 'Close this connection?' : 'Close these connections?'}
      tone="warning"
      onDismiss={onKeepOpen}
      actions={
        <>
          <button type="button" data-autofocus onClick={onKeepOpen}>
            {one ? 'Keep it open' : 'Keep them open'}
          </button>
          <button type="button" className="danger" onClick={onClose}>
            Stop transfers and close
          </button>
        </>
      }
    >
      <p>
        {transfers} still running on {where}. Closing {one ? 'the tab' : 'the tabs'} disconnects and
        stops {running === 1 ? 'it' : 'them'}.
      </p>
    </Dialog>
  );
}
