import { Download, RotateCcw, Upload, X } from 'lucide-react';
import { memo, type MouseEvent } from 'react';
import type { TransferJob } from '../../../shared/contract/transfers';
import { shownName } from '../../../shared/shown-name';
import {
  folderCounts,
  formatBytesOf,
  formatEta,
  formatSpeed,
  percentDone,
  stateLabel,
} from './format';
import { useTabs } from '../tabs/tabsStore';
import { ProgressBar } from './ProgressBar';
import { QUEUE_KEYS_HINT_ID, selectId } from './queueOrder';
import { transferCommands } from './transfersStore';

/** How a click picks a row: alone, toggled (Ctrl, its checkbox), or a range from the anchor. */
export type RowPick = { range: boolean; toggle: boolean } | 'toggle';

/** One transfer: what moves where, how far it is, and what can be done about it. */
export const TransferRow = memo(function TransferRow({
  job,
  parentName,
  selectable = false,
  selected = false,
  onPick,
  onMenu,
}: {
  job: TransferJob;
  /** For a file of a folder transfer: the folder's name, so the row says where it belongs. */
  parentName?: string;
  /** A waiting transfer: it can be selected, and moved in the queue (QueueList). */
  selectable?: boolean;
  selected?: boolean;
  onPick?: (jobId: string, how: RowPick) => void;
  onMenu?: (jobId: string, at: { x: number; y: number }) => void;
}) {
  const DirectionIcon = job.direction === 'upload' ? Upload : Download;
  const directionWord = job.direction === 'upload' ? 'Upload' : 'Download';
  const running = job.state === 'queued' || job.state === 'active';
  const percent = percentDone(job.bytes, job.total);
  // Which server the row is about: several may be connected, one per tab.
  const server = useTabs((s) => s.serverNames[job.sessionId]);
  const onServer = (path: string) => (server ? `${server}: ${path}` : path);
  const route = shownName(
    job.direction === 'upload'
      ? `${job.source} → ${onServer(job.target)}`
      : `${onServer(job.source)} → ${job.target}`,
  );
  const facts = [
    job.kind === 'folder' && job.files ? folderCounts(job.files) : '',
    formatBytesOf(job.bytes, job.total),
    job.state === 'active' ? formatSpeed(job.speed) : '',
    job.state === 'active' ? formatEta(job.eta) : '',
    job.attempts > 1 && running ? `attempt ${job.attempts}` : '',
  ].filter((text) => text !== '');

  function onClick(event: MouseEvent) {
    if (!selectable || (event.target as Element).closest('button, input')) return;
    onPick?.(job.id, { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
  }

  function onContextMenu(event: MouseEvent) {
    if (!selectable) return;
    event.preventDefault();
    onMenu?.(job.id, { x: event.clientX, y: event.clientY });
  }

  return (
    <li
      className={`transfer-row state-${job.state}${selected ? ' selected' : ''}`}
      aria-label={`${directionWord} ${job.name}`}
      data-job-id={job.id}
      onClick={onClick}
      onContextMenu={onContextMenu}
    >
      <div className="transfer-lead">
        {selectable && (
          <input
            type="checkbox"
            className="transfer-select"
            id={selectId(job.id)}
            checked={selected}
            aria-label={`Select ${directionWord.toLowerCase()} ${job.name}`}
            aria-describedby={QUEUE_KEYS_HINT_ID}
            aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Alt+Home Alt+End"
            onChange={() => onPick?.(job.id, 'toggle')}
          />
        )}
        <DirectionIcon
          size={16}
          className="transfer-direction"
          role="img"
          aria-label={directionWord}
        />
      </div>
      <div className="transfer-main">
        <div className="transfer-title">
          <span className="transfer-name">{shownName(job.name)}</span>
          {parentName !== undefined && <span className="muted"> in {shownName(parentName)}</span>}
          <span className={`transfer-state state-${job.state}`}>{stateLabel(job)}</span>
        </div>
        <div className="transfer-route muted" title={route}>
          {route}
        </div>
        {running && (
          <ProgressBar label={`${job.name} progress`} percent={percent} text={facts[1] ?? ''} />
        )}
        <div className="transfer-facts muted">{facts.join(' · ')}</div>
        {job.error && (job.state === 'failed' || job.state === 'skipped') && (
          <div className="transfer-error">
            <strong>{job.error.message}</strong>
            {job.error.hint && <span> {job.error.hint}</span>}
          </div>
        )}
        {job.note && <div className="transfer-note muted">{job.note}</div>}
      </div>
      <div className="transfer-actions">
        {running && (
          <button
            type="button"
            className="icon-button"
            aria-label={`Cancel ${job.name}`}
            title="Cancel"
            onClick={() => void transferCommands.cancel(job.id)}
          >
            <X size={15} aria-hidden="true" />
          </button>
        )}
        {job.state === 'failed' && (
          <button
            type="button"
            className="icon-button"
            aria-label={`Retry ${job.name}`}
            title="Retry"
            onClick={() => void transferCommands.retry(job.id)}
          >
            <RotateCcw size={15} aria-hidden="true" />
          </button>
        )}
      </div>
    </li>
  );
});
