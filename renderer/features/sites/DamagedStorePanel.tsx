import { useState } from 'react';
import type { DamagedStore } from '../../../shared/contract/sites';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError } from '../../api';
import { ConfirmDialog } from './ConfirmDialog';
import { useSites } from './sitesStore';

/** The sites file could not be read: say so, and let the user choose what happens. */
export function DamagedStorePanel({ damaged }: { damaged: DamagedStore }) {
  const [confirmFresh, setConfirmFresh] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const recover = async (action: 'restore-backup' | 'start-fresh') => {
    setConfirmFresh(false);
    try {
      const snapshot = await call('sites.store.recover', { action });
      useSites.setState({ snapshot, selected: undefined });
    } catch (e) {
      setError(describeError(e));
    }
  };
  const backup = damaged.backup;
  return (
    <div className="sm-damaged" role="alert">
      <h3>{damaged.message}</h3>
      <p>
        File: <code>{damaged.file}</code>
      </p>
      {damaged.reason === 'newer-version' ? (
        <p>
          Use the newer Ferry, or restore the last copy this version wrote. Nothing has been
          changed.
        </p>
      ) : (
        <p>
          Ferry has not changed anything. Whatever you choose, the damaged file is kept beside it.
        </p>
      )}
      <div className="sm-actions">
        {backup && (
          <button type="button" className="primary" onClick={() => void recover('restore-backup')}>
            Restore the last good copy ({backup.sites} {backup.sites === 1 ? 'site' : 'sites'},
            saved {new Date(backup.savedAt).toLocaleString()})
          </button>
        )}
        <button type="button" onClick={() => setConfirmFresh(true)}>
          Start a new, empty list
        </button>
      </div>
      {error && (
        <p className="sm-problem">
          {error.message} {error.hint}
        </p>
      )}
      {confirmFresh && (
        <ConfirmDialog
          title="Start a new, empty list of sites?"
          confirm="Start a new list"
          danger
          onConfirm={() => void recover('start-fresh')}
          onCancel={() => setConfirmFresh(false)}
        >
          <p>
            Your saved sites will no longer show. The damaged file stays in Ferry’s data folder.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
