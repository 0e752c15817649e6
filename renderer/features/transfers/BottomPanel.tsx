import { useState, type KeyboardEvent } from 'react';
import { LogPanel } from '../log/LogPanel';
import { useLog } from '../log/logStore';

const TABS = ['Transfers', 'Log'] as const;
type Tab = (typeof TABS)[number];

/** The transfer queue and the connection log, as tabs below the panes. */
export function BottomPanel() {
  const [tab, setTab] = useState<Tab>('Transfers');
  const logCount = useLog((s) => s.lines.length);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next =
      (TABS.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : -1) + TABS.length) % TABS.length;
    setTab(TABS[next] ?? 'Transfers');
  }

  return (
    <section className="bottom-panel" aria-label="Transfers and log">
      <div role="tablist" aria-label="Bottom panel" className="tabs" onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {name === 'Log' && logCount > 0 ? `Log (${logCount})` : name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'Transfers' ? <p className="muted">No transfers yet.</p> : <LogPanel />}
      </div>
    </section>
  );
}
