import { useId } from 'react';
import type { ErrorInfo } from '../../../shared/errors';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Why the last try failed, shown under the field and read out as its description. */
  problem: ErrorInfo | null;
}

/** The one text field of a pane's small dialogs (New folder, Move to…), with its problem. */
export function PaneDialogField({ label, value, onChange, problem }: Props) {
  const problemId = useId();
  return (
    <>
      <label className="pane-dialog-field">
        <span>{label}</span>
        <input
          data-autofocus
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onFocus={(e) => e.target.select()}
          aria-invalid={problem !== null}
          aria-describedby={problem ? problemId : undefined}
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      {problem && (
        <p className="pane-dialog-problem" role="alert" id={problemId}>
          {problem.message} {problem.hint}
        </p>
      )}
    </>
  );
}
