import { Server } from 'lucide-react';

/** The remote side before a connection exists: an invitation, not a blank. */
export function RemotePane() {
  return (
    <div className="empty-state">
      <Server size={40} aria-hidden="true" />
      <h2>Not connected</h2>
      <p>Enter a server above and press Connect, or pick a saved site.</p>
    </div>
  );
}
