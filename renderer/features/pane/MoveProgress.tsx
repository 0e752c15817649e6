import { ProgressBar } from '../transfers/ProgressBar';
import { formatSize } from './format';
import { usePane, usePaneActions } from './PaneContext';

/** A move to another drive copies first: how far it is, and Stop (the original then stays). */
export function MoveProgress() {
  const moving = usePane((s) => s.moving);
  const { stopMove } = usePaneActions();
  if (!moving) return null;
  const { name, bytesDone, bytesTotal, stopping } = moving;
  const percent = bytesTotal > 0 ? Math.min(100, Math.floor((bytesDone / bytesTotal) * 100)) : null;
  const amount = `${formatSize(bytesDone)} of ${formatSize(bytesTotal)}`;
  return (
    <div className="pane-moving">
      <span role="status">
        {stopping ? `Stopping the move of “${name}”…` : `Moving “${name}” to the other drive…`}
      </span>
      <ProgressBar label={`Moving “${name}”`} percent={percent} text={amount} />
      <span className="pane-moving-amount">{amount}</span>
      <button type="button" onClick={stopMove} disabled={stopping}>
        Stop
      </button>
    </div>
  );
}
