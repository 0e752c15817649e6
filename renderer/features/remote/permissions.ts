/** Unix permission bits as the dialog shows them: who × what, and octal. */
export const WHO = ['Owner', 'Group', 'Others'] as const;
export const WHAT = ['Read', 'Write', 'Execute'] as const;

export function bitOf(who: number, what: number): number {
  return 1 << ((2 - who) * 3 + (2 - what));
}

export function toOctal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(3, '0');
}

/** Parses "755" or "0755"; undefined when it is not a permission number. */
export function parseOctal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^0?[0-7]{3}$/.test(trimmed)) return undefined;
  return parseInt(trimmed, 8);
}
