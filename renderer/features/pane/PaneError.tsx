import { CircleAlert, X } from 'lucide-react';
import { usePane, usePaneActions } from './PaneContext';

/** The last thing that went wrong, in plain words; the pane keeps working underneath. */
export function PaneError() {
  const error = usePane((s) => s.error);
  const { dismissError } = usePaneActions();
  if (!error) return null;
  return (
    <div className="pane-error" role="alert">
      <CircleAlert size={16} aria-hidden="true" className="pane-error-icon" />
      <div className="pane-error-text">
        <strong>{error.message}</strong>
        {error.hint && <span> {error.hint}</span>}
      </div>
      <button
        type="button"
        className="icon-button"
        onClick={dismissError}
        aria-label="Dismiss error"
      >
        <X size={14} aria-hidden="true" />
      </button>
    </div>
  );
}
