import { GRADES, type Grade, type ProbeReason } from '../../../shared/contract/probe';

/** What grading found: weaknesses (each capping the grade) and plain notes. */
export interface Assessment {
  reasons: ProbeReason[];
  notes: string[];
}

export function emptyAssessment(): Assessment {
  return { reasons: [], notes: [] };
}

export function weakness(assessment: Assessment, caps: Grade, text: string): void {
  assessment.reasons.push({ caps, text });
}

/** The worst cap among the reasons; A when there are none. */
export function gradeOf(reasons: readonly ProbeReason[]): Grade {
  let worst = 0;
  for (const reason of reasons) worst = Math.max(worst, GRADES.indexOf(reason.caps));
  return GRADES[worst] ?? 'F';
}

/** Worst first; the order within one grade stays as found. */
export function worstFirst(reasons: readonly ProbeReason[]): ProbeReason[] {
  return [...reasons].sort((a, b) => GRADES.indexOf(b.caps) - GRADES.indexOf(a.caps));
}

export function merge(...parts: Assessment[]): Assessment {
  return {
    reasons: parts.flatMap((p) => p.reasons),
    notes: parts.flatMap((p) => p.notes),
  };
}
