import { CircleStop } from 'lucide-react';
import { keepUpActions, useKeepUps } from './keepUpStore';
import { detailText, runningText, stoppedText } from './keepUpWords';
import './keepup.css';

/** Above the server's files while the tab keeps its folder up to date, or says why it stopped. */
export function KeepUpStrip({ tabId }: { tabId: string }) {
  const state = useKeepUps((s) => s.byTab[tabId]?.state);
  const syncedFirst = useKeepUps((s) => s.byTab[tabId]?.syncedFirst);
  if (!state) return null;
  if (!state.running) {
    return (
      <div className="keepup-strip keepup-stopped" role="status">
        <span className="keepup-text">{stoppedText(state)}</span>
        <button type="button" onClick={() => void keepUpActions.stop(tabId)}>
          OK
        </button>
      </div>
    );
  }
  return (
    <section className="keepup-strip" aria-label="Keeping the server folder up to date">
      <span className="keepup-text">
        {runningText(state)}
        <span className="keepup-detail">{detailText(state)}</span>
        {syncedFirst && <span className="keepup-detail">{syncedFirst}</span>}
      </span>
      <button type="button" onClick={() => void keepUpActions.stop(tabId)}>
        <CircleStop size={14} aria-hidden="true" /> Stop
      </button>
    </section>
  );
}
