import { Info, X } from 'lucide-react';

/**
 * A notice above a pane that stays until dismissed (a comparison's, a bookmark's): `status` for
 * news, `alert` for something that did not work.
 */
export function InfoNotice({
  text,
  role,
  className = '',
  onDismiss,
}: {
  text: string;
  role: 'status' | 'alert';
  className?: string;
  onDismiss(): void;
}) {
  return (
    <div className={`compare-notice ${className}`.trim()} role={role}>
      <Info size={14} aria-hidden="true" />
      <span>{text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        <X size={14} aria-hidden="true" />
      </button>
    </div>
  );
}
