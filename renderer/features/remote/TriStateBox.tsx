/**
 * A checkbox that may also be "mixed" (the chosen items differ there; each keeps its own). A
 * native checkbox's indeterminate state is not reachable by clicking, so this is a button with
 * role="checkbox" and aria-checked true/false/mixed; Space and Enter toggle it like a click.
 */
export type TriState = boolean | 'mixed';

interface Props {
  label: string;
  state: TriState;
  onToggle(): void;
}

export function TriStateBox({ label, state, onToggle }: Props) {
  const glyph = state === 'mixed' ? '–' : state ? '✓' : '';
  return (
    <button
      type="button"
      role="checkbox"
      className={`tri-state tri-state-${state === 'mixed' ? 'mixed' : state ? 'on' : 'off'}`}
      aria-checked={state}
      aria-label={label}
      onClick={onToggle}
    >
      <span aria-hidden="true">{glyph}</span>
    </button>
  );
}

/** The next state on a click: a box that started mixed may go back to mixed (FileZilla's way). */
export function nextState(state: TriState, startedMixed: boolean): TriState {
  if (state === 'mixed') return true;
  if (state) return false;
  return startedMixed ? 'mixed' : true;
}
