import { useState } from 'react';
import {
  IMPORT_FILE_MAX_CHARS,
  type ImportFormat,
  type ImportPreview,
  type ImportSummary,
} from '../../../shared/contract/sites';
import type { ErrorInfo } from '../../../shared/errors';
import { PROTOCOL_INFO } from '../../../shared/protocols';
import { call, describeError } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { useSites } from './sitesStore';
import './import-export.css';

/** Ferry's own file is JSON, FileZilla's XML, WinSCP's INI. */
export function guessFormat(fileName: string, content: string): ImportFormat {
  if (/\.ini$/i.test(fileName)) return 'winscp';
  const start = content.trimStart();
  if (/\.json$/i.test(fileName) || start.startsWith('{')) return 'ferry';
  return start.startsWith('<') ? 'filezilla' : 'winscp';
}

function tooLarge(file: File): ErrorInfo {
  return {
    code: 'import_failed',
    message: `“${file.name}” is too large to be a sites file (${(file.size / 1e6).toFixed(1)} MB; at most ${IMPORT_FILE_MAX_CHARS / 1e6} MB).`,
    hint: 'Choose the file Export… wrote, FileZilla’s sitemanager.xml or WinSCP’s WinSCP.ini.',
  };
}

/**
 * NUL and the like: no sites file has them, and each would travel to the core as six characters
 * (a file of them would not fit the browser edition's socket).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;

function notText(file: File): ErrorInfo {
  return {
    code: 'import_failed',
    message: `“${file.name}” is not a sites file: it holds binary data, not text.`,
    hint: 'Choose the file Export… wrote, FileZilla’s sitemanager.xml or WinSCP’s WinSCP.ini.',
  };
}

const SOURCE: Record<ImportFormat, string> = {
  ferry: 'Ferry sites',
  filezilla: 'FileZilla',
  winscp: 'WinSCP',
};

type Step =
  | { kind: 'choose' }
  | { kind: 'preview'; preview: ImportPreview; content: string; skip: Set<number> }
  | { kind: 'done'; summary: ImportSummary; format: ImportFormat };

/**
 * Import from Ferry's own Export…, FileZilla or WinSCP: pick the file, see what comes in, then a
 * summary.
 */
export function ImportDialog({ onClose }: { onClose(): void }) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<ErrorInfo>();
  const [busy, setBusy] = useState(false);

  async function choose(file: File) {
    setError(undefined);
    // Measured before reading: a wrong pick (a video, a disk image) is not loaded at all.
    if (file.size > IMPORT_FILE_MAX_CHARS) {
      setError(tooLarge(file));
      return;
    }
    setBusy(true);
    try {
      const content = await file.text();
      if (BINARY.test(content)) {
        setError(notText(file));
        return;
      }
      const format = guessFormat(file.name, content);
      const preview = await call('sites.import.preview', { format, content });
      setStep({ kind: 'preview', preview, content, skip: new Set() });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (step.kind !== 'preview') return;
    setBusy(true);
    try {
      const summary = await call('sites.import.commit', {
        format: step.preview.format,
        content: step.content,
        skip: [...step.skip],
      });
      setStep({ kind: 'done', summary, format: step.preview.format });
      await useSites.getState().load();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const importable =
    step.kind === 'preview'
      ? step.preview.items.filter((i) => !i.refused && !step.skip.has(i.index)).length
      : 0;
  const actions =
    step.kind === 'done' ? (
      <button type="button" className="primary" onClick={onClose}>
        Close
      </button>
    ) : (
      <>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {step.kind === 'preview' && (
          <button
            type="button"
            className="primary"
            disabled={busy || importable === 0}
            onClick={() => void commit()}
          >
            Import {importable} {importable === 1 ? 'site' : 'sites'}
          </button>
        )}
      </>
    );

  return (
    <Dialog title="Import sites" onDismiss={onClose} actions={actions} wide>
      {step.kind === 'choose' && (
        <>
          <p>
            Choose a file from Ferry’s Export… (<code>ferry-sites-….json</code>), FileZilla’s{' '}
            <code>sitemanager.xml</code> or WinSCP’s <code>WinSCP.ini</code>. You will see what
            comes in before anything is saved.
          </p>
          <label className="sm-field">
            <span className="sm-label">File to import</span>
            <input
              type="file"
              accept=".json,.xml,.ini,application/json,text/xml,text/plain"
              disabled={busy}
              onChange={(e) => e.target.files?.[0] && void choose(e.target.files[0])}
            />
          </label>
        </>
      )}
      {step.kind === 'preview' && (
        <PreviewTable
          preview={step.preview}
          skip={step.skip}
          onToggle={(index) => {
            const skip = new Set(step.skip);
            if (!skip.delete(index)) skip.add(index);
            setStep({ ...step, skip });
          }}
        />
      )}
      {step.kind === 'done' && <SummaryText summary={step.summary} format={step.format} />}
      {error && (
        <div className="error-banner" role="alert">
          <strong>{error.message}</strong>
          {error.hint && <div>{error.hint}</div>}
        </div>
      )}
    </Dialog>
  );
}

function PreviewTable({
  preview,
  skip,
  onToggle,
}: {
  preview: ImportPreview;
  skip: Set<number>;
  onToggle(index: number): void;
}) {
  const source = SOURCE[preview.format];
  return (
    <>
      <p>
        {preview.items.length} {preview.items.length === 1 ? 'site' : 'sites'} found in the {source}{' '}
        file. Untick what you do not want.
      </p>
      <div className="sm-import-table">
        <table aria-label="Sites to import">
          <thead>
            <tr>
              <th scope="col">Import</th>
              <th scope="col">Site</th>
              <th scope="col">Server</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {preview.items.map((item) => (
              <tr key={item.index} className={item.refused ? 'muted' : undefined}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Import ${item.name}`}
                    checked={!item.refused && !skip.has(item.index)}
                    disabled={item.refused !== undefined}
                    onChange={() => onToggle(item.index)}
                  />
                </td>
                <td>
                  {item.folderPath.length > 0 && (
                    <span className="muted">{item.folderPath.join(' › ')} › </span>
                  )}
                  {item.name}
                </td>
                <td>
                  {item.protocol ? `${PROTOCOL_INFO[item.protocol].label} ` : ''}
                  {item.user ? `${item.user}@` : ''}
                  {item.host}
                  {item.port ? `:${item.port}` : ''}
                  {item.withPassword && <div className="muted">password comes along</div>}
                </td>
                <td>
                  {item.refused ? (
                    <strong>Not importable: {item.refused}</strong>
                  ) : (
                    item.notes.join(' ')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function SummaryText({ summary, format }: { summary: ImportSummary; format: ImportFormat }) {
  return (
    <div role="status" aria-label="Import summary" className="sm-summary">
      <p>
        <strong>
          Imported {summary.imported} {summary.imported === 1 ? 'site' : 'sites'}
        </strong>
        {summary.foldersCreated > 0 &&
          ` into ${summary.foldersCreated} new ${summary.foldersCreated === 1 ? 'folder' : 'folders'}`}
        .
      </p>
      {format === 'ferry' && (
        <p>
          Passwords are not in Ferry’s sites files: Ferry asks for them when you connect. It also
          asks before trusting each server’s key or certificate on this computer.
        </p>
      )}
      {summary.passwordsStored > 0 && (
        <p>{summary.passwordsStored} passwords moved into Ferry’s protected store.</p>
      )}
      {summary.passwordsDropped > 0 && (
        <p>
          {summary.passwordsDropped} passwords were left out: this computer has no protected place
          for them. Turn on a master password to save passwords.
        </p>
      )}
      {summary.withoutPassword.length > 0 && (
        <p>Ferry will ask for the password of: {summary.withoutPassword.join(', ')}.</p>
      )}
      {summary.refused.length > 0 && (
        <>
          <p>Not imported:</p>
          <ul>
            {summary.refused.map((r) => (
              <li key={r.name}>
                {r.name}: {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
