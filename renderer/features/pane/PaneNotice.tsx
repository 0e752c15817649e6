import { InfoNotice } from '../../ui/InfoNotice';
import { usePane, usePaneActions } from './PaneContext';

/** What the folder's listing says about the server, e.g. that its names are not UTF-8. */
export function PaneNotice() {
  const notice = usePane((s) => s.notice);
  const { dismissNotice } = usePaneActions();
  if (!notice) return null;
  return <InfoNotice text={notice} role="status" onDismiss={dismissNotice} />;
}
