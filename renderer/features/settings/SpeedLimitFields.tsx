import { useId } from 'react';
import {
  limitProblem,
  SPEED_UNITS,
  type SpeedLimit,
  type SpeedUnit,
} from '../../../shared/speed-limit';

/** A speed limit being edited: on or off, the number as typed, its unit. */
export interface LimitDraft {
  on: boolean;
  text: string;
  unit: SpeedUnit;
}

/**
 * What a stored limit looks like in the form. One that is off offers the value it had when it
 * was on (`kept`), else 1 MiB/s, when ticked again.
 */
export function draftOf(limit: SpeedLimit | null, kept?: SpeedLimit): LimitDraft {
  if (limit) return { on: true, text: String(limit.value), unit: limit.unit };
  return kept
    ? { on: false, text: String(kept.value), unit: kept.unit }
    : { on: false, text: '1', unit: 'MiB/s' };
}

/** The problem with a draft in plain words, or undefined when it can be saved. */
export function draftProblem(draft: LimitDraft): string | undefined {
  if (!draft.on) return undefined;
  const text = draft.text.trim();
  if (!/^\d+(\.\d+)?$/.test(text) && !/^\.\d+$/.test(text)) {
    return limitProblem(Number.NaN, draft.unit);
  }
  return limitProblem(Number(text), draft.unit);
}

/** The limit to store: null when off (only call when draftProblem said nothing). */
export function limitOf(draft: LimitDraft): SpeedLimit | null {
  return draft.on ? { value: Number(draft.text.trim()), unit: draft.unit } : null;
}

/**
 * The value to keep for when the limit is next turned on: the form's number, on or off, when it
 * is a speed (a field left empty or wrong keeps the one kept before).
 */
export function keptOf(draft: LimitDraft, before?: SpeedLimit): SpeedLimit | undefined {
  const asOn = { ...draft, on: true };
  return draftProblem(asOn) === undefined ? (limitOf(asOn) ?? before) : before;
}

/**
 * One direction's limit: a checkbox that turns it on, the number and its unit, and what is wrong
 * with the number right under it (linked to the field for screen readers).
 */
export function SpeedLimitField({
  direction,
  draft,
  onChange,
}: {
  direction: 'download' | 'upload';
  draft: LimitDraft;
  onChange(next: LimitDraft): void;
}) {
  const id = useId();
  const problem = draftProblem(draft);
  const noun = direction === 'download' ? 'Download' : 'Upload';
  return (
    <div className="speed-limit">
      <div className="speed-limit-line">
        <label className="checkbox-line">
          <input
            type="checkbox"
            checked={draft.on}
            onChange={(e) => onChange({ ...draft, on: e.target.checked })}
          />
          Limit {direction}s to
        </label>
        <input
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          aria-label={`${noun} speed limit`}
          value={draft.text}
          disabled={!draft.on}
          aria-invalid={problem !== undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => onChange({ ...draft, text: e.target.value })}
        />
        <select
          aria-label={`${noun} speed limit unit`}
          value={draft.unit}
          disabled={!draft.on}
          onChange={(e) => onChange({ ...draft, unit: e.target.value as SpeedUnit })}
        >
          {SPEED_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </select>
      </div>
      {problem && (
        <p id={`${id}-problem`} className="speed-limit-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
