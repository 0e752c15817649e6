import { Download, Upload } from 'lucide-react';
import { useActiveTab } from '../tabs/tabsStore';
import { usePane } from '../pane/PaneContext';
import { downloadSelection, uploadSelection } from './transferActions';

export const UPLOAD_SHORTCUT = 'Control+U';
export const DOWNLOAD_SHORTCUT = 'Control+D';

/** Counts what an action would apply to: the selection, else the focused entry. */
function usePickedCount(): number {
  return usePane((s) => s.selection.selected.size || (s.selection.focus ? 1 : 0));
}

/** In the local pane's toolbar: sends the selection to the server's current folder. */
export function UploadButton() {
  const picked = usePickedCount();
  const connected = useActiveTab().session !== undefined;
  return (
    <button
      type="button"
      className="icon-button transfer-button"
      aria-label="Upload to server"
      title={connected ? 'Upload to server (Ctrl+U)' : 'Connect to a server to upload'}
      aria-keyshortcuts={UPLOAD_SHORTCUT}
      disabled={!connected || picked === 0}
      onClick={() => void uploadSelection()}
    >
      <Upload size={16} aria-hidden="true" />
    </button>
  );
}

/** In the remote pane's toolbar: fetches the selection into the local pane's folder. */
export function DownloadButton() {
  const picked = usePickedCount();
  return (
    <button
      type="button"
      className="icon-button transfer-button"
      aria-label="Download to this computer"
      title="Download to this computer (Ctrl+D)"
      aria-keyshortcuts={DOWNLOAD_SHORTCUT}
      disabled={picked === 0}
      onClick={() => void downloadSelection()}
    >
      <Download size={16} aria-hidden="true" />
    </button>
  );
}
