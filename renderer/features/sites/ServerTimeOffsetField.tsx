import { offsetChoices, offsetText } from '../compare/serverTimeOffset';
import { Field } from './Field';

const CHOICES = offsetChoices();

/**
 * FileZilla's "Adjust server time, offset by": one choice in quarter hours (so half-hour zones
 * fit), rather than two number fields that could disagree on the sign.
 */
export function ServerTimeOffsetField({
  minutes,
  onChange,
}: {
  minutes: number;
  onChange(minutes: number): void;
}) {
  return (
    <Field
      label="Adjust server time"
      hint="Added to every time the server lists, in its file list and when comparing folders. A server that lists its own clock 2 hours ahead of yours needs −2 h. None: Ferry guesses whole-hour time zones when comparing."
    >
      {(id, d) => (
        <select
          id={id}
          aria-describedby={d}
          value={minutes}
          onChange={(e) => onChange(Number(e.target.value))}
        >
          {CHOICES.map((m) => (
            <option key={m} value={m}>
              {offsetText(m)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
