import { useState } from 'react';
import type { ConflictAction } from '../../../shared/contract/settings';
import type { TransferConflict, TransferFileFacts } from '../../../shared/contract/transfers';
import { shownName } from '../../../shared/shown-name';
import { Dialog } from '../../ui/Dialog';
import { formatModified, formatSize } from '../pane/format';
import { answerConflict, useTransfers } from './transfersStore';

/** Asks about the oldest conflict; the transfer waits for the answer. */
export function ConflictDialog() {
  const conflict = useTransfers((s) => s.conflicts[0]);
  if (!conflict) return null;
  // A fresh dialog (and a cleared checkbox) for every question.
  return conflict.partial ? (
    <PartialQuestion key={conflict.conflictId} conflict={conflict} />
  ) : (
    <ConflictQuestion key={conflict.conflictId} conflict={conflict} />
  );
}

/** No file at the target, but part of it, left by an earlier run that stopped midway. */
function PartialQuestion({ conflict }: { conflict: TransferConflict }) {
  const answering = useTransfers((s) => s.answering === conflict.conflictId);
  const answer = (action: ConflictAction) =>
    void answerConflict(conflict.conflictId, action, false);
  const actions = (
    <>
      <button type="button" onClick={() => answer('skip')} disabled={answering}>
        Skip
      </button>
      <button type="button" onClick={() => answer('overwrite')} disabled={answering}>
        Start over
      </button>
      <button
        type="button"
        className="primary"
        onClick={() => answer('resume')}
        disabled={answering}
      >
        Resume
      </button>
    </>
  );
  return (
    // Escape means "leave it alone": the partial download stays for later.
    <Dialog
      title="Part of this file is already here"
      actions={actions}
      onDismiss={() => answer('skip')}
      wide
    >
      <p>
        An earlier download of <strong>{shownName(conflict.name)}</strong> stopped before it
        finished (Ferry was closed or crashed). “Resume” continues it; “Start over” downloads the
        whole file and removes the partial one.
      </p>
      <FactsTable
        rows={[
          ['Partial download (on this computer)', conflict.target],
          ['File on the server', conflict.source],
        ]}
      />
    </Dialog>
  );
}

function ConflictQuestion({ conflict }: { conflict: TransferConflict }) {
  const answering = useTransfers((s) => s.answering === conflict.conflictId);
  const [applyToAll, setApplyToAll] = useState(false);
  const where = conflict.direction === 'upload' ? 'on the server' : 'on this computer';
  const answer = (action: ConflictAction) =>
    void answerConflict(conflict.conflictId, action, applyToAll);

  const actions = (
    <>
      <button type="button" onClick={() => answer('skip')} disabled={answering}>
        Skip
      </button>
      <button type="button" onClick={() => answer('rename')} disabled={answering}>
        Keep both (rename)
      </button>
      {conflict.canResume && (
        <button type="button" onClick={() => answer('resume')} disabled={answering}>
          Resume
        </button>
      )}
      <button type="button" onClick={() => answer('overwrite-if-newer')} disabled={answering}>
        Overwrite if newer
      </button>
      <button
        type="button"
        className="primary"
        onClick={() => answer('overwrite')}
        disabled={answering}
      >
        Overwrite
      </button>
    </>
  );

  return (
    // Escape means "leave it alone": skipping never changes the existing file.
    <Dialog
      title="This file already exists"
      actions={actions}
      onDismiss={() => answer('skip')}
      wide
    >
      <p>
        <strong>{shownName(conflict.name)}</strong> is already {where}. What should happen to it?
      </p>
      <FactsTable
        rows={[
          [`Existing file (${where})`, conflict.target],
          ['New file', conflict.source],
        ]}
      />
      {conflict.canResume && (
        <p className="muted">
          The existing file is smaller: “Resume” adds the missing part instead of starting over.
        </p>
      )}
      <label className="checkbox-line">
        <input
          type="checkbox"
          checked={applyToAll}
          onChange={(e) => setApplyToAll(e.target.checked)}
        />
        {conflict.waiting > 0
          ? `Apply to all ${conflict.waiting + 1} files that already exist`
          : 'Apply to other files of this transfer that already exist'}
      </label>
    </Dialog>
  );
}

function FactsTable({ rows }: { rows: [label: string, facts: TransferFileFacts][] }) {
  return (
    <table className="conflict-facts">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">File</span>
          </th>
          <th scope="col">Size</th>
          <th scope="col">Modified</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, facts]) => (
          <FactsRow key={label} label={label} facts={facts} />
        ))}
      </tbody>
    </table>
  );
}

function FactsRow({ label, facts }: { label: string; facts: TransferFileFacts }) {
  return (
    <tr>
      <th scope="row" title={facts.path}>
        {label}
      </th>
      <td>{facts.size === null ? 'unknown' : formatSize(facts.size)}</td>
      <td>{facts.modified === null ? 'unknown' : formatModified(facts.modified)}</td>
    </tr>
  );
}
