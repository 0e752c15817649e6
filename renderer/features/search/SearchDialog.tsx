import { CircleStop, Download, FolderOpen, Search, Trash2 } from 'lucide-react';
import { useRef, useState } from 'react';
import { SEARCH_DEFAULTS, type SearchHit } from '../../../shared/contract/search';
import type { SessionInfo } from '../../../shared/types';
import { call, describeError } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { downloadPaths } from '../dnd/transferActions';
import { folderOf, usePanes } from '../dnd/panes';
import { deleteQuestion } from '../pane/format';
import type { PaneStore } from '../pane/paneStore';
import { SearchFormFields } from './SearchFormFields';
import { SearchResults } from './SearchResults';
import { pickedHits, searchActions, useSearch } from './searchStore';
import { finishedLine, hitPath, leftOutNotes, runningLine } from './searchWords';
import './search.css';

interface Props {
  tabId: string;
  session: SessionInfo;
  pane: PaneStore;
}

const SHOWN_NAMES = 5;

/** Search remote files (FileZilla's F3): the form, the progress, the results and what to do. */
export function SearchDialog({ tabId, session, pane }: Props) {
  const search = useSearch((s) => s.byTab[tabId]);
  const [confirming, setConfirming] = useState<SearchHit[]>();
  const askedFrom = useRef<HTMLElement | null>(null);
  if (!search) return null;
  const picked = pickedHits(search);
  // The row the keyboard is on (as the menu's Open folder), else the only one selected.
  const toOpen =
    search.hits.find((hit) => hitPath(hit) === search.active) ??
    (picked.length === 1 ? picked[0] : undefined);
  const end = search.finished;

  async function openFolder(hit: SearchHit) {
    searchActions.close();
    const { actions } = pane.getState();
    if (await actions.navigate(hit.folder)) actions.selectNames(new Set([hit.name]));
  }

  async function download(hits: SearchHit[]) {
    const folder = folderOf(usePanes.getState().local);
    const queued = await downloadPaths(hits.map(hitPath), { sessionId: session.sessionId });
    if (queued) {
      const what = hits.length === 1 ? '1 download' : `${hits.length} downloads`;
      searchActions.setNotice(tabId, `${what} queued, to ${folder ?? 'the local folder'}.`);
    } else {
      searchActions.setNotice(tabId, undefined, {
        code: 'internal',
        message: 'The results could not be queued for download.',
        hint: 'The transfer list under this dialog says why: close the search to read it.',
      });
    }
  }

  /**
   * Back to what asked (Delete…, or the list), unless it went or cannot take the keyboard any
   * more (Delete… is disabled once nothing is left to delete): then the list.
   */
  function returnFromQuestion() {
    const list = document.querySelector<HTMLElement>(
      '[role="listbox"][aria-label="Search results"]',
    );
    const opener = askedFrom.current;
    if (opener?.isConnected && !opener.matches(':disabled')) opener.focus();
    else list?.focus();
  }

  function ask(hits: SearchHit[]) {
    askedFrom.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setConfirming(hits);
  }

  async function remove(hits: SearchHit[]) {
    setConfirming(undefined);
    const paths = hits.map(hitPath);
    try {
      await call('remote.delete', { sessionId: session.sessionId, paths });
      searchActions.forget(tabId, paths);
      searchActions.setNotice(
        tabId,
        `${hits.length === 1 ? '1 item' : `${hits.length} items`} deleted.`,
      );
      // The pane shows one of their folders: it should not show them any more.
      const shown = pane.getState().path;
      if (hits.some((hit) => hit.folder === shown)) await pane.getState().actions.refresh();
    } catch (error) {
      searchActions.setNotice(tabId, undefined, describeError(error));
    }
    // Once the list has changed, Delete… may be disabled under the keyboard: the list takes it.
    setTimeout(() => {
      const active = document.activeElement;
      if (
        !(active instanceof HTMLElement) ||
        active === document.body ||
        active.matches(':disabled')
      )
        returnFromQuestion();
    });
  }

  const status = search.running
    ? runningLine(search.current, search)
    : end
      ? finishedLine(end, { folders: SEARCH_DEFAULTS.folders, results: SEARCH_DEFAULTS.results })
      : 'Type part of a name (or a pattern), then press Search.';

  return (
    <Dialog
      title="Search files on the server"
      wide
      onDismiss={searchActions.close}
      actions={
        <button type="button" onClick={searchActions.close}>
          Close
        </button>
      }
    >
      <form
        className="search-form"
        aria-label="Search"
        onSubmit={(event) => {
          event.preventDefault();
          void searchActions.start(tabId, session.sessionId);
        }}
      >
        <SearchFormFields
          form={search.form}
          invalid={search.invalid}
          onChange={(patch) => searchActions.setForm(tabId, patch)}
        />
        <div className="search-buttons">
          {/* Always there, so Enter in any field searches (again, stopping a running one). */}
          <button type="submit" className="primary">
            <Search size={14} aria-hidden="true" /> Search
          </button>
          {/* aria-disabled, not disabled: a focused Stop keeps the keyboard when the search ends. */}
          <button
            type="button"
            aria-disabled={!search.running}
            onClick={() => {
              if (search.running) void searchActions.stop(tabId);
            }}
          >
            <CircleStop size={14} aria-hidden="true" /> Stop
          </button>
          {/* Counted five times a second while it runs: announced once it has ended. */}
          <p className="search-status" role="status" aria-live={search.running ? 'off' : 'polite'}>
            {status}
          </p>
        </div>
      </form>
      {end &&
        !search.running &&
        leftOutNotes(end, search.depth).map((note) => (
          <p key={note} className="search-note">
            {note}
          </p>
        ))}
      {search.error ? (
        <ErrorNotice
          error={search.error}
          onDismiss={() => searchActions.setNotice(tabId, undefined)}
        />
      ) : (
        end?.error && <ErrorNotice error={end.error} />
      )}
      <SearchResults
        tabId={tabId}
        search={search}
        onOpenFolder={(hit) => void openFolder(hit)}
        onDelete={() => {
          if (picked.length > 0) ask(picked);
        }}
        onDownload={() => {
          if (picked.length > 0) void download(picked);
        }}
      />
      <div className="search-result-actions" role="group" aria-label="With the selected results">
        <span className="muted">
          {search.selected.size > 0
            ? `${search.selected.size.toLocaleString('en-US')} selected`
            : ''}
        </span>
        <button type="button" disabled={!toOpen} onClick={() => toOpen && void openFolder(toOpen)}>
          <FolderOpen size={14} aria-hidden="true" /> Open folder
        </button>
        <button
          type="button"
          disabled={picked.length === 0}
          aria-keyshortcuts="Control+D"
          title="Download to the local pane's folder (Ctrl+D in the list)"
          onClick={() => void download(picked)}
        >
          <Download size={14} aria-hidden="true" /> Download
        </button>
        <button
          type="button"
          className="danger"
          disabled={picked.length === 0}
          aria-keyshortcuts="Delete"
          title="Delete on the server, after asking (Delete in the list)"
          onClick={() => ask(picked)}
        >
          <Trash2 size={14} aria-hidden="true" /> Delete…
        </button>
      </div>
      {search.notice && (
        <p className="search-notice" role="status">
          {search.notice}
        </p>
      )}
      {confirming && (
        <Dialog
          title={deleteQuestion(confirming.length, 'permanent')}
          tone="danger"
          onDismiss={() => setConfirming(undefined)}
          returnFocus={returnFromQuestion}
          actions={
            <>
              <button type="button" data-autofocus onClick={() => setConfirming(undefined)}>
                Cancel
              </button>
              <button type="button" className="danger" onClick={() => void remove(confirming)}>
                Delete permanently
              </button>
            </>
          }
        >
          <ul className="pane-dialog-names">
            {confirming.slice(0, SHOWN_NAMES).map((hit) => (
              <li key={hitPath(hit)}>{hitPath(hit)}</li>
            ))}
            {confirming.length > SHOWN_NAMES && (
              <li className="muted">and {confirming.length - SHOWN_NAMES} more</li>
            )}
          </ul>
        </Dialog>
      )}
    </Dialog>
  );
}
