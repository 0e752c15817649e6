import { CircleStop } from 'lucide-react';
import { useEffect, useMemo, useRef } from 'react';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { SyncOptionsForm } from './SyncOptionsForm';
import { useTransfers } from '../transfers/transfersStore';
import { SyncPreview } from './SyncPreview';
import { tallyRun } from './syncRunTally';
import { syncActions, useSync } from './syncStore';
import { notPlannedText, resultText } from './syncWords';
import './sync.css';

/**
 * Synchronize folders (WinSCP's Synchronize): the options, then a preview of every transfer
 * and deletion to tick or untick, then Start: transfers go to the queue, deletions run now.
 * `onRan` lets the panes list their folders again.
 */
export function SyncDialog({ onRan }: { onRan: () => void }) {
  const { phase, planned, progress, result, error, unticked } = useSync();
  const jobs = useTransfers((s) => s.jobs);
  // What the run's transfers did so far, from their rows (files left alone counted too).
  const tally = useMemo(
    () => (result ? tallyRun(result.transferIds, jobs) : undefined),
    [result, jobs],
  );
  const busy = phase === 'comparing' || phase === 'running';
  const tickedDeletes =
    planned?.items.filter(
      (item) =>
        !unticked.has(item.id) && (item.action === 'deleteRemote' || item.action === 'deleteLocal'),
    ).length ?? 0;
  const tickedAny = (planned?.items.length ?? 0) > unticked.size;

  // Each step gives the keyboard a place (the button that had it is disabled or gone): the
  // preview's first tick box (not Start: Enter must not delete by accident), Close at the end.
  const shownPhase = useRef(phase);
  useEffect(() => {
    if (shownPhase.current === phase) return; // the first step: data-autofocus does it
    shownPhase.current = phase;
    const where: Partial<Record<typeof phase, string>> = {
      options: '.sync-compare',
      preview: '.sync-preview input[type="checkbox"], .sync-start',
      done: '.sync-close',
    };
    const selector = where[phase];
    if (selector) document.querySelector<HTMLElement>(`dialog[open] :is(${selector})`)?.focus();
  }, [phase]);

  async function start() {
    const ran = await syncActions.run();
    if (ran) onRan();
  }

  let actions;
  if (phase === 'options' || phase === 'comparing') {
    actions = (
      <>
        {phase === 'comparing' && (
          <button type="button" onClick={() => void syncActions.stop()}>
            <CircleStop size={14} aria-hidden="true" /> Stop
          </button>
        )}
        <button type="button" onClick={syncActions.close}>
          Cancel
        </button>
        <button
          type="button"
          className="primary sync-compare"
          disabled={busy}
          onClick={() => void syncActions.compare()}
        >
          Compare
        </button>
      </>
    );
  } else if (phase === 'preview' || phase === 'running') {
    actions = (
      <>
        {phase === 'running' && tickedDeletes > 0 && (
          <button type="button" onClick={() => void syncActions.stop()}>
            <CircleStop size={14} aria-hidden="true" /> Stop deleting
          </button>
        )}
        <button type="button" disabled={busy} onClick={syncActions.back}>
          Back
        </button>
        <button type="button" disabled={busy} onClick={syncActions.close}>
          Cancel
        </button>
        <button
          type="button"
          className={`${tickedDeletes > 0 ? 'danger' : 'primary'} sync-start`}
          disabled={busy || !tickedAny}
          onClick={() => void start()}
        >
          {tickedDeletes > 0 ? 'Start (deletes files)' : 'Start'}
        </button>
      </>
    );
  } else {
    actions = (
      <button type="button" className="primary sync-close" onClick={syncActions.close}>
        Close
      </button>
    );
  }

  return (
    <Dialog
      title="Synchronize folders"
      wide
      actions={actions}
      {...(busy ? {} : { onDismiss: syncActions.close })}
    >
      {(phase === 'options' || phase === 'comparing') && (
        <>
          <SyncOptionsForm disabled={busy} />
          {phase === 'comparing' && (
            <p role="status" className="sync-progress">
              Comparing… {(progress?.folders ?? 0).toLocaleString()} folders
              {progress?.current ? `, now ${progress.current}` : ''}
            </p>
          )}
          {phase === 'options' && planned && planned.outcome !== 'done' && (
            <p role="alert" className="sync-note">
              {notPlannedText(planned)}
            </p>
          )}
        </>
      )}
      {(phase === 'preview' || phase === 'running') && <SyncPreview disabled={busy} />}
      {phase === 'done' && result && (
        <div className="sync-result">
          <p role="status">{resultText(result, tally)}</p>
          {result.failed.length > 0 && (
            <ul>
              {result.failed.map(({ path, error: failure }) => (
                <li key={path}>
                  {path}: {failure.message} {failure.hint}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && <ErrorNotice error={error} />}
    </Dialog>
  );
}
