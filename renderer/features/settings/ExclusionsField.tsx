import { useId } from 'react';
import { exclusionProblem, exclusionsFromText, MAX_EXCLUSIONS } from '../../../shared/name-filter';

/** The first problem with the typed list in plain words, or undefined when it can be saved. */
export function exclusionsProblem(text: string): string | undefined {
  const patterns = exclusionsFromText(text);
  if (patterns.length > MAX_EXCLUSIONS) return `At most ${MAX_EXCLUSIONS} names or patterns.`;
  for (const pattern of patterns) {
    const problem = exclusionProblem(pattern);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * What folder transfers leave out: one name or pattern per line, checked as typed, the problem
 * right under the field (linked to it for screen readers).
 */
export function ExclusionsField({
  text,
  onChange,
}: {
  text: string;
  onChange(next: string): void;
}) {
  const id = useId();
  const problem = exclusionsProblem(text);
  return (
    <div className="exclusions">
      <label htmlFor={id}>Leave out of folder transfers</label>
      <textarea
        id={id}
        rows={4}
        spellCheck={false}
        placeholder={'.git\nnode_modules/\n*.tmp'}
        value={text}
        aria-invalid={problem !== undefined}
        aria-describedby={`${id}-help${problem ? ` ${id}-problem` : ''}`}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem && (
        <p id={`${id}-problem`} className="speed-limit-problem">
          {problem}
        </p>
      )}
      <p id={`${id}-help`} className="muted settings-help">
        One name or pattern per line (* for any characters, ? for one; a final / for folders only),
        left out at any depth when a folder is uploaded or downloaded. Files you pick yourself are
        always transferred.
      </p>
    </div>
  );
}
