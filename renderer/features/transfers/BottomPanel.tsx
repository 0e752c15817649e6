import { useEffect, type KeyboardEvent } from 'react';
import { LogPanel } from '../log/LogPanel';
import { useLog } from '../log/logStore';
import { ConflictDialog } from './ConflictDialog';
import { BOTTOM_TABS, showBottomTab, useBottomTab } from './panelTab';
import { TransfersPanel } from './TransfersPanel';
import { watchTransferEvents } from './transfersStore';
import { loadUnfinished } from './unfinishedStore';

/** The transfer queue and the connection log, as tabs below the panes. */
export function BottomPanel() {
  const tab = useBottomTab((s) => s.tab);
  const logCount = useLog((s) => s.lines.length);

  useEffect(() => {
    watchTransferEvents();
    // What an earlier run left unfinished, offered once at start (UnfinishedNotice).
    void loadUnfinished();
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next =
      (BOTTOM_TABS.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : -1) + BOTTOM_TABS.length) %
      BOTTOM_TABS.length;
    const name = BOTTOM_TABS[next] ?? 'Transfers';
    showBottomTab(name);
    document.getElementById(`tab-${name}`)?.focus();
  }

  return (
    <section className="bottom-panel" aria-label="Transfers and log">
      <div role="tablist" aria-label="Bottom panel" className="tabs" onKeyDown={onKeyDown}>
        {BOTTOM_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => showBottomTab(name)}
          >
            {name === 'Log' && logCount > 0 ? `Log (${logCount})` : name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'Transfers' ? <TransfersPanel /> : <LogPanel />}
      </div>
      <ConflictDialog />
    </section>
  );
}
