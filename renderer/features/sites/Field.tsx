import { useId, type ReactNode } from 'react';

/** A labelled form field with an optional problem or hint under it, linked for screen readers. */
export function Field({
  label,
  problem,
  hint,
  wide,
  children,
}: {
  label: string;
  problem?: string;
  hint?: string;
  wide?: boolean;
  children: (id: string, describedBy?: string) => ReactNode;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div className={`sm-field${wide ? ' sm-wide' : ''}`}>
      <label className="sm-label" htmlFor={id}>
        {label}
      </label>
      {children(id, problem || hint ? noteId : undefined)}
      {problem ? (
        <span id={noteId} className="sm-problem">
          {problem}
        </span>
      ) : (
        hint && (
          <span id={noteId} className="muted sm-hint">
            {hint}
          </span>
        )
      )}
    </div>
  );
}
