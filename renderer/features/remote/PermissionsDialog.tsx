import { useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { bitOf, parseOctal, toOctal, WHAT, WHO } from './permissions';

interface Props {
  name: string;
  mode: number;
  onApply(mode: number): void;
  onCancel(): void;
}

/** chmod as checkboxes and as an octal number, kept in step. */
export function PermissionsDialog({ name, mode, onApply, onCancel }: Props) {
  const [bits, setBits] = useState(mode & 0o777);
  const [octal, setOctal] = useState(toOctal(mode));
  const octalValid = parseOctal(octal) !== undefined;

  function toggle(bit: number) {
    const next = bits ^ bit;
    setBits(next);
    setOctal(toOctal(next));
  }

  function typeOctal(text: string) {
    setOctal(text);
    const parsed = parseOctal(text);
    if (parsed !== undefined) setBits(parsed);
  }

  return (
    <Dialog
      title={`Permissions of ${name}`}
      onDismiss={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!octalValid}
            onClick={() => onApply(bits)}
          >
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
                  <input
                    type="checkbox"
                    aria-label={`${who} ${what.toLowerCase()}`}
                    checked={(bits & bitOf(w, x)) !== 0}
                    onChange={() => toggle(bitOf(w, x))}
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
          size={5}
          inputMode="numeric"
        />
      </label>
      {!octalValid && <p className="muted">Use three digits from 0 to 7, like 644 or 755.</p>}
    </Dialog>
  );
}
