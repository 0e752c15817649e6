import type { Grade } from '../../../shared/contract/probe';
import { GRADE_MEANING } from './labels';

/** A grade letter with its meaning for screen readers and on hover. */
export function GradeBadge({ grade }: { grade: Grade }) {
  const label = `Grade ${grade}: ${GRADE_MEANING[grade]}`;
  return (
    <span
      className={`probe-grade probe-grade-${grade}`}
      role="img"
      aria-label={label}
      title={label}
    >
      {grade}
    </span>
  );
}
