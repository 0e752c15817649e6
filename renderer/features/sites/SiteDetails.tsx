import { Folder, FolderPlus, Plus, Trash2 } from 'lucide-react';
import type { SiteProfile } from '../../../shared/contract/sites';
import { SiteBookmarks } from '../bookmarks/SiteBookmarks';
import { SiteForm } from './SiteForm';
import { draftOf, newDraft } from './siteForm';
import { folderPath } from './siteTree';
import { useSites, type Selection } from './sitesStore';
import { useSiteConnect, type ConnectAnswers } from './useSiteConnect';

interface Props {
  onConnect(site: SiteProfile, answers?: ConnectAnswers): void;
  onNewFolder(parentId: string | null): void;
  onDelete(target: Selection): void;
  /** A message the manager keeps showing (see SiteForm's onNotice). */
  onNotice(text: string): void;
}

/** The right side of the manager: the site form, a folder's summary, or where to start. */
export function SiteDetails({ onConnect, onNewFolder, onDelete, onNotice }: Props) {
  const { snapshot, selected, newSite, startNewSite } = useSites();
  const connecting = useSiteConnect((s) => s.connecting);
  if (!snapshot) return <p className="muted">Loading your sites…</p>;

  if (newSite) {
    return (
      <SiteForm
        key="new"
        initial={newSite.draft}
        initialPassword={newSite.password}
        linkTab={newSite.linkTab}
        onNotice={onNotice}
        onConnect={onConnect}
        connecting={false}
      />
    );
  }
  if (selected?.kind === 'site') {
    const site = snapshot.sites.find((s) => s.id === selected.id);
    if (site)
      return (
        <>
          <SiteForm
            key={site.id}
            site={site}
            initial={draftOf(site)}
            onConnect={onConnect}
            connecting={connecting === site.id}
          />
          <SiteBookmarks site={site} />
        </>
      );
  }
  if (selected?.kind === 'folder') {
    const folder = snapshot.folders.find((f) => f.id === selected.id);
    if (folder) {
      const direct = snapshot.sites.filter((s) => s.folderId === folder.id).length;
      const sub = snapshot.folders.filter((f) => f.parentId === folder.id).length;
      return (
        <div className="sm-folder">
          <h3>
            <Folder size={18} aria-hidden="true" />{' '}
            {folderPath(snapshot.folders, folder.id).join(' › ')}
          </h3>
          <p className="muted">
            {direct} {direct === 1 ? 'site' : 'sites'} and {sub} {sub === 1 ? 'folder' : 'folders'}{' '}
            directly inside. Drag sites onto a folder to move them.
          </p>
          <div className="sm-actions">
            <button type="button" onClick={() => startNewSite({ draft: newDraft(folder.id) })}>
              <Plus size={14} aria-hidden="true" /> New site in this folder
            </button>
            <button type="button" onClick={() => onNewFolder(folder.id)}>
              <FolderPlus size={14} aria-hidden="true" /> New folder inside
            </button>
            <button type="button" onClick={() => onDelete({ kind: 'folder', id: folder.id })}>
              <Trash2 size={14} aria-hidden="true" /> Delete folder
            </button>
          </div>
        </div>
      );
    }
  }
  return (
    <div className="sm-welcome">
      <p>
        {snapshot.sites.length === 0
          ? 'Save your servers once, then connect with a double-click.'
          : 'Choose a site to see or change its settings. Double-click or press Enter to connect.'}
      </p>
      <div className="sm-actions">
        <button
          type="button"
          className="primary"
          onClick={() => startNewSite({ draft: newDraft(null) })}
        >
          <Plus size={14} aria-hidden="true" /> New site
        </button>
      </div>
    </div>
  );
}
