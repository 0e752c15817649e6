import { useId, useState } from 'react';
import { commonBits, RWX_BITS, type PermissionScope } from '../../../shared/permission-change';
import type { FileEntry } from '../../../shared/types';
import { Dialog } from '../../ui/Dialog';
import './permissions.css';
import { bitOf, parseOctal, toOctal, WHAT, WHO } from './permissions';
import { nextState, TriStateBox, type TriState } from './TriStateBox';

/** What the user chose: the bits decided (`mask`) and how far the change goes. */
export interface PermissionsChoice {
  mode: number;
  mask: number;
  addX: boolean;
  recursive: boolean;
  scope: PermissionScope;
}

interface Props {
  items: readonly FileEntry[];
  onApply(choice: PermissionsChoice): void;
  onCancel(): void;
}

const SCOPES: { value: PermissionScope; label: string }[] = [
  { value: 'all', label: 'All files and folders' },
  { value: 'files', label: 'Files only' },
  { value: 'folders', label: 'Folders only' },
];

/**
 * chmod of one or several items as checkboxes and as an octal number, kept in step. Boxes the
 * items disagree on are mixed and left as each item has them unless the user ticks or unticks
 * them (as in FileZilla); the number shows only when every box is decided.
 */
export function PermissionsDialog({ items, onApply, onCancel }: Props) {
  const [start] = useState(() => commonBits(items.map((item) => item.mode)));
  const [bits, setBits] = useState(start.bits);
  const [known, setKnown] = useState(start.known);
  const [octal, setOctal] = useState(start.known === RWX_BITS ? toOctal(start.bits) : '');
  const [recursive, setRecursive] = useState(false);
  const [scope, setScope] = useState<PermissionScope>('all');
  const [addX, setAddX] = useState(false);
  const scopeLabel = useId();
  const mixedNote = useId();
  const hasFolders = items.some((item) => item.kind === 'folder');
  const allKnown = known === RWX_BITS;
  // Empty while boxes are mixed; a number typed then decides every box.
  const octalValid = octal.trim() === '' ? !allKnown : parseOctal(octal) !== undefined;
  const only = items.length === 1 ? items[0] : undefined;
  const title = only ? `Permissions of ${only.name}` : `Permissions of ${items.length} items`;

  function stateOf(bit: number): TriState {
    if ((known & bit) === 0) return 'mixed';
    return (bits & bit) !== 0;
  }

  function toggle(bit: number) {
    const next = nextState(stateOf(bit), (start.known & bit) === 0);
    const nextKnown = next === 'mixed' ? known & ~bit : known | bit;
    const nextBits = next === true ? bits | bit : bits & ~bit;
    setBits(nextBits);
    setKnown(nextKnown);
    setOctal(nextKnown === RWX_BITS ? toOctal(nextBits) : '');
  }

  function typeOctal(text: string) {
    setOctal(text);
    const parsed = parseOctal(text);
    if (parsed === undefined) return;
    setBits(parsed);
    setKnown(RWX_BITS);
  }

  const apply = () =>
    onApply({ mode: bits & known, mask: known, addX: hasFolders && addX, recursive, scope });

  return (
    <Dialog
      title={title}
      onDismiss={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!octalValid} onClick={apply}>
            Apply
          </button>
        </>
      }
    >
      <table className="permissions">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Who</span>
            </th>
            {WHAT.map((what) => (
              <th key={what} scope="col">
                {what}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WHO.map((who, w) => (
            <tr key={who}>
              <th scope="row">{who}</th>
              {WHAT.map((what, x) => (
                <td key={what}>
                  <TriStateBox
                    label={`${who} ${what.toLowerCase()}`}
                    state={stateOf(bitOf(w, x))}
                    onToggle={() => toggle(bitOf(w, x))}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        Numeric value{' '}
        <input
          value={octal}
          onChange={(e) => typeOctal(e.target.value)}
          aria-label="Numeric value"
          aria-invalid={!octalValid}
          aria-describedby={allKnown ? undefined : mixedNote}
          placeholder={allKnown ? undefined : 'mixed'}
          size={5}
          inputMode="numeric"
        />
      </label>
      {!allKnown && (
        <p className="muted" id={mixedNote}>
          Boxes marked – differ between the items: each keeps its own unless you tick or untick the
          box (or type a number for all of them).
        </p>
      )}
      {!octalValid && <p className="muted">Use three digits from 0 to 7, like 644 or 755.</p>}
      {hasFolders && (
        <fieldset className="permissions-folders">
          <legend>Folders</legend>
          <label>
            <input
              type="checkbox"
              checked={recursive}
              onChange={(e) => setRecursive(e.target.checked)}
            />{' '}
            Also everything inside (recursively)
          </label>
          <div role="radiogroup" aria-labelledby={scopeLabel} className="permissions-scope">
            <span id={scopeLabel}>Apply to:</span>
            {SCOPES.map((option) => (
              <label key={option.value}>
                <input
                  type="radio"
                  name="permissions-scope"
                  value={option.value}
                  checked={scope === option.value}
                  disabled={!recursive}
                  onChange={() => setScope(option.value)}
                />{' '}
                {option.label}
              </label>
            ))}
          </div>
          <label>
            <input type="checkbox" checked={addX} onChange={(e) => setAddX(e.target.checked)} /> Add
            X to folders (a folder can be opened wherever it can be read)
          </label>
        </fieldset>
      )}
    </Dialog>
  );
}
