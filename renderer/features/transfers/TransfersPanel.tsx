import { Ban, Pause, Play, RotateCcw, Trash2 } from 'lucide-react';
import { useMemo, type KeyboardEvent } from 'react';
import type { TransferJob } from '../../../shared/contract/transfers';
import { formatLimit } from '../../../shared/speed-limit';
import { useSettings } from '../settings/settingsStore';
import {
  formatBytesOf,
  formatEta,
  formatSpeed,
  inFilter,
  percentDone,
  type TransferFilter,
} from './format';
import { showTransferFilter, useBottomTab } from './panelTab';
import { ProgressBar } from './ProgressBar';
import { QueueList } from './QueueList';
import { inStartOrder } from './queueOrder';
import { DiscardLeftNotice } from './DiscardLeftNotice';
import { UnfinishedNotice } from './UnfinishedNotice';
import { useFocusFallback } from './useFocusFallback';
import { totalsOfRows, transferCommands, useTransfers } from './transfersStore';
import './transfers.css';

const FILTERS: Array<{ id: TransferFilter; label: string; listLabel: string }> = [
  { id: 'current', label: 'Queued and active', listLabel: 'Queued and active transfers' },
  { id: 'failed', label: 'Failed', listLabel: 'Failed transfers' },
  { id: 'finished', label: 'Finished', listLabel: 'Finished transfers' },
];

/** The Transfers tab: totals and queue controls above, the rows of one filter below. */
export function TransfersPanel() {
  const jobs = useTransfers((s) => s.jobs);
  const filter = useBottomTab((s) => s.filter);
  const setFilter = showTransferFilter;
  const byFilter = useMemo(() => {
    const lists: Record<TransferFilter, TransferJob[]> = { current: [], failed: [], finished: [] };
    for (const job of jobs.values()) {
      for (const f of FILTERS) if (inFilter(job, f.id)) lists[f.id].push(job);
    }
    lists.finished.reverse(); // the latest first
    lists.current = inStartOrder(lists.current, jobs);
    return lists;
  }, [jobs]);

  function onFilterKey(event: KeyboardEvent) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const at = FILTERS.findIndex((f) => f.id === filter);
    const step = event.key === 'ArrowRight' ? 1 : -1;
    const next = FILTERS[(at + step + FILTERS.length) % FILTERS.length];
    if (!next) return;
    setFilter(next.id);
    document.getElementById(`transfer-filter-${next.id}`)?.focus();
  }

  const shown = byFilter[filter];
  const current = FILTERS.find((f) => f.id === filter) ?? FILTERS[0];
  const keepFocus = useFocusFallback(jobs, () =>
    document.getElementById(`transfer-filter-${filter}`)?.focus(),
  );
  return (
    <div className="transfers" {...keepFocus}>
      <TransfersHeader
        hasFailed={byFilter.failed.length > 0}
        hasFinished={byFilter.finished.length > 0}
      />
      <UnfinishedNotice />
      <DiscardLeftNotice />
      <HaltNotice />
      <Notice />
      <div
        role="tablist"
        aria-label="Show transfers"
        className="transfer-filters"
        onKeyDown={onFilterKey}
      >
        {FILTERS.map((f) => (
          <button
            key={f.id}
            type="button"
            role="tab"
            id={`transfer-filter-${f.id}`}
            aria-controls="transfer-filter-panel"
            aria-selected={filter === f.id}
            tabIndex={filter === f.id ? 0 : -1}
            onClick={() => setFilter(f.id)}
          >
            {f.label} ({byFilter[f.id].length.toLocaleString()})
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id="transfer-filter-panel"
        aria-labelledby={`transfer-filter-${filter}`}
        className="transfer-filter-panel"
      >
        {shown.length === 0 ? (
          <p className="muted transfer-empty">{emptyText(filter, jobs.size)}</p>
        ) : (
          <QueueList rows={shown} label={current?.listLabel ?? 'Transfers'} jobs={jobs} />
        )}
      </div>
    </div>
  );
}

function emptyText(filter: TransferFilter, all: number): string {
  if (all === 0)
    return 'No transfers yet. Drag files between the panes, or use Upload and Download.';
  if (filter === 'current') return 'Nothing is waiting or moving.';
  if (filter === 'failed') return 'Nothing failed.';
  return 'Nothing has finished yet.';
}

/** Why the queue stopped itself (a full disk), until Resume. */
function HaltNotice() {
  const because = useTransfers((s) => s.totals?.pausedBecause);
  if (!because) return null;
  return (
    <div className="error-banner transfer-halt" role="alert">
      <strong>Transfers paused.</strong> {because.message} {because.hint}
    </div>
  );
}

function TransfersHeader({ hasFailed, hasFinished }: { hasFailed: boolean; hasFinished: boolean }) {
  const jobs = useTransfers((s) => s.jobs);
  const event = useTransfers((s) => s.totals);
  const totals = useMemo(() => event ?? totalsOfRows(jobs.values()), [event, jobs]);
  const moving = totals.active + totals.queued;
  const summary = [
    moving > 0 ? `${totals.active} moving, ${totals.queued} waiting` : 'Nothing moving',
    totals.total > 0 ? formatBytesOf(totals.bytes, totals.total) : '',
    moving > 0 ? formatSpeed(totals.speed) : '',
    moving > 0 ? formatEta(totals.eta) : '',
    totals.paused ? 'paused' : '',
  ].filter((t) => t !== '');

  return (
    <div className="transfer-header">
      <div className="transfer-total">
        <ProgressBar
          label="All transfers"
          percent={totals.total > 0 ? percentDone(totals.bytes, totals.total) : null}
          text={summary.join(', ')}
        />
        <span className="muted transfer-summary" role="status">
          {summary.join(' · ')}
        </span>
        <SpeedLimitNote />
      </div>
      <div className="transfer-controls">
        {totals.paused ? (
          <button type="button" onClick={() => void transferCommands.resume()}>
            <Play size={14} aria-hidden="true" /> Resume queue
          </button>
        ) : (
          <button
            type="button"
            onClick={() => void transferCommands.pause()}
            disabled={moving === 0}
          >
            <Pause size={14} aria-hidden="true" /> Pause queue
          </button>
        )}
        <button
          type="button"
          onClick={() => void transferCommands.cancelAll()}
          disabled={moving === 0}
        >
          <Ban size={14} aria-hidden="true" /> Cancel all
        </button>
        <button type="button" onClick={() => void transferCommands.retry()} disabled={!hasFailed}>
          <RotateCcw size={14} aria-hidden="true" /> Retry failed
        </button>
        <button
          type="button"
          onClick={() => void transferCommands.clearFinished()}
          disabled={!hasFinished && !hasFailed}
        >
          <Trash2 size={14} aria-hidden="true" /> Clear finished
        </button>
      </div>
    </div>
  );
}

/** "Limited to 1 MiB/s ↓ · 200 KiB/s ↑" while a speed limit is on (Settings → Speed limits). */
function SpeedLimitNote() {
  const download = useSettings((s) => s.settings.downloadLimit);
  const upload = useSettings((s) => s.settings.uploadLimit);
  if (!download && !upload) return null;
  return (
    <span className="muted transfer-limit" role="status">
      Limited to{' '}
      {download && (
        <span>
          {formatLimit(download)} <span aria-hidden="true">↓</span>
          <span className="visually-hidden"> for downloads</span>
        </span>
      )}
      {download && upload && ' · '}
      {upload && (
        <span>
          {formatLimit(upload)} <span aria-hidden="true">↑</span>
          <span className="visually-hidden"> for uploads</span>
        </span>
      )}
    </span>
  );
}

function Notice() {
  const notice = useTransfers((s) => s.notice);
  if (!notice) return null;
  return (
    <div
      className={notice.tone === 'error' ? 'error-banner' : 'info-banner'}
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      <strong>{notice.message}</strong>
      {notice.hint && <div>{notice.hint}</div>}
      <button
        type="button"
        onClick={() => useTransfers.setState({ notice: null })}
        aria-label="Dismiss message"
      >
        Dismiss
      </button>
    </div>
  );
}
