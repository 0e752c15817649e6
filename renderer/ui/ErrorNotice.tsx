import type { ErrorInfo } from '../../shared/errors';

/** An error in plain words: what happened, and what to do about it. */
export function ErrorNotice({ error, onDismiss }: { error: ErrorInfo; onDismiss?: () => void }) {
  return (
    <div className="error-banner" role="alert">
      <strong>{error.message}</strong>
      {error.hint && <div>{error.hint}</div>}
      {onDismiss && (
        <button type="button" onClick={onDismiss} aria-label="Dismiss error">
          Dismiss
        </button>
      )}
    </div>
  );
}
