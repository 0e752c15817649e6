import { useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { usePane, usePaneActions } from './PaneContext';
import { breadcrumbs, expandTyped } from './paths';

/** A path field to type into (Enter goes there) above clickable breadcrumbs. */
export function PathBar({ focusGrid }: { focusGrid(): void }) {
  const path = usePane((s) => s.path);
  const home = usePane((s) => s.home);
  const { navigate } = usePaneActions();
  const [draft, setDraft] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (draft === null) return focusGrid();
    const target = expandTyped(draft, home);
    if (target === '') return;
    // On failure the pane shows why, and what was typed stays to be corrected.
    if (await navigate(target)) {
      setDraft(null);
      focusGrid();
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      setDraft(null);
      focusGrid();
    }
  }

  return (
    <form className="pane-path" onSubmit={(e) => void onSubmit(e)}>
      <input
        className="pane-path-input"
        aria-label="Folder path"
        value={draft ?? path ?? ''}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        spellCheck={false}
        autoComplete="off"
      />
    </form>
  );
}

/** `paneLabel` tells the two panes' breadcrumbs apart (each landmark needs its own name). */
export function Breadcrumbs({ paneLabel }: { paneLabel: string }) {
  const path = usePane((s) => s.path);
  const { navigate } = usePaneActions();
  const nav = useRef<HTMLElement>(null);
  // A deep path is wider than a narrow pane: show its end (the folder you are in), not its root.
  useLayoutEffect(() => {
    if (nav.current) nav.current.scrollLeft = nav.current.scrollWidth;
  }, [path]);
  if (path === null)
    return <nav className="pane-crumbs" aria-label={`Breadcrumbs, ${paneLabel}`} />;
  const crumbs = breadcrumbs(path);
  return (
    <nav ref={nav} className="pane-crumbs" aria-label={`Breadcrumbs, ${paneLabel}`}>
      <ol>
        {crumbs.map((crumb, i) => {
          const current = i === crumbs.length - 1;
          return (
            <li key={crumb.path}>
              <button
                type="button"
                className="pane-crumb"
                data-drop-folder={crumb.path}
                aria-current={current ? 'location' : undefined}
                onClick={() => void navigate(crumb.path)}
                title={crumb.path}
              >
                {crumb.label}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
