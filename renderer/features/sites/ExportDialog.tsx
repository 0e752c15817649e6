import { useId, useState } from 'react';
import type { SitesExport, SitesSnapshot } from '../../../shared/contract/sites';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError } from '../../api';
import { Dialog } from '../../ui/Dialog';
import './import-export.css';
import type { Selection } from './sitesStore';

type Scope = 'all' | 'selected';

/**
 * Export… (as FileZilla's File → Export): all sites, or the chosen folder or site, into one file.
 * The page hands the file to the browser as a download; the desktop app asks where to save it.
 */
export function ExportDialog({
  snapshot,
  selected,
  onClose,
}: {
  snapshot: SitesSnapshot;
  selected: Selection | undefined;
  onClose(): void;
}) {
  const groupId = useId();
  const chosen = chosenName(snapshot, selected);
  const [scope, setScope] = useState<Scope>(chosen ? 'selected' : 'all');
  const [error, setError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SitesExport>();

  async function save() {
    setError(undefined);
    setBusy(true);
    try {
      const file = await call('sites.export', {
        ...(scope === 'selected' && selected ? { scope: selected } : {}),
      });
      offerDownload(file);
      setDone(file);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const actions = done ? (
    <button type="button" className="primary" onClick={onClose}>
      Close
    </button>
  ) : (
    <>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
        Export
      </button>
    </>
  );

  return (
    <Dialog title="Export sites" onDismiss={onClose} actions={actions}>
      {done ? (
        <p role="status" aria-label="Export done">
          <strong>
            {count(done.sites, 'site')}
            {done.folders > 0 && ` in ${count(done.folders, 'folder')}`}
          </strong>{' '}
          written to <code>{done.fileName}</code>. On the other computer, choose it in the site
          manager’s Import….
        </p>
      ) : (
        <>
          <fieldset className="sm-export-scope" aria-describedby={`${groupId}-what`}>
            <legend>What to export</legend>
            <label className="checkbox-line">
              <input
                type="radio"
                name={`${groupId}-scope`}
                checked={scope === 'all'}
                onChange={() => setScope('all')}
              />
              All sites ({count(snapshot.sites.length, 'site')})
            </label>
            <label className="checkbox-line">
              <input
                type="radio"
                name={`${groupId}-scope`}
                checked={scope === 'selected'}
                disabled={!chosen}
                onChange={() => setScope('selected')}
              />
              {chosen ?? 'The chosen folder or site (choose one in the list first)'}
            </label>
          </fieldset>
          <div id={`${groupId}-what`}>
            <p>
              The file keeps folders, sites, their settings and bookmarks, for another computer or a
              colleague’s Ferry.
            </p>
            <p>
              <strong>Passwords are not exported; you will be asked when connecting.</strong> Key
              passphrases, proxy and SSH jump host passwords are not either.
            </p>
            <p>
              Trusted host keys and certificates stay on this computer: the other Ferry asks about
              each server the first time.
            </p>
          </div>
        </>
      )}
      {error && (
        <div className="error-banner" role="alert">
          <strong>{error.message}</strong>
          {error.hint && <div>{error.hint}</div>}
        </div>
      )}
    </Dialog>
  );
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function chosenName(snapshot: SitesSnapshot, selected: Selection | undefined) {
  if (selected?.kind === 'site') {
    const site = snapshot.sites.find((s) => s.id === selected.id);
    return site && `The site “${site.name}”`;
  }
  if (selected?.kind === 'folder') {
    const folder = snapshot.folders.find((f) => f.id === selected.id);
    return folder && `The folder “${folder.name}” with everything in it`;
  }
  return undefined;
}

/** A download of the file: the browser saves it; Electron shows its save dialog. */
function offerDownload({ fileName, content }: SitesExport): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
