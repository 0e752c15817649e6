import { Copy, Download, FolderPlus, Pencil, Plus, Search, Trash2, Upload, X } from 'lucide-react';
import { useId, useState } from 'react';
import type { SiteProfile, SiteSession } from '../../../shared/contract/sites';
import { call, errorInWords } from '../../api';
import { useModalDialog } from '../../ui/useModalDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { ConnectPrompts } from './ConnectPrompts';
import { DamagedStorePanel } from './DamagedStorePanel';
import { ExportDialog } from './ExportDialog';
import { handOverToRemotePane } from './handOver';
import { ImportDialog } from './ImportDialog';
import { NameDialog } from './NameDialog';
import { ProtectionLine } from './ProtectionLine';
import { RecentList } from './RecentList';
import { SiteDetails } from './SiteDetails';
import { SiteTree } from './SiteTree';
import { newDraft } from './siteForm';
import { useSites, type Selection } from './sitesStore';
import { useSiteConnect, type ConnectAnswers } from './useSiteConnect';
import './sites.css';

export interface SiteManagerProps {
  /** Gets the session once a site connected; by default the remote pane adopts it. */
  onConnected?(session: SiteSession): void;
}

type Naming =
  | { mode: 'new-folder'; parentId: string | null }
  | { mode: 'rename'; target: Selection; name: string };

/** The site manager: saved sites in folders on the left, the chosen one's settings on the right. */
export function SiteManager({ onConnected }: SiteManagerProps) {
  const titleId = useId();
  const { snapshot, loadError, selected, query, pendingSwitch } = useSites();
  const { setQuery, startNewSite, requestClose, confirmSwitch, close } = useSites.getState();
  const { ref: dialogRef, onCancel } = useModalDialog({ onDismiss: requestClose });
  const connectError = useSiteConnect((s) => s.error);
  const [naming, setNaming] = useState<Naming>();
  const [deleting, setDeleting] = useState<Selection>();
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<string>();

  const finish = (session: SiteSession) => {
    (onConnected ?? handOverToRemotePane)(session);
    close();
  };
  const connectSite = (site: SiteProfile, answers?: ConnectAnswers) =>
    void useSiteConnect
      .getState()
      .connect(site, answers)
      .then((session) => session && finish(session));

  const sites = snapshot?.sites ?? [];
  const folders = snapshot?.folders ?? [];
  const selectedSite =
    selected?.kind === 'site' ? sites.find((s) => s.id === selected.id) : undefined;
  const currentFolder =
    selected?.kind === 'folder' ? selected.id : (selectedSite?.folderId ?? null);
  const nameOf = (target: Selection) =>
    (target.kind === 'site'
      ? sites.find((s) => s.id === target.id)?.name
      : folders.find((f) => f.id === target.id)?.name) ?? '';

  async function remove(target: Selection) {
    setDeleting(undefined);
    try {
      if (target.kind === 'site') await call('sites.delete', { siteId: target.id });
      else await call('sites.folder.delete', { folderId: target.id });
      useSites.setState({ selected: undefined, formDirty: false });
      await useSites.getState().load();
      keepKeyboardInManager();
    } catch (error) {
      setNotice(errorInWords(error));
    }
  }

  /** The focused row went with the deletion: the keyboard goes to the tree, or the toolbar. */
  function keepKeyboardInManager() {
    requestAnimationFrame(() => {
      const dialog = dialogRef.current;
      const active = document.activeElement;
      if (!dialog || (active && active !== document.body && active.isConnected)) return;
      const target =
        dialog.querySelector<HTMLElement>('[role="tree"] [tabindex="0"]') ??
        dialog.querySelector<HTMLElement>('[role="toolbar"] button');
      target?.focus();
    });
  }

  async function duplicate() {
    if (!selectedSite) return;
    try {
      const copy = await call('sites.duplicate', { siteId: selectedSite.id });
      await useSites.getState().load();
      useSites.getState().select({ kind: 'site', id: copy.id });
    } catch (error) {
      setNotice(errorInWords(error));
    }
  }

  async function submitName(name: string): Promise<string | undefined> {
    if (!naming) return undefined;
    try {
      if (naming.mode === 'new-folder') {
        const folder = await call('sites.folder.create', { name, parentId: naming.parentId });
        await useSites.getState().load();
        useSites.getState().select({ kind: 'folder', id: folder.id });
      } else {
        await call('sites.rename', { kind: naming.target.kind, id: naming.target.id, name });
        await useSites.getState().load();
      }
      setNaming(undefined);
      return undefined;
    } catch (error) {
      return errorInWords(error);
    }
  }

  const folderSites = (folderId: string) => sites.filter((s) => s.folderId === folderId).length;

  return (
    <dialog ref={dialogRef} className="site-manager" aria-labelledby={titleId} onCancel={onCancel}>
      <div className="sm-header">
        <h2 id={titleId}>Site manager</h2>
        <button
          type="button"
          className="sm-icon"
          aria-label="Close site manager"
          onClick={requestClose}
        >
          <X size={16} aria-hidden="true" />
        </button>
      </div>

      {loadError && (
        <div className="error-banner" role="alert">
          <strong>{loadError.message}</strong> {loadError.hint}
        </div>
      )}
      {snapshot?.damaged ? (
        <DamagedStorePanel damaged={snapshot.damaged} />
      ) : (
        <div className="sm-body">
          <aside className="sm-side">
            <label className="sm-search">
              <Search size={14} aria-hidden="true" />
              <input
                type="search"
                aria-label="Search sites"
                placeholder="Search by name or host"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </label>
            <div className="sm-toolbar" role="toolbar" aria-label="Site actions">
              <button
                type="button"
                onClick={() => startNewSite({ draft: newDraft(currentFolder) })}
              >
                <Plus size={14} aria-hidden="true" /> New site
              </button>
              <button
                type="button"
                onClick={() => setNaming({ mode: 'new-folder', parentId: currentFolder })}
              >
                <FolderPlus size={14} aria-hidden="true" /> New folder
              </button>
              <button type="button" disabled={!selectedSite} onClick={() => void duplicate()}>
                <Copy size={14} aria-hidden="true" /> Duplicate
              </button>
              <button
                type="button"
                disabled={!selected}
                onClick={() =>
                  selected &&
                  setNaming({ mode: 'rename', target: selected, name: nameOf(selected) })
                }
              >
                <Pencil size={14} aria-hidden="true" /> Rename
              </button>
              <button
                type="button"
                disabled={!selected}
                onClick={() => selected && setDeleting(selected)}
              >
                <Trash2 size={14} aria-hidden="true" /> Delete
              </button>
            </div>
            <SiteTree
              onConnect={connectSite}
              onRename={(target) => setNaming({ mode: 'rename', target, name: nameOf(target) })}
              onDelete={setDeleting}
              onMoveError={setNotice}
            />
            <RecentList recent={snapshot?.recent ?? []} sites={sites} onConnect={connectSite} />
          </aside>
          <section className="sm-main" aria-label="Site details">
            {notice && (
              <div className="error-banner" role="alert">
                {notice}{' '}
                <button type="button" onClick={() => setNotice(undefined)}>
                  Dismiss
                </button>
              </div>
            )}
            {connectError && (
              <div className="error-banner" role="alert" aria-label="Connection failed">
                <strong>{connectError.message}</strong>
                {connectError.hint && <div>{connectError.hint}</div>}
                <div className="muted sm-code">Error code: {connectError.code}</div>
                <button type="button" onClick={() => useSiteConnect.getState().dismissError()}>
                  Dismiss
                </button>
              </div>
            )}
            <SiteDetails
              onConnect={connectSite}
              onNewFolder={(parentId) => setNaming({ mode: 'new-folder', parentId })}
              onDelete={setDeleting}
              onNotice={setNotice}
            />
          </section>
        </div>
      )}

      <div className="sm-footer">
        {snapshot && <ProtectionLine protection={snapshot.protection} />}
        <span className="sm-spacer" />
        <button
          type="button"
          onClick={() => setImporting(true)}
          disabled={Boolean(snapshot?.damaged)}
        >
          <Upload size={14} aria-hidden="true" /> Import…
        </button>
        <button
          type="button"
          onClick={() => setExporting(true)}
          disabled={!snapshot || Boolean(snapshot.damaged)}
        >
          <Download size={14} aria-hidden="true" /> Export…
        </button>
      </div>

      {naming && (
        <NameDialog
          title={naming.mode === 'new-folder' ? 'New folder' : `Rename “${naming.name}”`}
          label={naming.mode === 'new-folder' ? 'Folder name' : 'New name'}
          initial={naming.mode === 'new-folder' ? '' : naming.name}
          action={naming.mode === 'new-folder' ? 'Create folder' : 'Rename'}
          onCancel={() => setNaming(undefined)}
          onSubmit={submitName}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={
            deleting.kind === 'site'
              ? `Delete the site “${nameOf(deleting)}”?`
              : `Delete the folder “${nameOf(deleting)}”?`
          }
          confirm="Delete"
          danger
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(undefined)}
        >
          <p>
            {deleting.kind === 'site'
              ? 'Its saved password, if any, is deleted too. Files on the server are not touched.'
              : `Everything inside goes too (${folderSites(deleting.id)} ${folderSites(deleting.id) === 1 ? 'site' : 'sites'} directly in it, and any folders inside).`}
          </p>
        </ConfirmDialog>
      )}
      {pendingSwitch && (
        <ConfirmDialog
          title="Discard your unsaved changes?"
          confirm="Discard changes"
          danger
          onConfirm={() => confirmSwitch(true)}
          onCancel={() => confirmSwitch(false)}
        >
          <p>The site you are editing has changes that are not saved.</p>
        </ConfirmDialog>
      )}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
      {exporting && snapshot && (
        <ExportDialog snapshot={snapshot} selected={selected} onClose={() => setExporting(false)} />
      )}
      <ConnectPrompts onConnected={finish} />
    </dialog>
  );
}
