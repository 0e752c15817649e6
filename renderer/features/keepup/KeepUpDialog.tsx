import { FormDialog } from '../../ui/FormDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { keepUpActions, useKeepUps } from './keepUpStore';
import './keepup.css';

/** Asks before watching: which two folders, and whether deletions follow (off unless ticked). */
export function KeepUpDialog({ tabId }: { tabId: string }) {
  const asking = useKeepUps((s) => s.byTab[tabId]?.asking);
  if (!asking) return null;
  return (
    <FormDialog
      title="Keep the server folder up to date"
      submitLabel={asking.syncing ? 'Synchronizing…' : asking.starting ? 'Starting…' : 'Start'}
      submitDisabled={asking.starting === true}
      onCancel={() => keepUpActions.cancel(tabId)}
      onSubmit={() => void keepUpActions.start(tabId)}
      formClassName="keepup-form"
    >
      <p>
        Ferry watches the folder on this computer and uploads every new or changed file (and new
        folder) to the same place on the server, until you stop it or close the tab. What is there
        now is not sent, unless you tick Synchronize first.
      </p>
      <dl className="keepup-folders">
        <dt>On this computer</dt>
        <dd>{asking.localRoot}</dd>
        <dt>On the server</dt>
        <dd>{asking.remoteRoot}</dd>
      </dl>
      <label>
        <input
          type="checkbox"
          checked={asking.deleteOnServer}
          onChange={(e) => keepUpActions.setDeleteOnServer(tabId, e.currentTarget.checked)}
          data-autofocus
        />
        Delete on the server what is deleted here
      </label>
      <p className="muted">
        {asking.deleteOnServer
          ? 'A file or folder you delete here is deleted on the server too (not what your exclusion list leaves out).'
          : 'Off: nothing is ever deleted on the server.'}
      </p>
      <label>
        <input
          type="checkbox"
          checked={asking.syncFirst}
          onChange={(e) => keepUpActions.setSyncFirst(tabId, e.currentTarget.checked)}
          aria-describedby={`keepup-sync-first-${tabId}`}
        />
        Synchronize first
      </label>
      <p className="muted" id={`keepup-sync-first-${tabId}`}>
        {asking.syncFirst
          ? `First uploads what differs here, as Synchronize folders does (a copy newer on the server is kept)${
              asking.deleteOnServer ? ' and deletes on the server what is not here' : ''
            }; then starts watching.`
          : 'Off: only changes from now on are sent.'}
      </p>
      {asking.error && <ErrorNotice error={asking.error} />}
    </FormDialog>
  );
}
