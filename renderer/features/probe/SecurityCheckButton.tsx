import { ShieldCheck } from 'lucide-react';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { type ProbeSite, useProbe, watchProbeEvents } from './probeStore';
import type { ProbeChoice } from './RecommendationBox';
import { SecurityCheckPanel } from './SecurityCheckPanel';

export interface SecurityCheckButtonProps {
  /** The host to check (the user can change it in the panel); checking starts at once if set. */
  host: string;
  /** The port the user is about to use: checked as well when it is not 22, 21 or 990. */
  port?: number;
  /** "Use this": fill the connection form with the recommended protocol and port. */
  onApply(choice: ProbeChoice): void;
  /** A saved site's check, through its SSH jump host. */
  site?: ProbeSite | undefined;
}

/** "Check security": opens the security check (rendered here while open). */
export function SecurityCheckButton({ host, port, onApply, site }: SecurityCheckButtonProps) {
  // The one panel belongs to the button that opened it (the quick-connect bar's, or a site's).
  const open = useProbe((s) => s.open && s.site?.id === site?.id);
  const openCheck = useProbe((s) => s.openCheck);
  useEffect(() => watchProbeEvents(), []);
  return (
    <>
      <button
        type="button"
        className="security-check-button"
        onClick={() => openCheck(host, port, site)}
        aria-haspopup="dialog"
      >
        <ShieldCheck size={15} aria-hidden="true" /> Check security
      </button>
      {/* On <body>: the button sits inside the quick-connect form, and forms must not nest. */}
      {open && createPortal(<SecurityCheckPanel onApply={onApply} />, document.body)}
    </>
  );
}
