import { Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { Bookmark } from '../../../shared/contract/bookmarks';
import type { SiteProfile } from '../../../shared/contract/sites';
import { call, errorInWords } from '../../api';
import { ConfirmDialog } from '../sites/ConfirmDialog';
import { NameDialog } from '../sites/NameDialog';
import { useSites } from '../sites/sitesStore';

type Editing = { kind: 'rename' | 'delete'; bookmark: Bookmark };

/** A saved site's bookmarks in the site manager: each one's folders, to rename or delete. */
export function SiteBookmarks({ site }: { site: SiteProfile }) {
  const [editing, setEditing] = useState<Editing>();
  const [error, setError] = useState<string>();
  const headingId = `bookmarks-of-${site.id}`;

  async function remove(bookmark: Bookmark) {
    setEditing(undefined);
    try {
      await call('sites.bookmark.delete', { siteId: site.id, bookmarkId: bookmark.id });
      setError(undefined);
    } catch (e) {
      setError(errorInWords(e));
    }
    await useSites.getState().load();
  }

  return (
    <section className="sm-bookmarks" aria-labelledby={headingId}>
      <h4 id={headingId}>Bookmarks</h4>
      {site.bookmarks.length === 0 ? (
        <p className="muted">
          None yet. While connected to this site, Ctrl+B (or the star beside the server’s folder)
          adds the folders shown.
        </p>
      ) : (
        <ul>
          {site.bookmarks.map((bookmark) => (
            <li key={bookmark.id}>
              <span className="sm-bookmark-text">
                <span>{bookmark.name}</span>
                <span className="muted">
                  Server: {bookmark.remoteDir}
                  {bookmark.localDir && ` · This computer: ${bookmark.localDir}`}
                  {bookmark.syncBrowsing && ' · Synchronized browsing'}
                </span>
              </span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Rename bookmark ${bookmark.name}`}
                title="Rename"
                onClick={() => setEditing({ kind: 'rename', bookmark })}
              >
                <Pencil size={14} aria-hidden="true" />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Delete bookmark ${bookmark.name}`}
                title="Delete"
                onClick={() => setEditing({ kind: 'delete', bookmark })}
              >
                <Trash2 size={14} aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="sm-problem" role="alert">
          {error}
        </p>
      )}
      {editing?.kind === 'rename' && (
        <NameDialog
          title="Rename bookmark"
          label="Name"
          initial={editing.bookmark.name}
          action="Rename"
          onCancel={() => setEditing(undefined)}
          onSubmit={async (name) => {
            try {
              await call('sites.bookmark.rename', {
                siteId: site.id,
                bookmarkId: editing.bookmark.id,
                name,
              });
              await useSites.getState().load();
              setEditing(undefined);
              return undefined;
            } catch (e) {
              return errorInWords(e);
            }
          }}
        />
      )}
      {editing?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete bookmark?"
          confirm="Delete"
          danger
          onCancel={() => setEditing(undefined)}
          onConfirm={() => void remove(editing.bookmark)}
        >
          <p>
            “{editing.bookmark.name}” goes from {site.name}’s bookmarks. The folders themselves are
            not touched.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
