import { useEffect, type ReactNode } from 'react';
import { useAppInfo } from './appInfoStore';

/** Shows the app once the back end answers, or says plainly why it cannot. */
export function BackendGate({ children }: { children: ReactNode }) {
  const { info, unreachable, load } = useAppInfo();
  useEffect(() => {
    void load();
  }, [load]);

  if (unreachable) {
    return (
      <div className="empty-state" role="alert">
        <h2>Ferry cannot reach its back end</h2>
        <p>{unreachable.message}</p>
        <p>
          {window.ferry
            ? 'Restart Ferry.'
            : 'Open the exact address Ferry printed when it started, including the part after #token=. If Ferry has stopped, start it again with npm run web.'}
        </p>
      </div>
    );
  }
  if (!info) return <div className="empty-state">Starting Ferry…</div>;
  return <>{children}</>;
}
