import { Dialog } from '../../ui/Dialog';
import { permissionsActions, usePermissionsJobs } from './permissionsStore';
import { progressLine, summaryLines } from './permissionsWords';

/** A tab's running permissions change (with Stop), then what it did (with OK). */
export function PermissionsProgress({ tabId }: { tabId: string }) {
  const job = usePermissionsJobs((s) => s.byTab[tabId]);
  if (!job) return null;
  const close = () => permissionsActions.dismiss(tabId);

  if (job.error) {
    return (
      <Dialog
        title="Permissions not changed"
        tone="warning"
        onDismiss={close}
        actions={
          <button type="button" className="primary" onClick={close}>
            OK
          </button>
        }
      >
        <p role="alert">{job.error.message}</p>
        {job.error.hint && <p className="muted">{job.error.hint}</p>}
      </Dialog>
    );
  }

  if (job.finished) {
    const [main, ...more] = summaryLines(job.finished);
    const clean = job.finished.outcome === 'done' && job.finished.failed === 0;
    return (
      <Dialog
        title="Permissions changed"
        tone={clean ? 'normal' : 'warning'}
        onDismiss={close}
        actions={
          <button type="button" className="primary" onClick={close}>
            OK
          </button>
        }
      >
        <p role="status">{main}</p>
        {more.map((line) => (
          <p key={line} className="muted">
            {line}
          </p>
        ))}
      </Dialog>
    );
  }

  if (!job.showsProgress) return null;
  const { progress } = job;
  return (
    <Dialog
      title="Changing permissions…"
      onDismiss={() => permissionsActions.stop(tabId)}
      actions={
        <button
          type="button"
          disabled={job.stopping === true}
          onClick={() => permissionsActions.stop(tabId)}
        >
          {job.stopping ? 'Stopping…' : 'Stop'}
        </button>
      }
    >
      <p role="status" aria-live="off">
        {progress ? progressLine(progress, progress.current) : 'Starting…'}
      </p>
    </Dialog>
  );
}
